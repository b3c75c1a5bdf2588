#include "replica.hpp"

namespace platslage {

std::string_view link_name(LinkState s) {
    switch (s) {
    case LinkState::connecting: return "connecting";
    case LinkState::live: return "live";
    case LinkState::stale: return "stale";
    case LinkState::disconnected: return "disconnected";
    }
    return "disconnected";
}

void Replica::begin_sync(TimePoint now) {
    if (seq_ != 0 || epoch_ != 0) ++resyncs_;
    retry_at_.reset();
    syncing_ = true;
    needs_resync_ = false;
    sync_started_ = now;
    sync_heard_ = now;
    incoming_.clear();
    queued_.clear();
}

void Replica::go_stale(std::string why) {
    if (link_ == LinkState::live || link_ == LinkState::connecting) link_ = LinkState::stale;
    why_ = std::move(why);
    needs_resync_ = true;
    ++version_;
}

void Replica::apply(const Update& u) {
    if (u.body.empty())
        entries_.erase(u.key);
    else
        entries_[u.key] = u.body;
    seq_ = u.seq;
    ++version_;
}

void Replica::on_published(const Published& p, TimePoint now) {
    last_heard_ = now;
    if (syncing_) {
        if (!p.heartbeat) queued_.push_back(p);
        return;
    }
    if (link_ != LinkState::live) return; // waiting for a resync to begin
    if (p.beat.epoch != epoch_) return go_stale("the hub restarted");
    if (p.heartbeat) {
        if (p.beat.seq > seq_) return go_stale("missed updates " + std::to_string(seq_ + 1) + "…" + std::to_string(p.beat.seq));
        return;
    }
    if (p.update.seq <= seq_) return; // already in the picture
    if (p.update.seq != seq_ + 1)
        return go_stale("gap: expected update " + std::to_string(seq_ + 1) + ", got " + std::to_string(p.update.seq));
    apply(p.update);
}

void Replica::on_snapshot_item(const Update& item, TimePoint now) {
    if (!syncing_) return;
    incoming_[item.key] = item.body;
    sync_heard_ = now;
}

void Replica::on_snapshot_end(std::uint64_t seq, std::uint64_t epoch, TimePoint now) {
    if (!syncing_) return;
    syncing_ = false;
    entries_ = std::move(incoming_);
    incoming_.clear();
    seq_ = seq;
    epoch_ = epoch;
    last_heard_ = now;
    link_ = LinkState::live;
    why_.clear();
    ++version_;
    for (const auto& q : queued_) {
        if (q.beat.epoch != epoch_) continue; // from the hub's previous life
        const auto& u = q.update;
        if (u.seq <= seq_) continue; // already in the snapshot
        if (u.seq != seq_ + 1) {
            go_stale("gap after snapshot: expected " + std::to_string(seq_ + 1) + ", got " + std::to_string(u.seq));
            break;
        }
        apply(u);
    }
    queued_.clear();
}

void Replica::on_snapshot_refused(const std::string& why, TimePoint now, Millis retry_after) {
    if (!syncing_) return;
    syncing_ = false;
    incoming_.clear();
    queued_.clear();
    if (link_ == LinkState::live) link_ = LinkState::stale;
    why_ = "the hub asked to wait: " + why;
    retry_at_ = now + retry_after;
    ++version_;
}

void Replica::check(TimePoint now) {
    if (retry_at_) {
        if (now >= *retry_at_) {
            retry_at_.reset();
            needs_resync_ = true;
        }
        return;
    }
    if (syncing_) {
        if (now - sync_heard_ > silence_limit_) {
            syncing_ = false;
            link_ = LinkState::disconnected;
            why_ = "the hub does not answer";
            needs_resync_ = true;
            ++version_;
        }
        return;
    }
    if (link_ == LinkState::live && now - last_heard_ > silence_limit_)
        go_stale("no heartbeat for " + std::to_string((now - last_heard_).count() / 1000) + " s");
}

} // namespace platslage
