// Retention in the running hub: raw rows older than retention-days are purged by the hub's
// own daily purge, their figures kept, while what is newer stays. A log filled the way a
// partner would fill one for a trial, with platslage-hub --import.
#include "system_under_test.hpp"
#include "time_text.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {
std::string report_line(const std::string& id, TimePoint heard) {
    auto t = format_rfc3339(heard);
    return R"({"heard":")" + t + R"(","kind":"guard_report","station":"centralen","actor":"hh-01","zone":"centralen.vantytor",)"
           R"("body":{"id":")" + id + R"(","ts":")" + t +
           R"(","zone":"centralen.vantytor","kind":"observation","persons":2,"women":1,"men":1,"categories":["sleeping"],)"
           R"("note":"two by the lockers"}})" "\n";
}
} // namespace

TEST_CASE("the running hub purges what is older than retention-days, keeps its figures, and leaves the rest") {
    TempDir dir("platslage-it18");
    Broker broker(dir.path());
    auto now = std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
    {
        std::ofstream records(dir.path() / "records.jsonl");
        records << report_line("old-1", now - std::chrono::days(10)) << report_line("old-2", now - std::chrono::days(9))
                << report_line("new-1", now - 2h);
    }
    const auto db = dir.path() / "platslage.db";
    REQUIRE(run_command({PLATSLAGE_HUB_BIN, "--db", db.string(), "--maps", PLATSLAGE_MAPS_DIR, "--import",
                         (dir.path() / "records.jsonl").string(), "--log-level", "warn"},
                        30s) == 0);
    REQUIRE(sql_count(db, "SELECT count(*) FROM events") == 3);

    Hub hub(dir.path(), broker.url(), {}, {"--retention-days", "3", "--purge-first-after-s", "1"});
    REQUIRE(hub.db() == db);
    REQUIRE(hub.wait_mqtt_up());
    CHECK(eventually([&] { return sql_count(db, "SELECT count(*) FROM events") == 1; }, 15s));
    CHECK(sql_count(db, "SELECT count(*) FROM guard_reports WHERE report_id='new-1'") == 1);
    CHECK(sql_count(db, "SELECT count(*) FROM guard_reports WHERE report_id LIKE 'old-%'") == 0);
    // What the two old reports counted is kept: 4 people, 2 of them women, in the months they fell in.
    CHECK(sql_count(db, "SELECT ifnull(sum(value),0) FROM kept_figures WHERE granularity='month' AND measure='reported' "
                        "AND key='persons'") == 4);
    CHECK(sql_count(db, "SELECT ifnull(sum(value),0) FROM kept_figures WHERE granularity='week' AND measure='reported' "
                        "AND key='women'") == 2);
    // The hub says so once the purge is committed: the line may come a moment after the rows went.
    CHECK(eventually([&] { return hub.process().log_text().find("purged before") != std::string::npos; }, 5s));
    // The hub serves on, with the report it kept.
    CHECK(hub.status()["reports_stored"] == 1);
}
