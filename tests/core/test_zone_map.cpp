#include "fixtures.hpp"
#include "zone_map.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <initializer_list>
#include <sstream>
#include <string>
#include <unistd.h>
#include <utility>

using namespace platslage;

namespace {
std::string one_zone(const std::string& props,
                     const std::string& ring = "[[18.05,59.33],[18.06,59.33],[18.06,59.331],[18.05,59.33]]") {
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

// Small broken maps, one per rule. Corners in steps of 1e-4 degrees near Centralen.
using Corners = std::initializer_list<std::pair<double, double>>;
std::string ring(Corners corners) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(9) << "[";
    for (auto [x, y] : corners)
        out << "[" << 18.05 + x * 1e-4 << "," << 59.33 + y * 1e-4 << "],";
    out << "[" << 18.05 + corners.begin()->first * 1e-4 << "," << 59.33 + corners.begin()->second * 1e-4 << "]]";
    return out.str();
}
std::string square(double x, double y, double size = 1) {
    return ring({{x, y}, {x + size, y}, {x + size, y + size}, {x, y + size}});
}
std::string zone(const std::string& id, int level, const std::string& polygon_rings,
                 const std::string& more_properties = R"("kind":"hall","capacity":100)") {
    return R"({"type":"Feature","properties":{"id":")" + id + R"(","name":"Z","station":")" +
           id.substr(0, id.find('.')) + R"(","level":)" + std::to_string(level) + "," + more_properties +
           R"(},"geometry":{"type":"Polygon","coordinates":[)" + polygon_rings + "]}}";
}
std::string collection(std::initializer_list<std::string> features) {
    std::string out = R"({"type":"FeatureCollection","features":[)";
    for (const auto& f : features)
        out += (out.back() == '[' ? "" : ",") + f;
    return out + "]}";
}

// A maps folder of its own for one test, removed at the end.
class MapsDir {
public:
    MapsDir() {
        static int n = 0;
        dir_ = std::filesystem::temp_directory_path() /
               ("platslage-maps-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    ~MapsDir() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    MapsDir(const MapsDir&) = delete;
    MapsDir& operator=(const MapsDir&) = delete;
    void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    // The error loading the folder gives, or "" when it loads.
    std::string error() const {
        try {
            ZoneMap::load_dir(dir_);
        } catch (const MapError& e) {
            return e.what();
        }
        return "";
    }

private:
    std::filesystem::path dir_;
};
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
    auto e = error_of(one_zone(
        R"({"id":"centralen.toaletter","name":"T","station":"centralen","level":-1,"kind":"restroom","capacity":-4})"));
    CHECK(e == "maps/test.geojson: feature 0 (centralen.toaletter): property 'capacity' must be a positive integer");
    e = error_of(one_zone(good_props, "[[18.05,59.33],[18.06,59.33],[18.06,59.331],[18.05,59.3301]]"));
    CHECK(e.find("feature 0 (centralen.toaletter): the ring is not closed") != std::string::npos);
    e = error_of(
        one_zone(R"({"id":"cityterminalen.x","name":"X","station":"centralen","level":0,"kind":"hall","capacity":5})"));
    CHECK(e.find("must start with its station") != std::string::npos);
    e = error_of(
        one_zone(R"({"id":"centralen.x","name":"X","station":"centralen","level":0,"kind":"bar","capacity":5})"));
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

TEST_CASE("a zone's outline must be a polygon that neither crosses nor touches itself and encloses area") {
    CHECK(error_of(collection({zone("centralen.bow-tie", 0, ring({{0, 0}, {1, 1}, {1, 0}, {0, 1}}))})) ==
          "maps/test.geojson: feature 0 (centralen.bow-tie): the outline crosses or touches itself: the edge from "
          "position 0 to 1 meets the edge from position 2 to 3");
    CHECK(error_of(collection({zone("centralen.flat", 0, ring({{0, 0}, {1, 0}, {2, 0}}))})) ==
          "maps/test.geojson: feature 0 (centralen.flat): the ring encloses no area: its corners lie on one line");
    CHECK(error_of(collection({zone("centralen.twice", 0, ring({{0, 0}, {1, 0}, {1, 0}, {1, 1}}))})) ==
          "maps/test.geojson: feature 0 (centralen.twice): positions 1 and 2 are the same point: remove one of the two "
          "vertices");
    CHECK(error_of(collection({zone("centralen.spike", 0, ring({{0, 0}, {2, 0}, {1, 0}, {0, 1}}))})) ==
          "maps/test.geojson: feature 0 (centralen.spike): the outline doubles back on itself at position 1: the edge "
          "from position 0 to 1 runs back along the edge from position 1 to 2");
}

TEST_CASE("a zone is one Polygon without holes; either winding loads") {
    CHECK(error_of(collection({zone("centralen.ring", 0, square(0, 0, 3) + "," + square(1, 1))})) ==
          "maps/test.geojson: feature 0 (centralen.ring): the Polygon has a hole: a zone is one outline; split it into "
          "zones without holes");
    std::string multi = zone("centralen.parts", 0, "[" + square(0, 0) + "],[" + square(2, 0) + "]");
    multi.replace(multi.find("\"Polygon\""), 9, "\"MultiPolygon\"");
    CHECK(error_of(collection({multi})) == "maps/test.geojson: feature 0 (centralen.parts): geometry must be a "
                                           "Polygon, not a MultiPolygon: make each part a zone of its own");
    auto clockwise = ZoneMap::from_geojson(
        collection({zone("centralen.clockwise", 0, ring({{0, 0}, {0, 1}, {1, 1}, {1, 0}}))}), "t");
    REQUIRE(clockwise.find("centralen.clockwise"));
    CHECK(twice_signed_area(clockwise.find("centralen.clockwise")->outline) < 0); // kept as drawn
}

TEST_CASE("zones of a station's level may share edges and corners but not area") {
    CHECK(error_of(collection({zone("centralen.a", 0, square(0, 0, 2)), zone("centralen.b", 0, square(1, 1, 2))})) ==
          "maps/test.geojson: feature 1 (centralen.b): overlaps zone 'centralen.a' (feature 0) on level 0");
    CHECK(error_of(collection({zone("centralen.a", -1, square(0, 0, 2)), zone("centralen.c", -1, square(5, 5)),
                               zone("centralen.b", -1, square(0.5, 0.5))})) ==
          "maps/test.geojson: feature 2 (centralen.b): overlaps zone 'centralen.a' (feature 0) on level -1");
    // The same overlap on two levels, or at two stations (levels are numbered per station), loads.
    auto stacked = ZoneMap::from_geojson(
        collection({zone("centralen.a", 0, square(0, 0, 2)), zone("centralen.b", -1, square(1, 1, 2)),
                    zone("cityterminalen.c", 0, square(1, 1, 2))}),
        "t");
    CHECK(stacked.zones().size() == 3);
    // Neighbours sharing an edge, a part of an edge, or a corner load.
    auto neighbours = ZoneMap::from_geojson(
        collection({zone("centralen.a", 0, square(0, 0, 2)), zone("centralen.edge", 0, square(2, 0, 2)),
                    zone("centralen.part", 0, square(0.5, 2)), zone("centralen.corner", 0, square(-1, -1))}),
        "t");
    CHECK(neighbours.zones().size() == 4);
}

TEST_CASE("across map files zone ids stay unique and zones of a station's level apart") {
    MapsDir overlap;
    overlap.write("a.geojson", collection({zone("centralen.a", 1, square(0, 0, 2))}));
    overlap.write("b.geojson", collection({zone("centralen.b", 1, square(1, 0, 2))}));
    CHECK(overlap.error() == overlap.path("b.geojson") +
                                 ": zone 'centralen.b' overlaps zone 'centralen.a' of another map file on level 1");

    MapsDir twice;
    twice.write("a.geojson", collection({zone("centralen.a", 0, square(0, 0))}));
    twice.write("b.geojson", collection({zone("centralen.a", 0, square(3, 0))}));
    CHECK(twice.error() == twice.path("b.geojson") + ": zone 'centralen.a' is already defined by another map file");

    MapsDir apart;
    apart.write("a.geojson", collection({zone("centralen.a", 0, square(0, 0, 2))}));
    apart.write("b.geojson",
                collection({zone("centralen.b", 0, square(2, 0, 2)), zone("centralen.c", 1, square(1, 0))}));
    CHECK(apart.error() == "");
}

TEST_CASE("capacity is a positive number of people and kind one of the documented kinds") {
    CHECK(error_of(collection({zone("centralen.a", 0, square(0, 0), R"("kind":"hall","capacity":0)")})) ==
          "maps/test.geojson: feature 0 (centralen.a): property 'capacity' must be a positive integer");
    CHECK(error_of(collection({zone("centralen.a", 0, square(0, 0), R"("kind":"hall","capacity":-1)")})) ==
          "maps/test.geojson: feature 0 (centralen.a): property 'capacity' must be a positive integer");
    CHECK(error_of(collection({zone("centralen.a", 0, square(0, 0), R"("kind":"hall","capacity":12.5)")})) ==
          "maps/test.geojson: feature 0 (centralen.a): property 'capacity' must be an integer");
    CHECK(error_of(collection({zone("centralen.a", 0, square(0, 0), R"("kind":"kiosk","capacity":5)")})) ==
          "maps/test.geojson: feature 0 (centralen.a): property 'kind' 'kiosk' is not a known zone kind");
    CHECK(error_of(collection({zone("centralen.a", 4, square(0, 0))})) ==
          "maps/test.geojson: feature 0 (centralen.a): property 'level' must be between -3 and 3");
}

TEST_CASE("docs/maps.md quotes the loader's refusals as the loader words them") {
    std::ifstream in(std::string(PLATSLAGE_MAPS_DIR) + "/../docs/maps.md");
    REQUIRE(in);
    std::stringstream doc;
    doc << in.rdbuf();
    const std::string text = doc.str();
    auto refusal = [](const std::string& message) { return message.substr(message.find("): ") + 3); };
    for (const std::string& message :
         {error_of(collection({zone("centralen.a", 0, ring({{0, 0}, {1, 1}, {1, 0}, {0, 1}}))})),
          error_of(collection({zone("centralen.a", 0, ring({{0, 0}, {1, 0}, {2, 0}}))})),
          error_of(collection({zone("centralen.a", 0, square(0, 0, 3) + "," + square(1, 1))})),
          error_of(collection({zone("centralen.a", 0, square(0, 0), R"("kind":"kiosk","capacity":5)")})),
          error_of(collection({zone("centralen.a", 0, square(0, 0), R"("kind":"hall","capacity":0)")}))}) {
        INFO(message);
        CHECK(text.find(refusal(message)) != std::string::npos);
    }
}
