// The event log's follow-up side: alert steps read back for the statistics, the figures kept
// for rows a purge removed, and the purge itself (docs/privacy.md says what goes and when).
#include "event_log.hpp"

#include "sqlite_statement.hpp"
#include "time_text.hpp"

#include <sqlite3.h>

namespace platslage {

using namespace sql;

namespace {
// A purge removes every kind of event but this: everything a person reported or a device
// sent about people. The night shelters' bed counts stay: they count beds, and a night's
// figure needs all its readings (core/statistics/tally.cpp).
constexpr std::string_view kept_kind = "shelter";
const std::string purged_kinds = "kind != '" + std::string(kept_kind) + "'";
} // namespace

std::vector<AlertStepFact> EventLog::alert_steps_raised_between(TimePoint from, TimePoint until) const {
    auto st = prepare_once(db_, "SELECT alert_id,at_ms,what,by,detail,rule,station,ifnull(zone,'') FROM alert_steps "
                                "WHERE alert_id IN (SELECT alert_id FROM alert_steps WHERE step=0 AND at_ms>=? AND at_ms<?) "
                                "ORDER BY alert_id, step");
    sqlite3_bind_int64(st.get(), 1, to_epoch_ms(from));
    sqlite3_bind_int64(st.get(), 2, to_epoch_ms(until));
    std::vector<AlertStepFact> out;
    while (sqlite3_step(st.get()) == SQLITE_ROW)
        out.push_back(AlertStepFact{column_text(st.get(), 0), from_epoch_ms(sqlite3_column_int64(st.get(), 1)),
                                    column_text(st.get(), 2), column_text(st.get(), 3), column_text(st.get(), 4),
                                    column_text(st.get(), 5), column_text(st.get(), 6), column_text(st.get(), 7)});
    return out;
}

void EventLog::store_hotspot_hours(const std::vector<HotspotHour>& hours) {
    if (hours.empty()) return;
    auto st = prepare_once(db_, "INSERT INTO hotspot_hours(zone,station,hour_ms,peak) VALUES(?,?,?,?) "
                                "ON CONFLICT(zone,hour_ms) DO UPDATE SET peak=max(peak,excluded.peak)");
    transaction([&] {
        for (const auto& h : hours) {
            bind_text(st.get(), 1, h.zone);
            bind_text(st.get(), 2, h.station);
            sqlite3_bind_int64(st.get(), 3, to_epoch_ms(h.hour));
            sqlite3_bind_int(st.get(), 4, h.peak);
            step_done(db_, st.get());
        }
    });
}

std::vector<HotspotHour> EventLog::hotspot_hours_between(TimePoint from, TimePoint until) const {
    auto st = prepare_once(db_, "SELECT zone,station,hour_ms,peak FROM hotspot_hours WHERE hour_ms>=? AND hour_ms<? "
                                "ORDER BY hour_ms, zone");
    sqlite3_bind_int64(st.get(), 1, to_epoch_ms(from));
    sqlite3_bind_int64(st.get(), 2, to_epoch_ms(until));
    std::vector<HotspotHour> out;
    while (sqlite3_step(st.get()) == SQLITE_ROW)
        out.push_back(HotspotHour{column_text(st.get(), 0), column_text(st.get(), 1),
                                  from_epoch_ms(sqlite3_column_int64(st.get(), 2)), sqlite3_column_int(st.get(), 3)});
    return out;
}

void EventLog::set_durable(bool durable) {
    exec(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=OFF");
    durable_ = durable;
}

Figures EventLog::kept_figures(Granularity g) const {
    auto st = prepare_once(db_, "SELECT period,station,zone,measure,key,value FROM kept_figures WHERE granularity=?");
    bind_text(st.get(), 1, std::string(granularity_name(g)));
    Figures out;
    while (sqlite3_step(st.get()) == SQLITE_ROW)
        out.add(FigureKey{column_text(st.get(), 0), column_text(st.get(), 1), column_text(st.get(), 2), column_text(st.get(), 3),
                          column_text(st.get(), 4)},
                sqlite3_column_int64(st.get(), 5));
    return out;
}

EventLog::Purged EventLog::purge_before(TimePoint cutoff, const ZoneMap& zones) {
    const auto before = to_epoch_ms(cutoff);
    Purged result;
    transaction([&] {
        // First the figures of every row about to go, by month and by week, added to what
        // earlier purges kept: a report for a past month comes out the same without its rows.
        Tally months(Granularity::month, /*alerts=*/false), weeks(Granularity::week, /*alerts=*/false);
        for (const auto& d : dispatches_between(TimePoint{}, cutoff + std::chrono::days(7))) {
            months.add(d);
            weeks.add(d);
        }
        for (const auto& s : alert_steps_raised_between(TimePoint{}, cutoff)) {
            months.add(s);
            weeks.add(s);
        }
        replay_between(TimePoint{}, cutoff, [&](std::int64_t, const EventRecord& r) {
            if (r.kind == kept_kind) return;
            months.add(r, zones);
            weeks.add(r, zones);
            ++result.events;
        });
        result.unreadable = months.unreadable();
        auto keep = prepare_once(db_, "INSERT INTO kept_figures(granularity,period,station,zone,measure,key,value) "
                                      "VALUES(?,?,?,?,?,?,?) ON CONFLICT DO UPDATE SET value=value+excluded.value");
        for (auto [g, tally] : {std::pair{Granularity::month, &months}, std::pair{Granularity::week, &weeks}}) {
            const Figures figures = tally->figures();
            for (const auto& [k, n] : figures.all()) {
                bind_text(keep.get(), 1, std::string(granularity_name(g)));
                bind_text(keep.get(), 2, k.period);
                bind_text(keep.get(), 3, k.station);
                bind_text(keep.get(), 4, k.zone);
                bind_text(keep.get(), 5, k.measure);
                bind_text(keep.get(), 6, k.key);
                sqlite3_bind_int64(keep.get(), 7, n);
                step_done(db_, keep.get());
            }
        }

        auto run = [&](const std::string& sql) {
            auto st = prepare_once(db_, sql.c_str());
            for (int i = 1; i <= sqlite3_bind_parameter_count(st.get()); ++i) sqlite3_bind_int64(st.get(), i, before);
            step_done(db_, st.get());
            return static_cast<std::int64_t>(sqlite3_changes(db_));
        };
        const std::string gone = std::string("(SELECT id FROM events WHERE heard_ms<? AND ") + purged_kinds + ")";
        run("DELETE FROM guard_reports WHERE event_id IN " + gone);
        run("DELETE FROM round_contacts WHERE event_id IN " + gone);
        run("DELETE FROM events WHERE heard_ms<? AND " + purged_kinds);
        result.refusals = run("DELETE FROM refusals WHERE heard_ms<?") + run("DELETE FROM refusals_held_back WHERE to_ms<?");
        // Operators' notes on alerts go; the steps stay, with a resolve's outcome without its note.
        // An acknowledgement's detail is its note, if it had one.
        result.notes = run("UPDATE alert_steps SET detail='' WHERE what IN ('note','acknowledged') AND detail!='' AND at_ms<?");
        result.notes += run("UPDATE alert_steps SET detail=substr(detail,1,instr(detail,': ')-1) "
                            "WHERE what='resolved' AND instr(detail,': ')>0 AND at_ms<?");
        // The shift log is operators' words too; the newest handover stays, as the next shift reads it.
        result.shift_entries = run("DELETE FROM shift_log WHERE at_ms<? AND entry_id NOT IN "
                                   "(SELECT entry_id FROM shift_log WHERE kind='handover' ORDER BY at_ms DESC LIMIT 1)");
        // Snapshots hold recent reports; the newest is kept, as start-up needs it.
        run("DELETE FROM snapshots WHERE saved_ms<? AND id<(SELECT max(id) FROM snapshots)");
    });
    reports_ = -1; // guard reports went: counted again when next asked
    // The deleted rows' pages were zeroed (secure_delete); the WAL's copies go with a truncating checkpoint.
    exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return result;
}

} // namespace platslage
