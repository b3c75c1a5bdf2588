#pragma once
// The partnership's follow-up figures for a span of time, from the event log: the figures
// kept for rows already purged, plus a tally of the rows still there, each alert's life from
// its steps, and the joint deployment meetings. What platslage-report and the console's
// Statistics window show (core/statistics/tables.hpp lays them out).
#include "event_log.hpp"
#include "figures.hpp"
#include "period.hpp"
#include "stats_query.hpp"
#include "tables.hpp"
#include "zone_map.hpp"

namespace platslage {

struct FollowUpFigures {
    Figures figures;
    std::size_t unreadable = 0; // rows that no longer read as the protocol allows (never expected)
};

// Figures for the periods in [from, until); `now` bounds the meetings counted as held.
FollowUpFigures follow_up_figures(const EventLog& log, const ZoneMap& zones, Granularity g, TimePoint from, TimePoint until,
                                  TimePoint now);

struct FollowUpTables {
    std::vector<StatTable> tables;
    std::size_t unreadable = 0;
};

// The partnership's tables for a query, as platslage-report writes them and the console's
// Statistics window shows them: the one way both count.
FollowUpTables follow_up_tables(const EventLog& log, const ZoneMap& zones, const StatsQuery& q, TimePoint now);

} // namespace platslage
