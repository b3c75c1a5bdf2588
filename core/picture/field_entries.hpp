#pragma once
// The picture's entries about the work on the ground (docs/protocol.md, "The live picture"):
// a guard report (`report/<log id>`), a device (`device/<station>/<device>`) and an outreach
// team (`team/<team>`), typed. The hub publishes them with to_json; the consoles read them
// with *_entry_from, which never throws and reads a missing or mistyped field as absent.
#include "clock.hpp"
#include "guard_report.hpp"
#include "presence.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace platslage {

// A report as the consoles see it: the guard's report (its note already scrubbed) with when
// the hub heard it. The note's redaction count is the log's business, not the picture's.
struct ReportEntry {
    GuardReport report;
    TimePoint received;
};
// "report/000000000042": keys sort by the log's row, so in order of arrival.
std::string report_key(std::int64_t log_id);

struct DeviceEntry {
    std::string id;
    std::string station;
    std::string role; // guard | outreach | device
    TimePoint last_seen;
    std::optional<bool> online;   // none until the device said
    std::optional<bool> on_shift; // guards only
    int guards = 0;               // guards only: how many carry this handheld's patrol
    bool operator==(const DeviceEntry&) const = default;
};

struct TeamEntry {
    std::string id;
    std::string station;
    TeamStatus status = TeamStatus::available;
    std::string zone; // empty: not in a zone
    int members = 0;
    std::string org;
    TimePoint ts;        // the team's own time of its status
    TimePoint last_seen; // when the hub heard it
    bool silent = false; // not heard from lately: sent nowhere until it is
    bool operator==(const TeamEntry&) const = default;
};

nlohmann::json to_json(const ReportEntry& r);
std::optional<ReportEntry> report_entry_from(const nlohmann::json& object);
nlohmann::json to_json(const DeviceEntry& d);
std::optional<DeviceEntry> device_entry_from(const nlohmann::json& object);
nlohmann::json to_json(const TeamEntry& t);
// Refuses a team without a status it knows: guessing one could offer a team that is off duty.
std::optional<TeamEntry> team_entry_from(const nlohmann::json& object);

} // namespace platslage
