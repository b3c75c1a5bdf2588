#include "fixtures.hpp"
#include "occupancy_history.hpp"
#include "situation.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using namespace std::chrono_literals;

TEST_CASE("a zone's history holds the last count of each five minutes of the last day") {
    OccupancyHistory h;
    const TimePoint t0 = test::at("2026-11-23T22:00:00Z");
    h.record("centralen.vantytor", t0, 10);
    h.record("centralen.vantytor", t0 + 1min, 12); // same bucket: the newer count wins
    h.record("centralen.vantytor", t0 + 5min, 20);
    h.record("centralen.vantytor", t0 + 12min, 30);
    auto s = h.series("centralen.vantytor", t0 + 13min);
    REQUIRE(s.size() == 3);
    CHECK(s[0] == std::pair<std::int64_t, int>{to_epoch_ms(t0), 12});
    CHECK(s[1] == std::pair<std::int64_t, int>{to_epoch_ms(t0 + 5min), 20});
    CHECK(s[2] == std::pair<std::int64_t, int>{to_epoch_ms(t0 + 10min), 30});
    CHECK(h.series("centralen.toaletter", t0).empty());
}

TEST_CASE("a day later only the last day is shown, and memory stays at one day per zone") {
    OccupancyHistory h;
    const TimePoint t0 = test::at("2026-11-23T00:00:00Z");
    for (int minute = 0; minute < 3 * 24 * 60; ++minute) h.record("centralen.vantytor", t0 + std::chrono::minutes(minute), minute);
    const TimePoint now = t0 + std::chrono::minutes(3 * 24 * 60 - 1);
    auto s = h.series("centralen.vantytor", now);
    CHECK(s.size() == 289); // 24 h of buckets and the one now-24h falls in
    CHECK(s.front().first >= to_epoch_ms(now - 24h - 5min));
    CHECK(s.back().second == 3 * 24 * 60 - 1);
    CHECK(h.save()["centralen.vantytor"].size() <= 290);
}

TEST_CASE("a count heard late goes into its own bucket") {
    OccupancyHistory h;
    const TimePoint t0 = test::at("2026-11-23T22:00:00Z");
    h.record("z", t0 + 10min, 3);
    h.record("z", t0, 1);
    h.record("z", t0 + 11min, 4);
    auto s = h.series("z", t0 + 12min);
    REQUIRE(s.size() == 2);
    CHECK(s[0].second == 1);
    CHECK(s[1].second == 4);
}

TEST_CASE("the history goes with the situation's snapshot, and the same samples give the same chart") {
    const auto& maps = test::real_maps();
    Situation a(maps, {});
    const TimePoint t0 = test::at("2026-11-23T22:00:00Z");
    for (int i = 0; i < 40; ++i)
        a.record(OccupancySample{"s1", "centralen.vantytor", t0 + std::chrono::minutes(i), i}, t0 + std::chrono::minutes(i));
    Situation b(maps, {});
    b.load(a.save());
    const TimePoint now = t0 + 40min;
    CHECK(b.occupancy_history().series("centralen.vantytor", now) == a.occupancy_history().series("centralen.vantytor", now));
    CHECK(a.occupancy_history().series("centralen.vantytor", now).size() == 8);
}
