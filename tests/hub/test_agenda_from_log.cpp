// An agenda built from a recorded week in a real SQLite file matches the data: a seeded
// week of guard reports goes through the event log and the same Situation the hub runs
// (so the fusion raises, escalates and expires its alerts, whose steps are stored as the
// hub stores them), orders with their response chains are stored, and then every number
// the agenda shows is recounted with plain SQL against the file.
#include "agenda_markdown.hpp"
#include "agenda_source.hpp"
#include "event_log.hpp"
#include "situation.hpp"
#include "time_text.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <random>
#include <set>

using namespace platslage;
using namespace std::chrono_literals;

namespace {
const TimePoint week_start = *parse_rfc3339("2026-11-10T08:00:00Z"); // Tuesday 09:00, Stockholm
const TimePoint held = week_start + std::chrono::days(7);

const ZoneMap& maps() {
    static ZoneMap m = ZoneMap::load_dir(PLATSLAGE_MAPS_DIR);
    return m;
}

struct TempDb {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("platslage-agenda-" + std::to_string(::getpid()) + ".db");
    ~TempDb() {
        for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    }
};

// The first column of each row of a query on the file, as text.
std::vector<std::string> sql_column(const std::filesystem::path& db, const std::string& query) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE_MESSAGE(sqlite3_prepare_v2(h, query.c_str(), -1, &st, nullptr) == SQLITE_OK, sqlite3_errmsg(h));
    std::vector<std::string> out;
    while (sqlite3_step(st) == SQLITE_ROW) {
        auto p = sqlite3_column_text(st, 0);
        out.emplace_back(p ? reinterpret_cast<const char*>(p) : "");
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return out;
}
long long sql_number(const std::filesystem::path& db, const std::string& query) {
    auto rows = sql_column(db, query);
    REQUIRE(rows.size() == 1);
    return std::stoll(rows[0]);
}

// A week at the stations, seeded: reports at every hour, more at night and in the halls.
void record_week(EventLog& log, std::uint32_t seed) {
    std::mt19937 draw(seed);
    Situation situation(maps(), SituationSettings{});
    std::vector<std::string> zones;
    for (const auto& z : maps().zones()) zones.push_back(z.id);
    const Category kinds[] = {Category::sleeping, Category::sleeping, Category::intoxicated, Category::distress,
                              Category::needs_care, Category::elderly};
    std::map<std::string, std::size_t> stored_steps;
    auto store_steps = [&] {
        std::vector<AlertStepRecord> steps;
        for (const auto& [id, a] : situation.fusion().alerts().alerts())
            for (std::size_t i = stored_steps[id]; i < a.history.size(); ++i) {
                const auto& t = a.history[i];
                steps.push_back({id, static_cast<int>(i), t.at, t.what, t.by, std::string(severity_name(t.severity)), t.detail,
                                 std::string(rule_name(a.rule)), a.station, a.zone});
                stored_steps[id] = i + 1;
            }
        log.store_alert_steps(steps);
    };
    int n = 0;
    // A day before the period too: none of it may be counted.
    for (auto at = week_start - 24h; at < held + 6h; at += std::chrono::minutes(20 + draw() % 40)) {
        double hour = stockholm_hour(at);
        bool night = hour >= 22 || hour < 6;
        if (draw() % 100 >= (night ? 60u : 25u)) continue;
        // Halls and the lower level at night; anywhere by day.
        std::string zone = night && draw() % 3 ? (draw() % 2 ? "centralen.nedre-plan" : "cityterminalen.vanthall")
                                               : zones[draw() % zones.size()];
        GuardReport r;
        r.station = maps().find(zone)->station;
        r.device = "hh-0" + std::to_string(draw() % 4 + 1);
        r.id = "w" + std::to_string(++n);
        r.ts = at;
        r.zone = zone;
        r.persons = static_cast<int>(draw() % 4) + 1;
        r.categories = {kinds[draw() % 6]};
        auto ids = log.append({to_record(Event{r}, maps(), at)}, {});
        situation.record(r, ids.at(0), at);
        situation.advance_to(at);
        store_steps();
    }
    situation.advance_to(held + 6h);
    store_steps();
    // Each night at 23:00 the shelters' counts and the weather, the day before the period too.
    for (auto night = week_start - 24h + 22h; night < held + 6h; night += 24h) {
        std::vector<EventRecord> records;
        for (const auto& known : known_shelters) {
            ShelterReading r{std::string(known.id), night, known.places, static_cast<int>(draw() % (known.places + 1)), std::nullopt, std::nullopt};
            records.push_back(to_record(Event{r}, maps(), night));
        }
        WeatherReading w{"smhi", night, -12.0 + static_cast<double>(draw() % 15), static_cast<int>(draw() % 3)};
        records.push_back(to_record(Event{w}, maps(), night));
        log.append(records, {});
    }
    // Orders with their response chains, a minute or more apart at each step.
    std::vector<Dispatch> orders;
    for (int i = 0; i < 12; ++i) {
        Dispatch d;
        char id[16];
        std::snprintf(id, sizeof id, "D-%06d", i + 1);
        d.id = id;
        d.alert = "A-" + std::string(id).substr(2);
        d.team = "team-" + std::to_string(i % 3 + 1);
        d.station = "centralen";
        d.zone = "centralen.nedre-plan";
        d.raised_at = week_start + std::chrono::hours(10 * i + 3);
        d.dispatched_at = d.raised_at + std::chrono::minutes(2 + draw() % 10);
        d.answer_due = d.dispatched_at + 2min;
        if (i % 4 == 3) {
            d.state = DispatchState::unanswered;
        } else {
            d.answered_at = d.dispatched_at + std::chrono::minutes(1 + draw() % 3);
            d.on_scene_at = *d.answered_at + std::chrono::minutes(3 + draw() % 20);
            d.finished_at = *d.on_scene_at + std::chrono::minutes(5 + draw() % 60);
            d.state = DispatchState::completed;
            d.outcome = i % 2 ? "contact_made" : "support_accepted";
            d.gender = i % 3 ? "man" : "woman";
            d.outcome_persons = 1;
        }
        orders.push_back(d);
    }
    log.store_dispatches(orders);
}
} // namespace

TEST_CASE("an agenda built from a recorded week matches the data in SQLite") {
    TempDb db;
    EventLog log(db.path.string());
    record_week(log, 2026);
    MeetingPlan plan;
    plan.id = "M-000001";
    plan.title = "Utsättningsmöte";
    plan.station = "centralen";
    plan.zone = "centralen.vantytor";
    plan.organisations = {"jernhusen", "socialforvaltningen"};
    plan.first = week_start;
    plan.repeat = Repeat::weekly;
    MeetingBook book;
    book.restore({plan}, {});

    auto in = agenda_input(log, book, plan, held);
    REQUIRE(in.previous == week_start);
    auto a = build_agenda(in, maps(), NightHours{}, ColdNightRule{});
    const std::string from = std::to_string(to_epoch_ms(week_start)), to = std::to_string(to_epoch_ms(held));
    // The agenda counts the plan's station only: so does every recount.
    const std::string window = " station='centralen' AND ts_ms>=" + from + " AND ts_ms<" + to;

    // Hottest zones: people and reports per zone, recounted.
    auto ranked = sql_column(db.path, "SELECT zone FROM guard_reports WHERE" + window + " GROUP BY zone ORDER BY SUM(persons) DESC, zone");
    REQUIRE(a.hottest.size() == std::min<std::size_t>(5, ranked.size()));
    REQUIRE(a.hottest.size() >= 3);
    for (const auto& h : a.hottest) {
        CHECK(h.persons == sql_number(db.path, "SELECT SUM(persons) FROM guard_reports WHERE zone='" + h.zone + "' AND" + window));
        CHECK(h.reports == sql_number(db.path, "SELECT COUNT(*) FROM guard_reports WHERE zone='" + h.zone + "' AND" + window));
    }
    CHECK(a.hottest[0].persons ==
          sql_number(db.path, "SELECT MAX(p) FROM (SELECT SUM(persons) p FROM guard_reports WHERE" + window + " GROUP BY zone)"));
    for (std::size_t i = 1; i < a.hottest.size(); ++i) CHECK(a.hottest[i - 1].persons >= a.hottest[i].persons);

    // Repeated presence: days from 06:00 to 06:00 (November: UTC+1), recounted by SQLite's date().
    auto repeated = sql_column(db.path, "SELECT zone FROM guard_reports WHERE" + window +
                                            " GROUP BY zone HAVING COUNT(DISTINCT date(ts_ms/1000 + 3600 - 6*3600, 'unixepoch')) >= 3"
                                            " ORDER BY zone");
    std::set<std::string> mine;
    for (const auto& r : a.repeated) mine.insert(r.zone);
    CHECK(mine == std::set<std::string>(repeated.begin(), repeated.end()));
    CHECK(!mine.empty());

    // Alerts still open when the meeting starts, and those escalated in the week.
    auto open = sql_number(db.path, "SELECT COUNT(*) FROM alert_steps r WHERE r.step=0 AND r.station='centralen' AND r.at_ms<" + to +
                                        " AND NOT EXISTS (SELECT 1 FROM alert_steps c WHERE c.alert_id=r.alert_id AND "
                                        "c.what IN ('resolved','expired') AND c.at_ms<" + to + ")");
    CHECK(static_cast<long long>(a.open_alerts.size()) == open);
    auto escalated = sql_number(db.path, "SELECT COUNT(DISTINCT r.alert_id) FROM alert_steps r JOIN alert_steps e ON "
                                             "e.alert_id=r.alert_id AND e.what='escalated' AND e.at_ms<" + to +
                                             " WHERE r.step=0 AND r.station='centralen' AND r.at_ms>=" + from + " AND r.at_ms<" + to);
    CHECK(static_cast<long long>(a.escalated.size()) == escalated);
    CHECK(sql_number(db.path, "SELECT COUNT(DISTINCT alert_id) FROM alert_steps") > 0);

    // Dispatches and the median of dispatched → on scene, by nearest rank.
    CHECK(a.dispatches == sql_number(db.path, "SELECT COUNT(*) FROM dispatches WHERE station='centralen' AND dispatched_ms>=" + from + " AND dispatched_ms<" + to));
    CHECK(a.unanswered == sql_number(db.path, "SELECT COUNT(*) FROM dispatches WHERE station='centralen' AND state='unanswered'"));
    auto spans = sql_column(db.path, "SELECT on_scene_ms - dispatched_ms FROM dispatches WHERE station='centralen' AND on_scene_ms IS NOT NULL ORDER BY 1");
    REQUIRE(a.response[3].measured == static_cast<int>(spans.size()));
    CHECK(a.response[3].median->count() == std::stoll(spans[(spans.size() + 1) / 2 - 1]));
    int women = 0;
    for (const auto& o : a.outcomes) women += o.women;
    CHECK(women == sql_number(db.path, "SELECT COUNT(*) FROM dispatches WHERE station='centralen' AND state='completed' AND gender='woman'"));

    MESSAGE("week: top zone " << a.hottest[0].zone << " " << a.hottest[0].persons << " people; " << a.repeated.size()
                              << " zones repeated; " << a.open_alerts.size() << " alerts open, " << a.escalated.size()
                              << " escalated; " << a.dispatches << " orders");
    // The shelters' nights and the weather, recounted from the stored bodies.
    const std::string heard = " heard_ms>=" + from + " AND heard_ms<" + to;
    REQUIRE(a.shelters.size() == known_shelters.size());
    for (const auto& sh : a.shelters) {
        const std::string of = "SELECT {} FROM events WHERE kind='shelter' AND json_extract(body,'$.shelter')='" + sh.id + "' AND" + heard;
        auto count = [&](const std::string& what) { return sql_number(db.path, std::string(of).replace(of.find("{}"), 2, what)); };
        CHECK(sh.nights == count("COUNT(*)"));
        CHECK(sh.nights >= 6);
        CHECK(sh.occupied == count("SUM(json_extract(body,'$.occupied'))"));
        CHECK(sh.full_nights == count("SUM(json_extract(body,'$.occupied') >= json_extract(body,'$.places'))"));
    }
    CHECK(a.weather.readings == sql_number(db.path, "SELECT COUNT(*) FROM events WHERE kind='weather' AND" + heard));
    REQUIRE(a.weather.coldest_c);
    CHECK(*a.weather.coldest_c == sql_number(db.path, "SELECT MIN(json_extract(body,'$.temperature_c')) FROM events WHERE kind='weather' AND" + heard));
    CHECK(a.weather.extra_cold_nights ==
          sql_number(db.path, "SELECT COUNT(*) FROM events WHERE kind='weather' AND" + heard +
                                  " AND (json_extract(body,'$.temperature_c') <= -7 OR json_extract(body,'$.warning_class') >= 2)"));

    // The handout carries the same numbers.
    auto md = agenda_markdown(a);
    CHECK(md.find("| " + a.hottest[0].name + " | " + std::to_string(a.hottest[0].persons) + " | " +
                  std::to_string(a.hottest[0].reports) + " |") != std::string::npos);
    CHECK(md.find(std::to_string(a.dispatches) + " orders sent") != std::string::npos);
    CHECK(md.find("## 8. Night shelters and the weather") != std::string::npos);
    CHECK(md.find("| " + a.shelters[0].name + " | " + std::to_string(a.shelters[0].places) + " | " +
                  std::to_string(a.shelters[0].nights) + " | ") != std::string::npos);
    CHECK(md.find("Väntytor, Centralen") != std::string::npos);
}

TEST_CASE("meetings and their notes survive in SQLite as they were last changed") {
    TempDb db;
    MeetingPlan plan;
    plan.id = "M-000003";
    plan.title = "Kvällsmöte";
    plan.station = "cityterminalen";
    plan.zone = "cityterminalen.vanthall";
    plan.organisations = {"capio", "region-psykiatri"};
    plan.first = week_start;
    plan.repeat = Repeat::fortnightly;
    plan.duration_min = 45;
    plan.planned_by = "kc-1";
    plan.planned_at = week_start - 24h;
    MeetingNote note;
    note.id = "N-000007";
    note.kind = NoteKind::action;
    note.meeting = plan.id;
    note.held_at = week_start;
    note.text = "Fler rundor";
    note.owner = "capio";
    note.due = "2026-12-01";
    note.by = "kc-1";
    note.recorded_at = week_start + 10min;
    {
        EventLog log(db.path.string());
        CHECK(log.schema_version() == EventLog::current_schema_version());
        log.store_meeting(plan);
        log.store_meeting_note(note);
        plan.cancelled_at = week_start + 48h;
        note.closed_at = week_start + 24h;
        note.closed_by = "kc-2";
        log.store_meeting(plan); // a change replaces the row
        log.store_meeting_note(note);
    }
    EventLog reopened(db.path.string());
    auto plans = reopened.meetings();
    REQUIRE(plans.size() == 1);
    CHECK(to_json(plans[0], held) == to_json(plan, held));
    auto notes = reopened.meeting_notes();
    REQUIRE(notes.size() == 1);
    CHECK(to_json(notes[0]) == to_json(note));
}
