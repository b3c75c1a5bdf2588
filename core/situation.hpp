#pragma once
// The situation on site: accepted events folded into the shared picture (LiveState).
// Pure: events carry the time the hub heard them; tick() is given the clock.
#include "clock.hpp"
#include "guard_report.hpp"
#include "live_state.hpp"
#include "occupancy.hpp"
#include "presence.hpp"
#include "zone_map.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

namespace platslage {

struct SituationSettings {
    Millis sensor_silent_after{std::chrono::minutes(2)};
    std::size_t recent_reports = 200; // guard reports kept in the live picture
};

class Situation {
public:
    Situation(const ZoneMap& zones, SituationSettings settings);

    // Each returns the updates it caused, numbered, in order. `log_id` is the report's row
    // in the event log: stable across restarts, so it names the report in the picture.
    std::vector<Update> record(const GuardReport& r, std::int64_t log_id, TimePoint heard);
    std::vector<Update> record(const ShiftEvent& e, TimePoint heard);
    std::vector<Update> record(const OutreachStatus& s, TimePoint heard);
    std::vector<Update> record(const DeviceOnline& d, TimePoint heard);
    std::vector<Update> record(const OccupancySample& s, TimePoint heard);

    // Time-driven changes: sensors that went silent.
    std::vector<Update> tick(const Clock& clock);

    const LiveState& state() const { return state_; }
    const OccupancyBoard& occupancy() const { return board_; }
    // People counted now at a station (zones with a live or last-known count).
    int station_occupancy(const std::string& station) const;
    std::size_t open_alerts() const;

private:
    struct DeviceSeen {
        std::string station;
        std::string role;
        std::optional<bool> online;
        std::optional<bool> on_shift;
        int guards = 0;
        TimePoint last_seen;
    };
    // A team is one team wherever it works: it moves between the two stations.
    struct TeamSeen {
        std::string station;
        TeamStatus status = TeamStatus::available;
    };

    void publish_zone(const Zone& z, std::vector<Update>& out);
    void publish_station(const std::string& station, std::vector<Update>& out);
    // Devices are named by their topic's station and id: two stations may both have an "hh-01".
    DeviceSeen& device_at(const std::string& station, const std::string& device);
    void publish_device(const std::string& station, const std::string& device, std::vector<Update>& out);
    void put(const std::string& key, const nlohmann::json& body, std::vector<Update>& out);

    struct LastReport {
        TimePoint ts;
        ReportKind kind;
        int persons;
        std::vector<Category> categories;
    };

    const ZoneMap& zones_;
    SituationSettings settings_;
    LiveState state_;
    OccupancyBoard board_;
    std::map<std::string, LastReport> last_report_;   // by zone
    std::map<std::string, DeviceSeen> devices_; // by "<station>/<device>"
    std::map<std::string, TeamSeen> teams_;     // by team id
    std::deque<std::string> report_keys_;
};

} // namespace platslage
