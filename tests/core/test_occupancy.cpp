#include "fixtures.hpp"
#include "occupancy.hpp"

#include <doctest/doctest.h>

using namespace platslage;

namespace {
const TimePoint t0 = test::at("2026-11-23T08:00:00Z");
OccupancySample sample(const char* zone, int count, TimePoint ts) { return {"s1", zone, ts, count}; }
} // namespace

TEST_CASE("samples are checked against the maps and ranges") {
    const auto& maps = test::real_maps();
    auto ok = parse_occupancy_sample(R"({"sensor":"axis-1","zone":"centralen.centralhallen","ts":"2026-11-23T08:00:00Z","count":412})", maps, t0);
    REQUIRE(ok);
    CHECK(ok->count == 412);
    CHECK(parse_occupancy_sample(R"({"sensor":"axis-1","zone":"centralen.nowhere","ts":"2026-11-23T08:00:00Z","count":1})", maps, t0)
              .rejection().reason == RejectReason::unknown_zone);
    CHECK(parse_occupancy_sample(R"({"sensor":"axis-1","zone":"centralen.centralhallen","ts":"2026-11-23T08:00:00Z","count":-3})", maps, t0)
              .rejection().reason == RejectReason::bad_value);
    CHECK(parse_occupancy_sample(R"({"sensor":"axis 1","zone":"centralen.centralhallen","ts":"2026-11-23T08:00:00Z","count":3})", maps, t0)
              .rejection().reason == RejectReason::bad_value);
}

TEST_CASE("the latest sample per zone is the state; an older one does not replace it") {
    OccupancyBoard board(std::chrono::minutes(2));
    CHECK(board.apply(sample("centralen.centralhallen", 100, t0), t0));
    CHECK(board.apply(sample("centralen.centralhallen", 120, t0 + Millis(5000)), t0 + Millis(5000)));
    CHECK_FALSE(board.apply(sample("centralen.centralhallen", 90, t0 + Millis(1000)), t0 + Millis(6000)));
    CHECK(board.find("centralen.centralhallen")->count == 120);
    CHECK_FALSE(board.apply(sample("centralen.centralhallen", 120, t0 + Millis(7000)), t0 + Millis(7000)));
}

TEST_CASE("a sensor that goes quiet is marked silent once, and recovers when heard again") {
    OccupancyBoard board(std::chrono::minutes(2));
    board.apply(sample("centralen.toaletter", 4, t0), t0);
    CHECK(board.mark_silent(t0 + std::chrono::seconds(119)).empty());
    CHECK(board.mark_silent(t0 + std::chrono::seconds(120)) == std::vector<std::string>{"centralen.toaletter"});
    CHECK(board.mark_silent(t0 + std::chrono::seconds(180)).empty());
    CHECK(board.find("centralen.toaletter")->health == SensorHealth::silent);
    CHECK(board.apply(sample("centralen.toaletter", 4, t0 + std::chrono::seconds(200)), t0 + std::chrono::seconds(200)));
    CHECK(board.find("centralen.toaletter")->health == SensorHealth::ok);
}

TEST_CASE("a sample from long before the hub's clock is refused with how far behind it lies") {
    auto at = [](const char* text) { return test::at(text); };
    OccupancySample s{"axis-exit-south", "cityterminalen.vanthall", at("2017-05-03T09:27:56Z"), 12};
    auto why = sample_too_old(s, t0);
    REQUIRE(why);
    CHECK(why->reason == RejectReason::bad_timestamp);
    CHECK(why->detail == "counter 'axis-exit-south' in zone 'cityterminalen.vanthall': field 'ts' lies 9 years behind the "
                         "hub's clock, so it is not the zone's count now; check the counter's clock");
    s.ts = t0 - std::chrono::days(40);
    CHECK(sample_too_old(s, t0)->detail.find("lies 40 days behind") != std::string::npos);
    s.ts = t0 - std::chrono::hours(5);
    CHECK(sample_too_old(s, t0)->detail.find("lies 5 hours behind") != std::string::npos);
    s.ts = t0 - max_sample_age - Millis(1);
    CHECK(sample_too_old(s, t0)->detail.find("lies 15 minutes behind") != std::string::npos);
    s.ts = t0 - max_sample_age;
    CHECK_FALSE(sample_too_old(s, t0));
    s.ts = t0 + std::chrono::minutes(5); // ahead is parse_occupancy_sample's to judge
    CHECK_FALSE(sample_too_old(s, t0));
}

TEST_CASE("a counter with a wrong clock is heard but not believed, goes silent when quiet, and recovers on a good sample") {
    OccupancyBoard board(std::chrono::minutes(2));
    board.apply(sample("centralen.toaletter", 4, t0), t0);
    auto old = sample("centralen.toaletter", 40, test::at("2021-01-01T00:00:00Z"));
    CHECK(board.clock_wrong(old, t0 + std::chrono::seconds(10)));
    CHECK_FALSE(board.clock_wrong(old, t0 + std::chrono::seconds(11))); // no news the second time
    const auto* z = board.find("centralen.toaletter");
    CHECK(z->health == SensorHealth::clock_wrong);
    CHECK(z->count == 4); // the last count believed stays, marked as old
    CHECK(z->measured == t0);
    CHECK(health_name(z->health) == "clock_wrong");
    CHECK(board.mark_silent(t0 + std::chrono::seconds(130)).empty()); // heard last at 11 s
    CHECK(board.mark_silent(t0 + std::chrono::seconds(131)) == std::vector<std::string>{"centralen.toaletter"});
    CHECK(board.apply(sample("centralen.toaletter", 6, t0 + std::chrono::seconds(140)), t0 + std::chrono::seconds(140)));
    CHECK(board.find("centralen.toaletter")->health == SensorHealth::ok);
    CHECK(board.find("centralen.toaletter")->count == 6);

    OccupancyBoard saved(std::chrono::minutes(2));
    board.clock_wrong(old, t0 + std::chrono::seconds(150));
    saved.load(board.save());
    CHECK(saved.find("centralen.toaletter")->health == SensorHealth::clock_wrong);
}
