// A flood of alerts: the queue grouped by zone, a zone's raised alerts acknowledged at once,
// alerts set aside on this console until their time is up or they get worse, and a stale
// mark where the zone has been reported empty since.
#include "alert_flood.hpp"
#include "time_text.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using namespace platslage::console;
using namespace std::chrono_literals;

namespace {
AlertView alert(const char* id, const char* zone, int rank, const char* state, const char* raised = "2026-12-04T21:00:00.000Z",
                const char* station = "centralen") {
    AlertView a;
    a.id = id;
    a.zone = zone;
    a.station = station;
    a.severity_rank = rank;
    a.state = state;
    a.raised_at = raised;
    a.raised_ms = to_epoch_ms(*parse_rfc3339(raised));
    return a;
}
std::vector<std::string> ids(const std::vector<const AlertView*>& q) {
    std::vector<std::string> out;
    for (const auto* a : q) out.push_back(a->id);
    return out;
}
using Ids = std::vector<std::string>;
} // namespace

TEST_CASE("grouped by zone: each zone's alerts together, zones in the order of their most urgent alert") {
    auto a1 = alert("A-000001", "centralen.vantytor", 3, "raised");
    auto a2 = alert("A-000002", "centralen.nedre-plan", 2, "acknowledged");
    auto a3 = alert("A-000003", "centralen.vantytor", 1, "raised");
    auto a4 = alert("A-000004", "", 0, "raised"); // equipment
    auto a5 = alert("A-000005", "centralen.vantytor", 0, "acknowledged");
    std::vector<const AlertView*> queue{&a1, &a2, &a3, &a4, &a5};
    auto groups = group_by_zone(queue);
    REQUIRE(groups.size() == 3);
    CHECK(groups[0].zone == "centralen.vantytor");
    CHECK(ids(groups[0].alerts) == Ids{"A-000001", "A-000003", "A-000005"});
    CHECK(groups[0].worst == 3);
    CHECK(groups[0].raised == 2);
    CHECK(groups[1].zone == "centralen.nedre-plan");
    CHECK(groups[1].raised == 0);
    CHECK(groups[2].zone.empty());
    // The same zone name at the other station is another group.
    auto a6 = alert("A-000006", "centralen.vantytor", 0, "raised", "2026-12-04T21:00:00.000Z", "cityterminalen");
    queue.push_back(&a6);
    CHECK(group_by_zone(queue).size() == 4);
}

TEST_CASE("acknowledging a zone's alerts at once takes the raised ones of that zone and station, oldest first") {
    auto a1 = alert("A-000001", "centralen.vantytor", 3, "raised", "2026-12-04T21:05:00.000Z");
    auto a2 = alert("A-000002", "centralen.vantytor", 2, "acknowledged");
    auto a3 = alert("A-000003", "centralen.vantytor", 1, "raised", "2026-12-04T21:01:00.000Z");
    auto a4 = alert("A-000004", "centralen.nedre-plan", 3, "raised");
    std::vector<const AlertView*> queue{&a1, &a2, &a3, &a4};
    CHECK(raised_in_same_zone(queue, a2) == Ids{"A-000003", "A-000001"});
    CHECK(raised_in_same_zone(queue, a4) == Ids{"A-000004"});
}

TEST_CASE("an alert set aside waits out of the queue until its time is up, it gets worse, or it closes") {
    const auto t0 = *parse_rfc3339("2026-12-04T21:10:00.000Z");
    auto a1 = alert("A-000001", "centralen.vantytor", 2, "raised");
    auto a2 = alert("A-000002", "centralen.vantytor", 1, "raised");
    std::vector<const AlertView*> queue{&a1, &a2};
    SetAside aside;
    aside.put(a1, t0 + SetAside::default_for);
    auto split = split_aside(queue, aside, t0 + 1min);
    CHECK(ids(split.shown) == Ids{"A-000002"});
    CHECK(ids(split.aside) == Ids{"A-000001"});
    CHECK_FALSE(aside.due(t0 + 14min));
    CHECK(aside.due(t0 + 15min));
    // Its time is up: back in the queue.
    split = split_aside(queue, aside, t0 + 15min);
    CHECK(ids(split.shown) == Ids{"A-000001", "A-000002"});
    CHECK(aside.size() == 0);
    // Worse: lifted to critical, or announced again, it comes back at once.
    aside.put(a1, t0 + 1h);
    auto worse = a1;
    worse.severity_rank = 3;
    CHECK_FALSE(aside.aside(worse, t0 + 2min));
    aside.put(a1, t0 + 1h);
    auto again = a1;
    again.reannounced = 1;
    CHECK_FALSE(aside.aside(again, t0 + 2min));
    // Taken back by hand.
    aside.put(a2, t0 + 1h);
    CHECK(aside.until("A-000002") == t0 + 1h);
    aside.take_back("A-000002");
    CHECK_FALSE(aside.aside(a2, t0 + 2min));
}

TEST_CASE("an alert is marked stale when its zone was reported empty after it was raised, or its counter reads 0") {
    auto a = alert("A-000001", "centralen.vantytor", 2, "raised", "2026-12-04T21:00:00.000Z");
    std::map<std::string, ZoneView> zones;
    ZoneView z;
    z.id = "centralen.vantytor";
    z.last_report_ts = "2026-12-04T20:50:00.000Z"; // before: says nothing about now
    z.last_report_persons = 0;
    zones[z.id] = z;
    CHECK(empty_since_text(a, zones).empty());
    zones[z.id].last_report_ts = "2026-12-04T21:31:00.000Z"; // 22:31 in Stockholm
    CHECK(empty_since_text(a, zones) == "reported empty 22:31");
    zones[z.id].last_report_persons = 2; // people there after all
    CHECK(empty_since_text(a, zones).empty());
    zones[z.id].sensor = "ok";
    zones[z.id].occupancy = 0;
    CHECK(empty_since_text(a, zones) == "counter reads 0");
    zones[z.id].sensor = "silent"; // a silent counter's 0 proves nothing
    CHECK(empty_since_text(a, zones).empty());
    auto closed = a;
    closed.state = "resolved";
    zones[z.id].sensor = "ok";
    CHECK(empty_since_text(closed, zones).empty());
}
