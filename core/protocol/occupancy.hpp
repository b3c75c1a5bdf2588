#pragma once
// Occupancy samples from people counters, and the board of the latest count per zone.
// Samples are state, not events to add up: the newest count for a zone replaces the last.
#include "checked.hpp"
#include "clock.hpp"
#include "zone_map.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace platslage {

inline constexpr std::size_t max_sample_bytes = 1024;
inline constexpr int max_occupancy = 100000;
inline constexpr std::size_t max_sample_id_chars = 64;              // "sensor" and "zone"
inline constexpr Millis max_sample_clock_ahead{std::chrono::minutes(10)}; // "ts" after the hub's clock

struct OccupancySample {
    std::string sensor; // counter id, e.g. "axis-cent-hall-1"
    std::string zone;
    TimePoint ts;
    int count = 0;      // people in the zone now
};

Checked<OccupancySample> parse_occupancy_sample(std::string_view payload, const ZoneMap& zones, TimePoint now);
// The checks after each field has its type, length and range: the counter's id and the zone.
// One function for both readers of a sample (this one and SampleReader's quick path).
Checked<OccupancySample> admit_sample(std::string sensor, std::string zone, TimePoint ts, int count,
                                      const ZoneMap& zones);
nlohmann::json to_json(const OccupancySample& s);

// A sample stamped this long before the hub's clock is not the zone's count now: a counter
// whose clock is wrong (a camera still at its factory date, a year off) or one that sends
// what it buffered long ago. Refused, and the zone's counter shown as faulty, not believed.
inline constexpr Millis max_sample_age{std::chrono::minutes(15)};
// Why `s` is too old to be taken as the zone's count at `now`, or nullopt when it is not.
std::optional<Rejection> sample_too_old(const OccupancySample& s, TimePoint now);

// none: never counted; ok: counting; silent: nothing heard for a while; clock_wrong: heard,
// but its samples are refused for their time (sample_too_old), so its count is not shown as now.
enum class SensorHealth { none, ok, silent, clock_wrong };
inline constexpr std::size_t sensor_health_count = 4;
std::string_view health_name(SensorHealth h);

struct ZoneOccupancy {
    int count = 0;
    TimePoint measured;   // sample time
    std::string sensor;
    TimePoint heard;      // when the hub last heard from that sensor
    SensorHealth health = SensorHealth::none;
};

class OccupancyBoard {
public:
    explicit OccupancyBoard(Millis silent_after) : silent_after_(silent_after) {}

    // Returns true when the zone's visible state changed. An older sample than the one
    // shown does not replace it (counters may deliver out of order after a reconnect).
    bool apply(const OccupancySample& s, TimePoint heard);
    // A sample refused by sample_too_old: its counter is heard, but its count is not taken.
    // Returns true when the zone's visible state changed.
    bool clock_wrong(const OccupancySample& s, TimePoint heard);
    // Zones whose sensor has just gone silent (nothing heard for `silent_after`).
    std::vector<std::string> mark_silent(TimePoint now);

    const ZoneOccupancy* find(const std::string& zone) const;
    const std::map<std::string, ZoneOccupancy>& zones() const { return zones_; }

    nlohmann::json save() const;
    void load(const nlohmann::json& j);

private:
    Millis silent_after_;
    std::map<std::string, ZoneOccupancy> zones_;
};

} // namespace platslage
