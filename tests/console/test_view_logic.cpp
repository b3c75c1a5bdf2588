// The console's decisions that need no window: the colour scale, the map projection, what
// is under the mouse, labels, and how the hub's entries become the picture on screen.
#include "../core/fixtures.hpp"
#include "picture.hpp"
#include "view_logic.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace platslage;
using namespace platslage::console;

namespace {
bool same(Rgba a, Rgba b) {
    return std::abs(a.r - b.r) < 1e-6f && std::abs(a.g - b.g) < 1e-6f && std::abs(a.b - b.b) < 1e-6f;
}
// Redness: how far red is above green; the scale runs green → amber → red.
float redness(Rgba c) { return c.r - c.g; }
} // namespace

TEST_SUITE("occupancy colours") {
    TEST_CASE("the scale rises with occupancy against capacity") {
        auto quiet = occupancy_colour(10, 100, false);
        auto half = occupancy_colour(50, 100, false);
        auto busy = occupancy_colour(80, 100, false);
        auto full = occupancy_colour(100, 100, false);
        CHECK(quiet.g > quiet.r); // green when calm
        CHECK(redness(quiet) < redness(half));
        CHECK(redness(half) < redness(busy));
        CHECK(redness(busy) < redness(full));
        CHECK(same(full, occupancy_colour(250, 100, false))); // over capacity is still "at capacity"
    }
    TEST_CASE("no count and no capacity are grey, whatever the number") {
        auto none = occupancy_colour(std::nullopt, 100, false);
        CHECK(same(none, occupancy_colour(5, 0, false)));
        CHECK(std::abs(none.r - none.g) < 0.05f); // grey: no hue
    }
    TEST_CASE("a silent sensor keeps its hue but is dimmed towards grey") {
        auto live = occupancy_colour(100, 100, false);
        auto silent = occupancy_colour(100, 100, true);
        CHECK_FALSE(same(live, silent));
        CHECK(redness(silent) > 0);               // still reads as "full"
        CHECK(redness(silent) < redness(live));   // but visibly old
    }
}

TEST_SUITE("map projection") {
    TEST_CASE("screen and lon/lat round-trip, north is up and east is right") {
        MapProjection proj({18.0575, 59.3303}, 2.0, {400, 300});
        LonLat p{18.0581, 59.3309};
        auto s = proj.to_screen(p);
        auto back = proj.to_lonlat(s);
        CHECK(back.lon == doctest::Approx(p.lon).epsilon(1e-12));
        CHECK(back.lat == doctest::Approx(p.lat).epsilon(1e-12));
        CHECK(s.x > 400); // east
        CHECK(s.y < 300); // north
    }
    TEST_CASE("metres are metres in both directions at 59 degrees north") {
        MapProjection proj({18.0575, 59.3303}, 1.0, {0, 0});
        // 100 m east and 100 m north must be the same number of pixels.
        double deg_lat_100m = 100.0 / 111320.0;
        double deg_lon_100m = deg_lat_100m / std::cos(59.3303 * 3.14159265358979 / 180.0);
        auto east = proj.to_screen({18.0575 + deg_lon_100m, 59.3303});
        auto north = proj.to_screen({18.0575, 59.3303 + deg_lat_100m});
        CHECK(east.x == doctest::Approx(100.0).epsilon(1e-9));
        CHECK(-north.y == doctest::Approx(100.0).epsilon(1e-9));
    }
    TEST_CASE("fit puts every zone of a station inside the canvas") {
        const auto& maps = test::real_maps();
        for (const auto& station : maps.stations()) {
            auto zones = maps.zones_of(station);
            auto proj = MapProjection::fit(zones, {10, 20}, {800, 500});
            for (const auto* z : zones)
                for (const auto& ll : z->outline) {
                    auto s = proj.to_screen(ll);
                    CHECK(s.x >= 10);
                    CHECK(s.x <= 810);
                    CHECK(s.y >= 20);
                    CHECK(s.y <= 520);
                }
        }
    }
    TEST_CASE("the zone under a point is found on the real map, and nothing outside it") {
        const auto& maps = test::real_maps();
        std::vector<const Zone*> street;
        for (const auto* z : maps.zones_of("centralen"))
            if (z->level == 0) street.push_back(z);
        const Zone* hall = maps.find("centralen.centralhallen");
        REQUIRE(hall);
        auto at_centre = zone_at(street, centroid(hall->outline));
        REQUIRE(at_centre);
        CHECK(at_centre->id == "centralen.centralhallen");
        CHECK(zone_at(street, {18.2, 59.5}) == nullptr); // kilometres away
    }
}

TEST_SUITE("labels") {
    auto ten_per_char = [](const std::string& s) { return 10.0f * static_cast<float>(s.size()); };
    TEST_CASE("a name that fits stays whole") {
        CHECK(label_lines("Toaletter", 100, ten_per_char) == std::vector<std::string>{"Toaletter"});
    }
    TEST_CASE("a long name breaks at the space that balances the lines") {
        auto lines = label_lines("Plattformar spår 10-19", 120, ten_per_char);
        CHECK(lines == std::vector<std::string>{"Plattformar", "spår 10-19"});
    }
    TEST_CASE("no label rather than one that spills over a neighbour") {
        CHECK(label_lines("Biljett- och informationshall", 60, ten_per_char).empty());
        CHECK(label_lines("Förvaringsboxar", 60, ten_per_char).empty());
    }
    TEST_CASE("span across and down a screen polygon") {
        std::vector<Point> square{{0, 0}, {100, 0}, {100, 50}, {0, 50}};
        CHECK(span_across(square, 25) == doctest::Approx(100));
        CHECK(span_down(square, 30) == doctest::Approx(50));
        CHECK(span_across(square, 80) == 0);
    }
}

TEST_SUITE("picture") {
    TEST_CASE("the hub's entries become zones, stations, teams and reports, newest report first") {
        std::map<std::string, std::string> entries{
            {"zone/centralen.toaletter",
             R"({"id":"centralen.toaletter","station":"centralen","capacity":40,"occupancy":12,"sensor":"silent",
                 "last_report":{"ts":"2026-11-23T23:01:00+01:00","persons":2,"categories":["sleeping"]}})"},
            {"station/centralen", R"({"id":"centralen","occupancy":12,"zones":12,"zones_counted":1,"sensors_silent":1,
                                      "guards_on_shift":3,"teams_on_site":1})"},
            {"report/000000000007", R"({"station":"centralen","device":"hh-01","id":"r-7","zone":"centralen.toaletter",
                                        "kind":"observation","persons":2,"categories":["sleeping"]})"},
            {"report/000000000012", R"({"station":"centralen","device":"hh-02","id":"r-12","zone":"centralen.vantytor",
                                        "kind":"patrol","persons":0,"categories":[]})"},
            {"team/team-01", R"({"id":"team-01","station":"centralen","status":"engaged","zone":"centralen.vantytor",
                                           "org":"capio","members":2})"},
            {"device/centralen/hh-01", "{not json"},
        };
        auto p = make_picture(entries);
        REQUIRE(p.zones.count("centralen.toaletter"));
        const auto& z = p.zones.at("centralen.toaletter");
        CHECK(z.occupancy == 12);
        CHECK(z.sensor == "silent");
        CHECK(z.last_report_persons == 2);
        CHECK(z.last_report_categories == std::vector<std::string>{"sleeping"});
        REQUIRE(p.stations.size() == 1);
        CHECK(p.stations[0].guards_on_shift == 3);
        REQUIRE(p.reports.size() == 2);
        CHECK(p.reports[0].id == "r-12"); // the later log id is on top
        CHECK(p.reports[1].id == "r-7");
        REQUIRE(p.teams.size() == 1);
        CHECK(p.teams[0].org == "capio");
        CHECK(p.undecodable == 1); // counted and shown, not silently dropped
    }
    TEST_CASE("a zone without a count has no occupancy, not zero") {
        auto p = make_picture({{"zone/centralen.vantytor", R"({"id":"centralen.vantytor","station":"centralen","capacity":250,"sensor":"none"})"}});
        CHECK_FALSE(p.zones.at("centralen.vantytor").occupancy.has_value());
    }
}

TEST_SUITE("ages") {
    TEST_CASE("how long ago, in words people read at a glance") {
        CHECK(age_text(-3) == "0 s");
        CHECK(age_text(42) == "42 s");
        CHECK(age_text(300) == "5 min");
        CHECK(age_text(7500) == "2 h 5 min");
    }
}
