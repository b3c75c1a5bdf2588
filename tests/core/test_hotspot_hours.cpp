// Hotspot hours: each zone's highest score in each clock hour, kept from 30 on. A score holds
// until it is computed again, so a long hot spell is hours in a row, and calm hours are none.
#include "fixtures.hpp"
#include "hotspot_hours.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace platslage;
using platslage::test::at;

namespace {
const Zone& vantytor() {
    return *test::real_maps().find("centralen.vantytor");
}
const Zone& vanthall() {
    return *test::real_maps().find("cityterminalen.vanthall");
}
} // namespace

TEST_CASE("an hour's peak, a hot spell carried through hours with no new score, and calm hours left out") {
    HotspotHours h;
    h.observe(vantytor(), 10, at("2026-11-24T20:05:00Z"));
    h.observe(vantytor(), 45, at("2026-11-24T20:20:00Z"));
    h.observe(vantytor(), 72, at("2026-11-24T20:40:00Z"));
    h.observe(vantytor(), 50, at("2026-11-24T20:50:00Z"));
    CHECK(h.take().empty()); // the hour is not over
    // Nothing computed from 21:00 to 23:10: the 50 holds through 21 and 22.
    h.observe(vantytor(), 20, at("2026-11-24T23:10:00Z"));
    auto closed = h.take();
    REQUIRE(closed.size() == 3);
    CHECK(closed[0] == HotspotHour{"centralen.vantytor", "centralen", at("2026-11-24T20:00:00Z"), 72});
    CHECK(closed[1] == HotspotHour{"centralen.vantytor", "centralen", at("2026-11-24T21:00:00Z"), 50});
    CHECK(closed[2] == HotspotHour{"centralen.vantytor", "centralen", at("2026-11-24T22:00:00Z"), 50});
    // 23:00 began at 50 (held from before) and fell to 20: still a hotspot hour. After it, the
    // 20 holds: no more hotspot hours, however long it stays calm.
    h.advance(at("2026-11-25T09:30:00Z"));
    closed = h.take();
    REQUIRE(closed.size() == 1);
    CHECK(closed[0].hour == at("2026-11-24T23:00:00Z"));
    CHECK(closed[0].peak == 50);
    CHECK(h.take().empty()); // taken once
}

TEST_CASE("each zone on its own; an hour that only touched 29 is none; the hours under way survive a save") {
    HotspotHours h;
    h.observe(vantytor(), 29, at("2026-11-24T20:10:00Z"));
    h.observe(vanthall(), 30, at("2026-11-24T20:15:00Z"));
    h.observe(vanthall(), 0, at("2026-11-24T20:30:00Z"));
    HotspotHours again;
    again.load(nlohmann::json::parse(h.save().dump()));
    again.advance(at("2026-11-24T21:00:00Z"));
    auto closed = again.take();
    REQUIRE(closed.size() == 1);
    CHECK(closed[0] == HotspotHour{"cityterminalen.vanthall", "cityterminalen", at("2026-11-24T20:00:00Z"), 30});
    // Whole UTC hours are whole Stockholm hours, summer time too: 01:00 local on 25 October
    // 2026 (the night the clocks go back) is 23:00 UTC the day before.
    HotspotHours autumn;
    autumn.observe(vantytor(), 80, at("2026-10-24T23:10:00Z"));
    autumn.advance(at("2026-10-25T00:00:00Z"));
    REQUIRE(autumn.take().size() == 1);
}
