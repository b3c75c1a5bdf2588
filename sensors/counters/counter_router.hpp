#pragma once
// From one vendor message (over MQTT, or a live sum over HTTP) to the samples the hub takes ([PLS1][OCCUPANCY], docs/protocol.md):
// an AOA event topic to the AOA reader, the Xovis topic to the Xovis reader, line readings
// through LineOccupancy, area and state counts as they are. Pure: no sockets, time handed in.
#include "counters_config.hpp"
#include "line_occupancy.hpp"
#include "occupancy.hpp"
#include "rejection.hpp"
#include "xovis_live.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace platslage::counters {

// Where the cameras publish AOA events, with the default topic prefix axis/<serial>.
inline constexpr std::string_view aoa_topic_filter = "axis/+/event/#";

struct Routed {
    std::vector<OccupancySample> samples; // the newest count of each zone the message moved
    std::vector<Rejection> refused;       // the message, or parts of it, refused
    std::size_t repeated = 0;             // Xovis bins or frames taken before, skipped
};

class CounterRouter {
public:
    // `xovis_filter`: the MQTT topic filter the Xovis sensors publish under.
    CounterRouter(const CountersConfig& cfg, std::string xovis_filter);

    Routed route(std::string_view topic, std::string_view payload, TimePoint now);
    // An AXIS People Counter's live sum, polled from the camera or pushed by it over HTTP: the
    // same running totals as MQTT readings of a line, through the same LineOccupancy.
    Routed route_live_sum(std::string_view payload, TimePoint now);

    // The baselines and counts a restart must not lose (counter_state.hpp keeps them in a file).
    nlohmann::json save() const;
    // Throws when `state` is not one save() wrote; then nothing is changed.
    void load(const nlohmann::json& state);

private:
    void take(const CounterReading& r, Routed& out);

    std::vector<AoaScenario> aoa_;
    std::string xovis_filter_;
    XovisLive xovis_;
    LineOccupancy lines_;
};

} // namespace platslage::counters
