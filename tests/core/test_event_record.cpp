#include "event_record.hpp"
#include "fixtures.hpp"

#include <doctest/doctest.h>

using namespace platslage;

TEST_CASE("an accepted message survives the trip through the log unchanged") {
    const auto& maps = test::real_maps();
    const TimePoint now = test::at("2026-11-23T23:30:00Z");
    auto e = parse_handheld_message("platslage/v1/cityterminalen/guard/hh-03/report",
                                    R"({"id":"a","ts":"2026-11-23T23:00:00Z","zone":"cityterminalen.vanthall","kind":"incident","persons":1,"categories":["minor"]})",
                                    maps, now);
    REQUIRE(e);
    auto rec = to_record(e.value(), maps, now);
    CHECK(rec.kind == "guard_report");
    CHECK(rec.station == "cityterminalen");
    CHECK(rec.actor == "hh-03");
    CHECK(rec.zone == "cityterminalen.vanthall");
    auto back = from_record(rec, maps);
    REQUIRE(back);
    CHECK(to_json(std::get<GuardReport>(back.value())) == to_json(std::get<GuardReport>(e.value())));

    OccupancySample s{"s1", "centralen.toaletter", now, 7};
    auto occ = to_record(Event{s}, maps, now);
    CHECK(occ.station == "centralen");
    CHECK(std::get<OccupancySample>(from_record(occ, maps).value()).count == 7);
}

TEST_CASE("a counter's sample is kept as the text it was accepted as, and reads back to the same sample") {
    const auto& maps = test::real_maps();
    const TimePoint now = test::at("2026-11-23T23:30:00Z");
    // Another writer's spacing, order and offset: all of it checked, none of it rewritten.
    const std::string text = R"({ "count": 12, "ts": "2026-11-24T00:29:58+01:00", "zone": "centralen.toaletter", "sensor": "pc-000004" })";
    auto s = parse_occupancy_sample(text, maps, now);
    REQUIRE(s);
    auto rec = to_record(s.value(), text, maps, now);
    CHECK(rec.kind == "occupancy");
    CHECK(rec.station == "centralen");
    CHECK(rec.actor == "pc-000004");
    CHECK(rec.zone == "centralen.toaletter");
    CHECK(rec.body == text);
    auto back = from_record(rec, maps);
    REQUIRE(back);
    CHECK(to_json(std::get<OccupancySample>(back.value())) == to_json(s.value()));
    CHECK(std::get<OccupancySample>(back.value()).ts == test::at("2026-11-23T23:29:58Z"));
}

TEST_CASE("topics the hub publishes are not accepted as input") {
    auto e = parse_handheld_message("platslage/v1/centralen/guard/hh-03/receipt", "{}", test::real_maps(),
                                    test::at("2026-11-23T23:30:00Z"));
    CHECK(e.rejection().reason == RejectReason::unknown_topic);
}
