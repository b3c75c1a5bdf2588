#pragma once
// AXIS Object Analytics (AOA) events as the camera's own MQTT client publishes them
// (docs/vendor-formats.md, section 2). Topic `axis/<SERIAL>/event/<condition>`, the
// condition `[tns:axis/]CameraApplicationPlatform/ObjectAnalytics/Device1Scenario<N>`:
//
//   {"topic": "axis:CameraApplicationPlatform/ObjectAnalytics/Device1Scenario1",
//    "timestamp": 1795413785123, "serial": "ACCC8E012345",
//    "message": {"source": {}, "key": {}, "data": {"startTime": "2026-11-17T03:00:02Z",
//                "reason": "human", "total": "318", "totalHuman": "318", ...}}}
//
// A crossline counting scenario counts one direction and sends its totals since the last
// reset, per object class; an occupancy-in-area scenario sends the objects in the area now.
// Only the people are read. Nothing in the
// payload says which kind a scenario is, so the counters config declares it, and a
// scenario it does not declare is refused rather than guessed.
#include "checked.hpp"
#include "counter_reading.hpp"

#include <span>
#include <string>
#include <string_view>

namespace platslage::counters {

enum class AoaKind {
    crossline_in,  // a crossline scenario whose direction walks into the zone
    crossline_out, // one whose direction walks out of it
    area,          // occupancy in area: its area is the zone
};

// One scenario on one camera, from the counters config.
struct AoaScenario {
    std::string device; // the camera's serial, normalised (device_serial.hpp)
    int scenario = 0;   // N in Device1ScenarioN
    AoaKind kind = AoaKind::crossline_in;
    std::string sensor; // the id the hub sees
    std::string zone;
};

// The line a crossline scenario is to LineOccupancy: "Device1Scenario3".
std::string aoa_line_name(int scenario);

struct AoaTopic {
    std::string serial; // normalised
    int scenario = 0;
};
// Only the scenario topics themselves: `...Device1Scenario1Threshold` and every other event
// under the prefix is refused as unknown_topic.
Checked<AoaTopic> parse_aoa_topic(std::string_view topic);

// A crossline event as the scenario's totals of people (`in` = `totalHuman`, `out` = 0;
// `total` adds every class the scenario counts, vehicles too; LineOccupancy turns a lower
// total into a reset and a total past 2³² into a wrap), or an area event's `human` as the
// zone's sample. `now` catches a camera whose clock runs ahead.
Checked<CounterReading> parse_aoa_event(std::string_view topic, std::string_view payload,
                                        std::span<const AoaScenario> scenarios, TimePoint now);

} // namespace platslage::counters
