#pragma once
// Snapshots that always arrive whole (the Clone pattern's late joiner), however large the
// picture and however slowly the console reads. The entries wanted are copied when the
// request comes, with the sequence number they reflect, and sent over the following turns as
// fast as the reader takes them: the ROUTER holds at most its high-water mark for each peer,
// and what does not fit waits here instead of being dropped. A reader that takes nothing for
// `stall_limit`, or has not taken it all after `whole_limit`, loses its snapshot (its replica
// times out and asks again): a reader that only trickles cannot hold a place for good. A
// peer's new request replaces its old one; beyond `in_flight` snapshots the request is
// answered "busy", and the client asks again a moment later. Sending stops for the turn after
// `turn_budget`, so snapshots never hold back the inputs.
#include "clock.hpp"
#include "live_state.hpp"
#include "wire.hpp"

#include <zmq.hpp>

#include <cstdint>
#include <list>
#include <string>
#include <utility>
#include <vector>

namespace platslage {

struct SnapshotLimits {
    std::size_t in_flight = 32;
    Millis stall_limit{std::chrono::seconds(10)};
    Millis whole_limit{std::chrono::seconds(60)};
    std::chrono::microseconds turn_budget{5000};
};

class SnapshotSender {
public:
    explicit SnapshotSender(SnapshotLimits limits = {}) : limits_(limits) {}

    // Takes a copy of the entries under `prefix`; false when too many are in flight (answer busy).
    bool start(const Frames& envelope, const LiveState& state, const std::string& prefix, std::uint64_t epoch,
               TimePoint now);
    // Sends what each reader's queue takes now, and lets go of stalled or departed readers.
    void pump(zmq::socket_t& router, TimePoint now);

    bool busy() const { return !pending_.empty(); }
    std::size_t in_flight() const { return pending_.size(); }
    std::uint64_t completed() const { return completed_; }
    std::uint64_t abandoned() const { return abandoned_; }

private:
    struct Pending {
        Frames envelope;
        std::vector<std::pair<std::string, std::string>> entries;
        std::size_t next = 0;
        std::uint64_t seq = 0;
        std::uint64_t epoch = 0;
        TimePoint started;
        TimePoint progressed;
    };
    // False when the reader's queue is full; throws zmq::error_t when the reader is gone.
    static bool send_to(zmq::socket_t& router, const Frames& envelope, Frames body);

    SnapshotLimits limits_;
    std::list<Pending> pending_;
    std::uint64_t completed_ = 0;
    std::uint64_t abandoned_ = 0;
};

} // namespace platslage
