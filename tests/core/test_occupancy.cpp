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
