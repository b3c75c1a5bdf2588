#include "follow_up.hpp"

#include "tally.hpp"

#include <algorithm>

namespace platslage {

FollowUpFigures follow_up_figures(const EventLog& log, const ZoneMap& zones, Granularity g, TimePoint from, TimePoint until,
                                  TimePoint now) {
    // Orders and alerts a little older than the span still place the outcomes and resolves
    // heard in it; a shelter's night that began the evening before `from` ends inside it. What
    // the margins bring in lands in periods outside the span, which no table shows (a span is
    // whole months or whole weeks).
    const auto margin = std::chrono::days(7);
    Tally tally(g);
    for (const auto& d : log.dispatches_between(from - margin, until)) tally.add(d);
    for (const auto& s : log.alert_steps_raised_between(from - margin, until)) tally.add(s);
    log.replay_between(from - std::chrono::hours(12), until + std::chrono::hours(12),
                       [&](std::int64_t, const EventRecord& r) { tally.add(r, zones); });
    for (const auto& h : log.hotspot_hours_between(from, until)) tally.add(h);
    tally.add_meetings(log.meetings(), log.meeting_notes(), from, std::min(until, now));
    FollowUpFigures out{tally.figures(), tally.unreadable()};
    out.figures.merge(log.kept_figures(g));
    return out;
}

FollowUpTables follow_up_tables(const EventLog& log, const ZoneMap& zones, const StatsQuery& q, TimePoint now) {
    auto span = stats_span(q);
    auto figures = follow_up_figures(log, zones, q.by, span.start, span.until, now);
    // Zone by zone: the one asked for, else every zone of the station, else of both, each then
    // named with its station (both stations have an Entré Klarabergsviadukten).
    std::vector<StatsZone> each;
    for (const auto& z : zones.zones()) {
        if (!(q.zone.empty() ? q.station.empty() || z.station == q.station : z.id == q.zone)) continue;
        each.push_back({z.id, q.station.empty() ? z.name + " (" + station_name(z.station) + ")" : z.name});
    }
    return {partnership_tables(figures.figures, StatsRequest{span.periods, q.station, q.zone, std::move(each)}),
            figures.unreadable};
}

} // namespace platslage
