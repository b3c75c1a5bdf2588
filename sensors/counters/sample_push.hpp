#pragma once
// Occupancy samples to the hub's ingest, the way every counter sends them: one ZeroMQ PUSH
// socket, [PLS1][OCCUPANCY][json] (docs/protocol.md, "ZeroMQ: sensor ingest").
#include "curve_keys.hpp"
#include "occupancy.hpp"

#include <zmq.hpp>

#include <cstdint>
#include <string>

namespace platslage::counters {

class SamplePush {
public:
    // With keys, a CURVE client the hub admits only for a key card of role `sensor`.
    SamplePush(zmq::context_t& ctx, const std::string& endpoint, const std::optional<CurveClientKeys>& keys);

    // Never blocks the loop: while the hub is away ZeroMQ queues up to its high-water mark,
    // then samples are dropped (and counted). Counts are state; a newer one follows.
    bool send(const OccupancySample& s);

    std::uint64_t sent() const { return sent_; }
    std::uint64_t dropped() const { return dropped_; }

private:
    zmq::socket_t push_;
    std::uint64_t sent_ = 0;
    std::uint64_t dropped_ = 0;
};

} // namespace platslage::counters
