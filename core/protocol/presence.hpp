#pragma once
// Who is on site: guards' shifts, outreach teams' status, and devices' online flags.
// Like reports, these describe equipment and teams, never the people they meet.
#include "checked.hpp"
#include "organisation.hpp"
#include "clock.hpp"
#include "topic.hpp"
#include "zone_map.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>

namespace platslage {

inline constexpr std::size_t max_presence_bytes = 1024;

struct ShiftEvent {
    std::string station;
    std::string device;
    TimePoint ts;
    bool starts = true; // "start" or "end"
    int guards = 1;     // how many guards carry this handheld's patrol
};

enum class TeamStatus { available, en_route, on_scene, engaged, off_duty };

struct OutreachStatus {
    std::string station;
    std::string team;
    TimePoint ts;
    TeamStatus status = TeamStatus::available;
    std::string zone;         // where the team is; empty only when off duty
    int members = 2;          // outreach works in pairs
    std::string organisation; // from the documented list, e.g. "socialforvaltningen"
};

struct DeviceOnline {
    std::string station;
    std::string device;
    bool online = false;
    std::optional<TimePoint> ts; // absent in a last will, which is written at connect time
};

std::string_view status_name(TeamStatus s);

Checked<ShiftEvent> parse_shift_event(const Topic& topic, std::string_view payload, const ZoneMap& zones, TimePoint now);
Checked<OutreachStatus> parse_outreach_status(const Topic& topic, std::string_view payload, const ZoneMap& zones,
                                              TimePoint now);
Checked<DeviceOnline> parse_device_online(const Topic& topic, std::string_view payload, const ZoneMap& zones,
                                          TimePoint now);

// Wire forms, also stored in the event log.
nlohmann::json to_json(const ShiftEvent& e);
nlohmann::json to_json(const OutreachStatus& s);
nlohmann::json to_json(const DeviceOnline& d);

} // namespace platslage
