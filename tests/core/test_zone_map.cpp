#include "fixtures.hpp"
#include "zone_map.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace platslage;

namespace {
std::string one_zone(const std::string& props, const std::string& ring =
    "[[18.05,59.33],[18.06,59.33],[18.06,59.331],[18.05,59.33]]") {
    return R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)" + props +
           R"(,"geometry":{"type":"Polygon","coordinates":[)" + ring + "]}}]}";
}
const std::string good_props =
    R"({"id":"centralen.toaletter","name":"Toaletter","station":"centralen","level":-1,"kind":"restroom","capacity":60})";

std::string error_of(const std::string& text) {
    try {
        ZoneMap::from_geojson(text, "maps/test.geojson");
    } catch (const MapError& e) {
        return e.what();
    }
    return "";
}
} // namespace

TEST_CASE("the real maps hold every zone of the domain brief at the real place") {
    const auto& maps = test::real_maps();
    CHECK(maps.zones().size() == 19);
    CHECK(maps.zones_of("centralen").size() == 12);
    CHECK(maps.zones_of("cityterminalen").size() == 7);
    const Zone* hall = maps.find("centralen.centralhallen");
    REQUIRE(hall);
    CHECK(hall->capacity == 1500);
    CHECK(hall->level == 0);
    CHECK(hall->name == "Centralhallen");
    for (const auto& z : maps.zones()) {
        INFO(z.id);
        for (const auto& p : z.outline) {
            CHECK(p.lat > 59.327);
            CHECK(p.lat < 59.3345);
            CHECK(p.lon > 18.050);
            CHECK(p.lon < 18.062);
        }
    }
    const Zone* vanthall = maps.find("cityterminalen.vanthall");
    REQUIRE(vanthall);
    CHECK(vanthall->name == "Vänthallen");
}

TEST_CASE("a good feature loads") {
    auto map = ZoneMap::from_geojson(one_zone(good_props), "t");
    REQUIRE(map.find("centralen.toaletter"));
    CHECK(map.has_station("centralen"));
    CHECK_FALSE(map.has_station("odenplan"));
}

TEST_CASE("a broken map file gets an error naming the file and the feature") {
    CHECK(error_of("{nope") == "maps/test.geojson: not valid JSON");
    auto e = error_of(one_zone(R"({"id":"centralen.toaletter","name":"T","station":"centralen","level":-1,"kind":"restroom","capacity":-4})"));
    CHECK(e == "maps/test.geojson: feature 0 (centralen.toaletter): property 'capacity' must be a positive integer");
    e = error_of(one_zone(good_props, "[[18.05,59.33],[18.06,59.33],[18.06,59.331],[18.05,59.3301]]"));
    CHECK(e.find("feature 0 (centralen.toaletter): the ring is not closed") != std::string::npos);
    e = error_of(one_zone(R"({"id":"cityterminalen.x","name":"X","station":"centralen","level":0,"kind":"hall","capacity":5})"));
    CHECK(e.find("must start with its station") != std::string::npos);
    e = error_of(one_zone(R"({"id":"centralen.x","name":"X","station":"centralen","level":0,"kind":"bar","capacity":5})"));
    CHECK(e.find("'kind' 'bar' is not a known zone kind") != std::string::npos);
    e = error_of(one_zone(good_props, "[[18.05,59.33],[18.06,59.33],[18.05,59.33]]"));
    CHECK(e.find("at least four positions") != std::string::npos);
}

TEST_CASE("zone ids are unique across map files") {
    auto a = ZoneMap::from_geojson(one_zone(good_props), "a.geojson");
    auto b = ZoneMap::from_geojson(one_zone(good_props), "b.geojson");
    CHECK_THROWS_WITH_AS(a.merge(std::move(b), "b.geojson"),
                         "b.geojson: zone 'centralen.toaletter' is already defined by another map file", MapError);
}
