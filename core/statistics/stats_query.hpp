#pragma once
// What a Statistics window or platslage-report asks for: a span of whole months, a station
// (or both), a zone (or all of it), rows by month or by ISO week. The STATS request carries it
// as JSON (docs/protocol.md); both ask through here, so the console and the report count the
// same span the same way.
#include "checked.hpp"
#include "clock.hpp"
#include "period.hpp"
#include "zone_map.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace platslage {

// Three years by month: more rows than any table is read with, and a bound on what one
// request can make the hub count.
inline constexpr int max_stats_months = 36;

struct StatsQuery {
    std::chrono::year_month from{};
    std::chrono::year_month to{}; // included
    std::string station;          // "" for both
    std::string zone;             // "" for every zone; a zone needs its station
    Granularity by = Granularity::month;
    bool operator==(const StatsQuery&) const = default;
};

// {"from":"2026-11","to":"2027-04","station":"centralen","zone":"","by":"month"}: `from` and
// `to` required, the rest optional. Refused with the field named: a month that is no month,
// `to` before `from`, a span over max_stats_months, ids that are no ids, a zone without its
// station. Whether the station and zone are in the maps is for the caller to check.
Checked<StatsQuery> parse_stats_query(std::string_view json);
std::string stats_query_json(const StatsQuery& q);

// A station's id as its name is written: "centralen" → "Centralen".
std::string station_name(std::string_view id);
// What a query's tables are about, as their headings say it: "Centralen och Cityterminalen",
// "Centralen", "Centralen, Väntytor".
std::string stats_place(const StatsQuery& q, const ZoneMap& zones);

// Where a query's span lies on the timeline and the periods its rows are: by month, from
// 00:00 Stockholm time on the first day of `from` to the same on the first day after `to`; by
// week, widened to whole ISO weeks (the Monday on or before the first day to the Monday after
// the last), so no week is counted in part.
struct StatsSpan {
    TimePoint start;
    TimePoint until;
    std::vector<std::string> periods;
};
StatsSpan stats_span(const StatsQuery& q);

} // namespace platslage
