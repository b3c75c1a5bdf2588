// The event log's part for joint deployment meetings: plans and notes stored as they are
// now (a change replaces the row), and the reads an agenda is built from.
#include "event_log.hpp"

#include "sqlite_statement.hpp"
#include "time_text.hpp"

#include <algorithm>
#include <map>

namespace platslage {

using namespace sql;

namespace {
std::optional<std::int64_t> ms_of(const std::optional<TimePoint>& t) {
    return t ? std::optional(to_epoch_ms(*t)) : std::nullopt;
}
std::optional<TimePoint> time_at(sqlite3_stmt* st, int i) {
    if (sqlite3_column_type(st, i) == SQLITE_NULL) return std::nullopt;
    return from_epoch_ms(sqlite3_column_int64(st, i));
}
} // namespace

void EventLog::store_meeting(const MeetingPlan& p) {
    auto st = prepare_once(db_, "INSERT OR REPLACE INTO meetings(meeting_id,title,station,zone,organisations,first_ms,repeat,"
                                "duration_min,planned_by,planned_ms,cancelled_ms) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
    nlohmann::json orgs = p.organisations;
    bind_text(st.get(), 1, p.id);
    bind_text(st.get(), 2, p.title);
    bind_text(st.get(), 3, p.station);
    bind_text(st.get(), 4, p.zone);
    bind_text(st.get(), 5, orgs.dump());
    sqlite3_bind_int64(st.get(), 6, to_epoch_ms(p.first));
    bind_text(st.get(), 7, std::string(repeat_name(p.repeat)));
    sqlite3_bind_int(st.get(), 8, p.duration_min);
    bind_text(st.get(), 9, p.planned_by);
    sqlite3_bind_int64(st.get(), 10, to_epoch_ms(p.planned_at));
    bind_ms_or_null(st.get(), 11, ms_of(p.cancelled_at));
    step_done(db_, st.get());
}

void EventLog::store_meeting_note(const MeetingNote& n) {
    auto st = prepare_once(db_, "INSERT OR REPLACE INTO meeting_notes(note_id,kind,meeting_id,held_ms,text,owner,due,by,"
                                "recorded_ms,closed_ms,closed_by,closing_note) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
    bind_text(st.get(), 1, n.id);
    bind_text(st.get(), 2, n.kind == NoteKind::action ? "action" : "decision");
    bind_text(st.get(), 3, n.meeting);
    sqlite3_bind_int64(st.get(), 4, to_epoch_ms(n.held_at));
    bind_text(st.get(), 5, n.text);
    bind_text_or_null(st.get(), 6, n.owner);
    bind_text_or_null(st.get(), 7, n.due);
    bind_text(st.get(), 8, n.by);
    sqlite3_bind_int64(st.get(), 9, to_epoch_ms(n.recorded_at));
    bind_ms_or_null(st.get(), 10, ms_of(n.closed_at));
    bind_text_or_null(st.get(), 11, n.closed_by);
    bind_text_or_null(st.get(), 12, n.closing_note);
    step_done(db_, st.get());
}

std::vector<MeetingPlan> EventLog::meetings() const {
    auto st = prepare_once(db_, "SELECT meeting_id,title,station,zone,organisations,first_ms,repeat,duration_min,planned_by,"
                                "planned_ms,cancelled_ms FROM meetings ORDER BY meeting_id");
    std::vector<MeetingPlan> out;
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
        auto* s = st.get();
        MeetingPlan p;
        p.id = column_text(s, 0);
        p.title = column_text(s, 1);
        p.station = column_text(s, 2);
        p.zone = column_text(s, 3);
        p.organisations = nlohmann::json::parse(column_text(s, 4)).get<std::vector<std::string>>();
        p.first = from_epoch_ms(sqlite3_column_int64(s, 5));
        p.repeat = repeat_from_name(column_text(s, 6)).value_or(Repeat::once);
        p.duration_min = sqlite3_column_int(s, 7);
        p.planned_by = column_text(s, 8);
        p.planned_at = from_epoch_ms(sqlite3_column_int64(s, 9));
        p.cancelled_at = time_at(s, 10);
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<MeetingNote> EventLog::meeting_notes() const {
    auto st = prepare_once(db_, "SELECT note_id,kind,meeting_id,held_ms,text,owner,due,by,recorded_ms,closed_ms,closed_by,"
                                "closing_note FROM meeting_notes ORDER BY note_id");
    std::vector<MeetingNote> out;
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
        auto* s = st.get();
        MeetingNote n;
        n.id = column_text(s, 0);
        n.kind = column_text(s, 1) == "action" ? NoteKind::action : NoteKind::decision;
        n.meeting = column_text(s, 2);
        n.held_at = from_epoch_ms(sqlite3_column_int64(s, 3));
        n.text = column_text(s, 4);
        n.owner = column_text(s, 5);
        n.due = column_text(s, 6);
        n.by = column_text(s, 7);
        n.recorded_at = from_epoch_ms(sqlite3_column_int64(s, 8));
        n.closed_at = time_at(s, 9);
        n.closed_by = column_text(s, 10);
        n.closing_note = column_text(s, 11);
        out.push_back(std::move(n));
    }
    return out;
}

std::vector<AgendaReport> EventLog::reports_between(TimePoint from, TimePoint to) const {
    auto st = prepare_once(db_, "SELECT zone,ts_ms,persons,categories FROM guard_reports WHERE ts_ms>=? AND ts_ms<? "
                                "ORDER BY ts_ms, device, report_id");
    sqlite3_bind_int64(st.get(), 1, to_epoch_ms(from));
    sqlite3_bind_int64(st.get(), 2, to_epoch_ms(to));
    std::vector<AgendaReport> out;
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
        auto* s = st.get();
        AgendaReport r{column_text(s, 0), from_epoch_ms(sqlite3_column_int64(s, 1)), sqlite3_column_int(s, 2), {}};
        auto cats = nlohmann::json::parse(column_text(s, 3), nullptr, /*allow_exceptions=*/false);
        if (cats.is_array())
            for (const auto& c : cats)
                if (c.is_string()) r.categories.push_back(c.get<std::string>());
        out.push_back(std::move(r));
    }
    return out;
}

namespace {
// Events about no zone (the city's shelters and weather) of one kind, through the zone index.
template <class T, class Parse>
std::vector<T> zoneless_between(sqlite3* db, const char* kind, TimePoint from, TimePoint to, Parse parse) {
    auto st = prepare_once(db, "SELECT heard_ms,body FROM events WHERE zone IS NULL AND kind=? AND heard_ms>=? AND heard_ms<? "
                               "ORDER BY heard_ms, id");
    bind_text(st.get(), 1, kind);
    sqlite3_bind_int64(st.get(), 2, to_epoch_ms(from));
    sqlite3_bind_int64(st.get(), 3, to_epoch_ms(to));
    std::vector<T> out;
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
        // Read back through the wire's own check, as a replay does; what no longer reads is left out.
        auto heard = from_epoch_ms(sqlite3_column_int64(st.get(), 0));
        if (auto r = parse(column_text(st.get(), 1), heard)) out.push_back(std::move(r).value());
    }
    return out;
}
} // namespace

std::vector<ShelterReading> EventLog::shelter_readings_between(TimePoint from, TimePoint to) const {
    return zoneless_between<ShelterReading>(db_, "shelter", from, to, [](const std::string& b, TimePoint t) { return parse_shelter_reading(b, t); });
}

std::vector<WeatherReading> EventLog::weather_readings_between(TimePoint from, TimePoint to) const {
    return zoneless_between<WeatherReading>(db_, "weather", from, to, [](const std::string& b, TimePoint t) { return parse_weather_reading(b, t); });
}

std::vector<AgendaAlert> EventLog::alerts_between(TimePoint from, TimePoint to) const {
    // Every step before `to` of the alerts raised before it, folded per alert in order.
    auto st = prepare_once(db_, "SELECT s.alert_id,s.step,s.at_ms,s.what,s.severity,s.detail,s.rule,s.zone,s.station FROM alert_steps s "
                                "JOIN alert_steps r ON r.alert_id=s.alert_id AND r.step=0 "
                                "WHERE r.at_ms<? AND s.at_ms<? ORDER BY s.alert_id, s.step");
    sqlite3_bind_int64(st.get(), 1, to_epoch_ms(to));
    sqlite3_bind_int64(st.get(), 2, to_epoch_ms(to));
    std::vector<AgendaAlert> out;
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
        auto* s = st.get();
        auto id = column_text(s, 0);
        auto at = from_epoch_ms(sqlite3_column_int64(s, 2));
        auto what = column_text(s, 3);
        if (out.empty() || out.back().id != id) {
            AgendaAlert a;
            a.id = id;
            a.rule = column_text(s, 6);
            a.zone = column_text(s, 7);
            a.station = column_text(s, 8);
            a.raised = at;
            a.summary = column_text(s, 5);
            out.push_back(std::move(a));
        }
        auto& a = out.back();
        a.severity = column_text(s, 4);
        if (what == "escalated") a.escalated = true;
        if ((what == "resolved" || what == "expired") && !a.closed) a.closed = at;
    }
    std::erase_if(out, [&](const AgendaAlert& a) { return a.closed && *a.closed < from; });
    std::sort(out.begin(), out.end(), [](const AgendaAlert& x, const AgendaAlert& y) { return x.raised < y.raised || (x.raised == y.raised && x.id < y.id); });
    return out;
}

} // namespace platslage
