#pragma once
// Searching the event log, as an operator looks back over a night: by time, station, zone,
// category, or an alert's id. The SEARCH request carries a LogQuery as JSON and is answered
// off the hub's loop (docs/protocol.md, "Search"); each hit is one line in words, from the
// guard reports (tips among them), the alerts' steps, the dispatch orders and the shift log.
#include "checked.hpp"
#include "clock.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace platslage {

// One search reads at most this long a span, and answers at most this many hits.
inline constexpr Millis max_search_span{std::chrono::days(31)};
inline constexpr int max_search_hits = 500;
inline constexpr int default_search_hits = 200;

struct LogQuery {
    TimePoint from{}, to{}; // heard or happened in [from, to); ignored for an alert's id
    std::string station;    // "" for both
    std::string zone;       // "" for every zone
    std::string category;   // "" for any; else reports and orders with it
    std::string alert;      // "" or "A-000042": that alert's whole story, whenever it happened
    int limit = default_search_hits;
    bool operator==(const LogQuery&) const = default;
};

// {"from":"…","to":"…","station"?,"zone"?,"category"?,"alert"?,"limit"?}: `from` and `to`
// (RFC 3339) required unless `alert` is given, then both optional. Refused with the field
// named: `to` before `from`, a span over 31 days, an unknown category, an alert id that is
// none, a limit outside 1-500. Whether the station and zone are in the maps is the caller's.
Checked<LogQuery> parse_log_query(std::string_view json);
std::string log_query_json(const LogQuery& q);

struct LogHit {
    TimePoint at;
    std::string source; // report | alert | order | shift_note | handover
    std::string id;     // the report's log key, the alert's, the order's or the entry's id
    std::string station, zone;
    std::string by;     // the device, position, team or "hub"
    std::string text;   // what happened, in words
    bool operator==(const LogHit&) const = default;
};

// The reply: {"query":{…},"hits":[{"at","source","id","station","zone","by","text"}…],"more":bool},
// newest first; `more` when the limit cut the list.
std::string log_hits_json(const LogQuery& q, const std::vector<LogHit>& hits, bool more);
struct LogHits {
    std::vector<LogHit> hits;
    bool more = false;
};
// Read back leniently by a console; none when the text is not such an object.
std::optional<LogHits> parse_log_hits(std::string_view json);

// Lines in words, the same for every reader.
std::string report_hit_text(std::string_view kind, int persons, const std::vector<std::string>& categories,
                            std::string_view note, std::string_view tip_from);
std::string alert_step_hit_text(std::string_view alert, std::string_view what, std::string_view rule, std::string_view severity,
                                std::string_view detail);
std::string order_hit_text(std::string_view order, std::string_view team, std::string_view alert, std::string_view state,
                           std::string_view outcome, std::string_view referred_to);

} // namespace platslage
