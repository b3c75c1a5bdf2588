// Retention: raw reports, notes and refusals go after their time, their follow-up figures
// stay, and a past month's tables come out the same without the rows. Records go in as
// platslage-hub --import takes them, through the hub's own checks and fusion.
#include "../core/fixtures.hpp"
#include "event_log.hpp"
#include "follow_up.hpp"
#include "record_import.hpp"
#include "retention.hpp"
#include "tables.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

using namespace platslage;
using platslage::test::at;
using platslage::test::real_maps;

namespace {
struct TempDb {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("platslage-retention-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db");
    ~TempDb() {
        for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    }
    static inline int counter = 0;
};

std::string line(const char* heard, const char* kind, const char* station, const char* actor, const char* zone,
                 const std::string& body) {
    return std::string(R"({"heard":")") + heard + R"(","kind":")" + kind + R"(","station":")" + station + R"(","actor":")" +
           actor + R"(","zone":")" + zone + R"(","body":)" + body + "}\n";
}

// October to December at Centralen: reports with counts, an alert worked with notes and
// resolved with counts, a contact of a pair's own round (sent twice), the shelters, a line
// that is no record.
std::string three_months() {
    std::string out;
    out += line("2026-10-20T21:00:00.000Z", "guard_report", "centralen", "hh-01", "centralen.vantytor",
                R"({"id":"r1","ts":"2026-10-20T21:00:00Z","zone":"centralen.vantytor","kind":"observation","persons":2,"women":1,"men":1,"categories":["sleeping"],"note":"two resting by the lockers"})");
    out += line("2026-11-10T02:00:00.000Z", "guard_report", "centralen", "hh-01", "centralen.centralhallen",
                R"({"id":"r2","ts":"2026-11-10T02:00:00Z","zone":"centralen.centralhallen","kind":"incident","persons":1,"women":1,"categories":["needs_care"]})");
    out += line("2026-11-10T02:03:00.000Z", "alert_command", "", "kc-1", "", R"({"op":"acknowledge","alert":"A-000002","by":"kc-1","note":"guard on the way to her"})");
    out += line("2026-11-10T02:04:00.000Z", "alert_command", "", "kc-1", "",
                R"({"op":"note","alert":"A-000002","by":"kc-1","note":"hurt knee, guard with her"})");
    out += line("2026-11-10T02:30:00.000Z", "alert_command", "", "kc-1", "",
                R"({"op":"resolve","alert":"A-000002","by":"kc-1","outcome":"handled_by_guard","persons":1,"women":1,"note":"went to the night cafe"})");
    const std::string contact =
        line("2026-11-12T20:00:00.250Z", "dispatch_outcome", "centralen", "team-01", "centralen.vantytor",
             R"({"id":"c-1","zone":"centralen.vantytor","ts":"2026-11-12T20:00:00Z","outcome":"support_accepted","persons":3,"men":2,"results":[{"outcome":"support_accepted","persons":2},{"outcome":"declined","persons":1}]})");
    out += contact + contact; // the handheld sent it again: kept once
    out += line("2026-11-15T21:00:00.000Z", "shelter", "", "filadelfia", "",
                R"({"shelter":"filadelfia","ts":"2026-11-15T21:00:00Z","places":50,"occupied":40,"women":12,"men":28})");
    out += "not a record\n";
    out += line("2026-11-30T23:30:00.000Z", "guard_report", "centralen", "hh-02", "centralen.vantytor",
                R"({"id":"r3","ts":"2026-11-30T23:30:00Z","zone":"centralen.vantytor","kind":"patrol","persons":0,"categories":[]})");
    out += line("2026-12-05T12:00:00.000Z", "guard_report", "centralen", "hh-02", "centralen.toaletter",
                R"({"id":"r4","ts":"2026-12-05T12:00:00Z","zone":"centralen.toaletter","kind":"observation","persons":3,"women":1,"men":2,"categories":["distress"]})");
    return out;
}

std::int64_t count(const std::filesystem::path& db, const char* sql) {
    sqlite3* h = nullptr;
    sqlite3_open(db.c_str(), &h);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(h, sql, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    auto n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}

std::vector<StatTable> tables(const EventLog& log, Granularity g) {
    auto from = at("2026-09-30T22:00:00Z"), until = at("2026-12-31T23:00:00Z"); // October to December, Stockholm
    auto f = follow_up_figures(log, real_maps(), g, from, until, at("2027-01-10T12:00:00Z"));
    CHECK(f.unreadable == 0);
    return partnership_tables(f.figures, StatsRequest{periods_between(from, until - Millis{1}, g), "centralen", ""});
}

void check_same(const std::vector<StatTable>& before, const std::vector<StatTable>& after) {
    REQUIRE(before.size() == after.size());
    for (std::size_t t = 0; t < before.size(); ++t) {
        REQUIRE(before[t].rows.size() == after[t].rows.size());
        for (std::size_t r = 0; r < before[t].rows.size(); ++r) {
            INFO(before[t].id << " " << before[t].rows[r].label);
            CHECK(before[t].rows[r].cells == after[t].rows[r].cells);
        }
    }
}
} // namespace

TEST_CASE("Stockholm days and the retention cutoff") {
    CHECK(stockholm_day_start("2026-12-01") == at("2026-11-30T23:00:00Z"));
    CHECK(stockholm_day_start("2026-07-01") == at("2026-06-30T22:00:00Z"));
    CHECK_FALSE(stockholm_day_start("2026-13-01"));
    CHECK_FALSE(stockholm_day_start("2026-12-1"));
    CHECK(retention_cutoff(at("2027-03-01T10:00:00Z"), 90) == at("2026-11-30T23:00:00Z"));
    // 00:30 on 2 March in Stockholm is still 1 March in UTC: the day is Stockholm's.
    CHECK(retention_cutoff(at("2027-03-01T23:30:00Z"), 1) == at("2027-02-28T23:00:00Z"));
}

TEST_CASE("an import takes records through the hub's checks; a round contact sent twice is kept once") {
    TempDb db;
    EventLog log(db.path.string());
    std::istringstream in(three_months());
    HubConfig cfg;
    auto summary = import_records(in, cfg, real_maps(), log);
    CHECK(summary.lines == 11);
    CHECK(summary.stored == 9);
    CHECK(summary.duplicates == 1);
    CHECK(summary.refused == 1);
    CHECK(summary.refused_by_reason == std::map<std::string, std::size_t>{{"malformed_json", 1}});
    CHECK(count(db.path, "SELECT count(*) FROM round_contacts") == 1);
    // The alert the report raised was worked as the commands said.
    CHECK(count(db.path, "SELECT count(*) FROM alert_steps WHERE alert_id='A-000002' AND what='resolved'") == 1);
    std::istringstream again(three_months());
    CHECK_THROWS_WITH_AS(import_records(again, cfg, real_maps(), log), doctest::Contains("holds 9 events"), std::runtime_error);
}

TEST_CASE("a purge removes what people reported before the cutoff and keeps every figure") {
    TempDb db;
    EventLog log(db.path.string());
    std::istringstream in(three_months());
    import_records(in, HubConfig{}, real_maps(), log);
    auto months = tables(log, Granularity::month);
    auto weeks = tables(log, Granularity::week);
    // The figures are there to keep: November's people in reports, the contact's results.
    CHECK(cell_text(months[0].rows[1].cells[3]) == "<3");
    CHECK(*months[0].rows[1].cells[3].value == 1);
    // The import ran the hub's fusion: the woman needing care at 03:00 made Centralhallen a
    // hotspot that hour, and the hotspot hours table counts it in November.
    const auto care_hour = "SELECT count(*) FROM hotspot_hours WHERE zone='centralen.centralhallen' AND hour_ms=1794276000000";
    CHECK(count(db.path, care_hour) == 1); // 2026-11-10T02:00:00Z
    const auto hotspot_hours = count(db.path, "SELECT count(*) FROM hotspot_hours");
    auto hours = std::find_if(months.begin(), months.end(), [](const StatTable& t) { return t.id == "hotspottimmar"; });
    REQUIRE(hours != months.end());
    CHECK(*hours->rows[1].cells[0].value >= 1);
    CHECK(*hours->rows.back().cells[0].value == static_cast<double>(hotspot_hours));

    auto purged = log.purge_before(*stockholm_day_start("2026-12-01"), real_maps());
    CHECK(purged.events == 6); // r1, r2, three commands, the contact; the shelter's reading stays
    CHECK(purged.refusals == 1);
    CHECK(purged.notes == 3); // the acknowledgement's and the note's text, and the resolve's note after its outcome
    CHECK(purged.unreadable == 0);

    const auto cutoff_ms = "1796079600000"; // 2026-11-30T23:00:00Z
    CHECK(count(db.path, (std::string("SELECT count(*) FROM events WHERE kind!='shelter' AND heard_ms<") + cutoff_ms).c_str()) == 0);
    CHECK(count(db.path, "SELECT count(*) FROM events WHERE kind='shelter'") == 1);
    CHECK(count(db.path, "SELECT count(*) FROM guard_reports") == 2);
    CHECK(count(db.path, "SELECT count(*) FROM round_contacts") == 0);
    CHECK(count(db.path, (std::string("SELECT count(*) FROM refusals WHERE heard_ms<") + cutoff_ms).c_str()) == 0);
    CHECK(count(db.path, "SELECT count(*) FROM alert_steps WHERE detail LIKE '%knee%' OR detail LIKE '%cafe%' OR detail LIKE '%way to her%'") == 0);
    CHECK(count(db.path, "SELECT count(*) FROM alert_steps WHERE what='resolved' AND detail='handled_by_guard'") == 1);
    CHECK(count(db.path, "SELECT count(*) FROM kept_figures") > 0);
    CHECK(count(db.path, "SELECT count(*) FROM hotspot_hours") == hotspot_hours); // a zone and an hour: kept

    // The same tables, by month and by week, from what was kept and what remains.
    check_same(months, tables(log, Granularity::month));
    check_same(weeks, tables(log, Granularity::week));

    // A second purge over the same span finds nothing more and counts nothing twice.
    auto again = log.purge_before(*stockholm_day_start("2026-12-01"), real_maps());
    CHECK(again.events == 0);
    check_same(months, tables(log, Granularity::month));
}
