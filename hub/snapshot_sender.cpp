#include "snapshot_sender.hpp"

#include "zmq_frames.hpp"

#include <spdlog/spdlog.h>

namespace platslage {

bool SnapshotSender::start(const Frames& envelope, const LiveState& state, const std::string& prefix,
                           std::uint64_t epoch, TimePoint now) {
    // The same reader asking again starts over: its old replies would only be thrown away.
    pending_.remove_if([&](const Pending& p) { return p.envelope == envelope; });
    if (pending_.size() >= limits_.in_flight) return false;
    Pending p{envelope, {}, 0, state.sequence(), epoch, now, now};
    const auto& entries = state.entries();
    for (auto it = entries.lower_bound(prefix); it != entries.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
        p.entries.emplace_back(it->first, it->second);
    pending_.push_back(std::move(p));
    return true;
}

bool SnapshotSender::send_to(zmq::socket_t& router, const Frames& envelope, Frames body) {
    Frames out = envelope;
    out.insert(out.end(), std::make_move_iterator(body.begin()), std::make_move_iterator(body.end()));
    return send_frames(router, out, /*dont_wait=*/true);
}

void SnapshotSender::pump(zmq::socket_t& router, TimePoint now) {
    const auto began = std::chrono::steady_clock::now();
    auto in_budget = [&] { return std::chrono::steady_clock::now() - began < limits_.turn_budget; };
    for (auto it = pending_.begin(); it != pending_.end();) {
        auto& p = *it;
        bool done = false, gone = false;
        try {
            std::size_t sent = 0;
            while (p.next < p.entries.size() && (sent % 64 != 0 || in_budget()) &&
                   send_to(router, p.envelope, encode_snapshot_item(p.entries[p.next].first, p.seq, p.entries[p.next].second))) {
                ++p.next;
                ++sent;
            }
            if (p.next == p.entries.size()) done = send_to(router, p.envelope, encode_snapshot_end(p.seq, p.epoch));
            if (sent > 0 || done) p.progressed = now;
        } catch (const zmq::error_t& e) {
            gone = true; // EHOSTUNREACH: the reader's socket is closed
            spdlog::debug("snapshot: reader went away after {} of {} entries: {}", p.next, p.entries.size(), e.what());
        }
        if (done) {
            ++completed_;
            it = pending_.erase(it);
        } else if (gone || now - p.progressed > limits_.stall_limit || now - p.started > limits_.whole_limit) {
            if (!gone) spdlog::warn("snapshot: a reader took {} of {} entries in {} s; given up", p.next, p.entries.size(),
                                    (now - p.started).count() / 1000);
            ++abandoned_;
            it = pending_.erase(it);
        } else {
            ++it;
        }
    }
}

} // namespace platslage
