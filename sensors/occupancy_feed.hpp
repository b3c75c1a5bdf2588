#pragma once
// Simulated people counters: one per zone of every station, each reporting its count
// every sample period over one ZeroMQ PUSH socket to the hub's ingest (PULL):
// [PLS1][OCCUPANCY][json] (docs/protocol.md).
#include "clock.hpp"
#include "day_curve.hpp"
#include "zone_map.hpp"

#include <zmq.hpp>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace platslage::sim {

// "centralen.toaletter" → "sim-cent-toaletter": a counter's id, 1-32 of [A-Za-z0-9_-].
// Unique within `taken`, which it extends.
std::string sensor_id(const std::string& zone_id, std::vector<std::string>& taken);

class OccupancyFeed {
public:
    // `temperature_c`: a fixed outdoor temperature (an extra cold night on demand), or none
    // to follow Stockholm's month and hour.
    OccupancyFeed(zmq::context_t& ctx, const std::string& endpoint, const ZoneMap& zones, std::uint32_t seed,
                  Millis period, std::optional<double> temperature_c = std::nullopt);

    // Sends one sample per zone whenever a period has passed on the wall clock, and the
    // outdoor temperature once a minute ([PLS1][WEATHER], source "sim-smhi"). A counter
    // counts in real time whatever the simulation speed: the crowd follows the real hour.
    void tick(TimePoint now, double local_hour);

    std::uint64_t samples_sent() const { return sent_; }
    std::uint64_t samples_dropped() const { return dropped_; }

private:
    struct Counter {
        std::string sensor;
        const Zone* zone;
        CountNoise noise;
    };

    zmq::socket_t push_;
    std::vector<Counter> counters_;
    std::mt19937 rng_;
    Millis period_;
    TimePoint next_{};
    TimePoint next_weather_{};
    std::optional<double> temperature_c_;
    std::uint64_t sent_ = 0;
    std::uint64_t dropped_ = 0;
};

} // namespace platslage::sim
