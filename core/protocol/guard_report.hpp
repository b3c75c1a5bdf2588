#pragma once
// A guard's report from a handheld: what was seen, where, when. Never who.
#include "checked.hpp"
#include "clock.hpp"
#include "topic.hpp"
#include "zone_map.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platslage {

enum class ReportKind { observation, incident, patrol };

// The documented list of situations a guard can report (docs/protocol.md).
enum class Category {
    sleeping,             // resting or sleeping at the station
    intoxicated,          // under the influence
    distress,             // in visible distress
    needs_care,           // needs medical or psychiatric care
    minor,                // under 18
    family_with_children, // adults with children
    elderly,              // 65 or older: a target group of the city's programme
};

inline constexpr std::size_t max_report_bytes = 4096;
inline constexpr std::size_t max_note_chars = 500;
inline constexpr int max_persons = 500;

std::string_view kind_name(ReportKind k);
inline constexpr std::size_t category_count = 7;
std::string_view category_name(Category c);
std::optional<Category> category_from_name(std::string_view name);
// A reported category as people say it: "family_with_children" → "family with children",
// "distress" → "in distress", "elderly" → "elderly (65+)". A name the protocol does not
// know is shown as it came.
std::string category_words(std::string_view name);
const std::vector<Category>& all_categories();

struct GuardReport {
    std::string station;
    std::string device;    // the handheld, from the topic
    std::string id;        // unique per device; (device, id) deduplicates
    TimePoint ts;          // when the guard saw it
    std::string zone;
    ReportKind kind = ReportKind::observation;
    int persons = 0;
    std::vector<Category> categories;
    std::string note;      // already scrubbed of identifiers
    int note_redactions = 0;
    // How many of `persons` the guard took for women and for men; the rest are unknown. Counts
    // only, for the partnership's monthly follow-up: never who. An extension of v1
    // that older handhelds need not send: nullopt when the report did not say.
    std::optional<int> women = std::nullopt;
    std::optional<int> men = std::nullopt;
    // Who told of it when the guard did not see it: a tip from "public", "relative", "police"
    // or "district_office" (tip_sources()); empty for what the guard saw. The kind of source,
    // never the person. An extension of v1 that older handhelds need not send.
    std::string tip_from = {};
};

// The kinds of source a tip may come from, as the protocol names them.
const std::vector<std::string_view>& tip_sources();
// "district_office" → "a district office": how the console and the agenda say where a tip came from.
std::string tip_source_words(std::string_view source);

// Reports an operator entered in the console (a tip by telephone or at the desk) are stored
// under the device "console-<position>": no handheld, so no device to follow in the picture.
inline constexpr std::string_view console_device_prefix = "console-";
bool entered_at_console(const GuardReport& r);

// Checks a payload that arrived on `topic` (a guard_report topic) against protocol v1 and
// the maps. `now` bounds how far ahead of the hub a device clock may be.
Checked<GuardReport> parse_guard_report(const Topic& topic, std::string_view payload, const ZoneMap& zones,
                                        TimePoint now);

// The wire form (station and device travel in the topic); also what the event log stores,
// so a replay checks stored reports with the same parse_guard_report.
nlohmann::json to_json(const GuardReport& r);

} // namespace platslage
