#pragma once
// The hub's status: the STATUS reply's JSON (docs/protocol.md) and the periodic log line.
#include "hub_context.hpp"
#include "refusals.hpp"

#include <cstdint>
#include <string>

namespace platslage {

// What the request desk's snapshots came to.
struct SnapshotCounts {
    std::size_t sending = 0;
    std::uint64_t completed = 0;
    std::uint64_t abandoned = 0;
    std::uint64_t busy = 0; // requests answered "busy"
};

// What the request desk's statistics and searches came to (follow_up_worker.hpp).
struct FollowUpCounts {
    std::uint64_t answered = 0; // tables sent
    std::uint64_t failed = 0;   // the log could not be read for a query or a search
    std::uint64_t busy = 0;     // queries and searches refused because max_follow_up_waiting were waiting
    std::uint64_t searched = 0; // searches answered
};

class HubStatus {
public:
    HubStatus(const HubContext& hub, const Refusals& refusals) : hub_(hub), refusals_(refusals) {}

    std::string json(bool mqtt_connected, const SnapshotCounts& snapshots, const FollowUpCounts& statistics) const;
    std::string line(bool mqtt_connected) const;

private:
    const HubContext& hub_;
    const Refusals& refusals_;
};

} // namespace platslage
