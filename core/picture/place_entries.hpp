#pragma once
// The picture's entries about places (docs/protocol.md, "The live picture"): a zone
// (`zone/<zone>`) and a station's summary (`station/<station>`), typed. The hub publishes
// them with to_json; the consoles read them with *_entry_from, which never throws and reads
// a missing or mistyped field as absent.
#include "alert.hpp"
#include "clock.hpp"
#include "guard_report.hpp"
#include "occupancy.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace platslage {

// The zone's newest guard report, as counts and categories: never who.
struct ZoneLastReport {
    TimePoint ts;
    ReportKind kind = ReportKind::observation;
    int persons = 0;
    std::vector<Category> categories;
    bool operator==(const ZoneLastReport&) const = default;
};

struct TeamPresent {
    std::string team;
    TimePoint since;
    bool operator==(const TeamPresent&) const = default;
};

struct ZoneEntry {
    std::string id;
    std::string station;
    int capacity = 0;
    std::optional<int> occupancy;        // none until a counter has reported
    SensorHealth sensor = SensorHealth::none;
    std::optional<TimePoint> measured;   // with the count
    std::optional<ZoneLastReport> last_report;
    int hotspot_score = 0;               // 0-100
    std::vector<std::string> hotspot_parts; // the reasons, most important first
    // The most people reported at once in each category over the window, in category order.
    std::vector<std::pair<Category, int>> reported;
    int incidents = 0;
    std::vector<TeamPresent> teams_present;
    std::optional<TimePoint> last_outreach;
    std::optional<TimePoint> last_patrol;
    bool operator==(const ZoneEntry&) const = default;
};

struct StationEntry {
    std::string id;
    int occupancy = 0;
    int zones = 0;
    int zones_counted = 0;
    int sensors_silent = 0;
    int guards_on_shift = 0;
    int teams_on_site = 0;
    int hotspot_max = 0;
    int hot_zones = 0;
    std::array<int, severity_count> alerts_open{}; // by Severity
    bool extra_cold = false;
    bool operator==(const StationEntry&) const = default;
};

nlohmann::json to_json(const ZoneEntry& z);
std::optional<ZoneEntry> zone_entry_from(const nlohmann::json& object);
nlohmann::json to_json(const StationEntry& s);
std::optional<StationEntry> station_entry_from(const nlohmann::json& object);

} // namespace platslage
