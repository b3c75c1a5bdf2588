#pragma once
// The Statistics window decided without a window: which months an operator can pick, the
// query it opens on, what the heading says, the bars of a table's chart, and where its CSV
// files go. The tables themselves come whole from the hub (core/statistics/table_codec.hpp),
// small counts already hidden.
#include "clock.hpp"
#include "stats_query.hpp"
#include "tables.hpp"
#include "zone_map.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace platslage::console {

// The months an operator may pick, oldest first: from max_stats_months back to the month of
// `now` (Stockholm time).
std::vector<std::chrono::year_month> stats_months(TimePoint now);

// What the window asks when it first opens: the last six months through this one, both
// stations, by month.
StatsQuery default_stats_query(TimePoint now);

// --stats-period's text, FIRST..LAST as 2026-11..2027-04, as a query (both stations, by
// month); none when it is no span of months a STATS query allows.
std::optional<StatsQuery> stats_period_query(const std::string& text);

// "Centralen och Cityterminalen, nov 2026 – apr 2027" or "Centralen, Väntytor, v. 45 2026 – …":
// what the tables shown are about.
std::string stats_heading(const StatsQuery& q, const ZoneMap& zones);

// A bar per period (the total row left out) of the table's chart column. A hidden or missing
// value has no bar: its text ("<3", "..") is drawn in its place.
struct StatBar {
    std::string label; // "nov 2026"
    double value = 0;  // 0 when not drawn
    bool drawn = false;
    std::string text; // the cell as the table shows it
};
struct StatChart {
    std::string heading; // the column's heading
    std::vector<StatBar> bars;
    double max = 0; // the tallest drawn bar
};
StatChart stat_chart(const StatTable& t);

// The folder the window's Export writes a query's CSV files into, under the export folder:
// statistik-2026-11--2027-04[-centralen[-centralen.vantytor]][-vecka].
std::string stats_export_folder(const StatsQuery& q);

} // namespace platslage::console
