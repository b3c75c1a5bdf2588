#pragma once
// A client's copy of the shared picture, kept honest (the Clone pattern, client side):
// subscribe first, ask for a snapshot, drop queued updates at or below the snapshot's
// number, and treat a gap, a hub restart or missing heartbeats as stale, so the client
// resyncs instead of showing a picture it cannot vouch for. No sockets here.
#include "clock.hpp"
#include "live_state.hpp"
#include "wire.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace platslage {

enum class LinkState {
    connecting,   // waiting for the first snapshot
    live,         // in step with the hub
    stale,        // a gap, a restart or silence: the picture may be old; resyncing
    disconnected, // the hub does not answer
};
std::string_view link_name(LinkState s);

class Replica {
public:
    explicit Replica(Millis silence_limit) : silence_limit_(silence_limit) {}

    // Start (or restart) a sync: the caller has subscribed and now sends SNAPSHOT.
    void begin_sync(TimePoint now);
    void on_published(const Published& p, TimePoint now);
    // Each item is a sign of life: a large snapshot that keeps arriving is not a silent hub.
    void on_snapshot_item(const Update& item, TimePoint now);
    void on_snapshot_end(std::uint64_t seq, std::uint64_t epoch, TimePoint now);
    // The hub answered the snapshot request with an error (busy): ask again after `retry_after`.
    void on_snapshot_refused(const std::string& why, TimePoint now, Millis retry_after = std::chrono::seconds(1));
    // Silence checks; call often. Afterwards needs_resync() says whether to begin_sync.
    void check(TimePoint now);

    bool needs_resync() const { return needs_resync_; }
    LinkState link() const { return link_; }
    const std::string& why() const { return why_; }
    std::uint64_t sequence() const { return seq_; }
    std::uint64_t resyncs() const { return resyncs_; }
    TimePoint last_heard() const { return last_heard_; }
    const std::map<std::string, std::string>& entries() const { return entries_; }
    // Bumped on every visible change, so a UI knows when to copy a new snapshot.
    std::uint64_t version() const { return version_; }

private:
    void apply(const Update& u);
    void go_stale(std::string why);

    Millis silence_limit_;
    LinkState link_ = LinkState::connecting;
    bool syncing_ = false;
    bool needs_resync_ = true;
    std::string why_ = "not yet synchronised";
    std::uint64_t seq_ = 0;
    std::uint64_t epoch_ = 0;
    std::uint64_t resyncs_ = 0;
    std::uint64_t version_ = 0;
    TimePoint sync_started_{};
    TimePoint sync_heard_{}; // the last snapshot item, or the request
    std::optional<TimePoint> retry_at_; // a refused snapshot is asked for again then
    TimePoint last_heard_{};
    std::map<std::string, std::string> entries_;
    std::map<std::string, std::string> incoming_; // snapshot being received
    std::vector<Published> queued_;               // updates that arrived during the sync
};

} // namespace platslage
