#pragma once
// Simulated people counters: one per zone of every station, each reporting its count
// every sample period over one ZeroMQ PUSH socket to the hub's ingest (PULL):
// [PLS1][OCCUPANCY][json] (docs/protocol.md). The same socket carries the weather
// ([PLS1][WEATHER]) and, only when asked for, the night shelters ([PLS1][SHELTER],
// docs/simulation.md), which today's hub does not take yet.
#include "clock.hpp"
#include "curve_keys.hpp"
#include "day_curve.hpp"
#include "night_shelters.hpp"
#include "sim_clock.hpp"
#include "weather_curve.hpp"
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
    // `mix` must outlive the feed. `shelters`: send the night shelters' counts too.
    OccupancyFeed(zmq::context_t& ctx, const std::string& endpoint, const std::optional<CurveClientKeys>& keys,
                  const ZoneMap& zones, std::uint32_t seed, Millis period, const SiteMix& mix, WeatherCurve weather,
                  std::optional<NightShelters> shelters);

    // Sends one sample per zone whenever a period has passed on the wall clock (`stamp`),
    // counted as the crowd is at the simulated moment `now`; the weather (source "sim-smhi")
    // and the shelters every ten simulated minutes, and at least once a real minute.
    void tick(TimePoint stamp, const SimMoment& now);

    // The weather at the simulated moment, as sent.
    WeatherNow weather_at(const SimMoment& now) const { return weather_.at(now.hour); }

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
    const SiteMix& mix_;
    WeatherCurve weather_;
    std::optional<NightShelters> shelters_;
    TimePoint next_{};
    TimePoint next_weather_stamp_{};
    TimePoint next_weather_sim_{};
    std::uint64_t sent_ = 0;
    std::uint64_t dropped_ = 0;
};

} // namespace platslage::sim
