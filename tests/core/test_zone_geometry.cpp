#include "fixtures.hpp"
#include "zone_geometry.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <utility>
#include <vector>

using namespace platslage;

namespace {
// A closed ring near Centralen from corners in steps of 1e-4 degrees (about 11 m north, 6 m east).
std::vector<LonLat> ring(std::initializer_list<std::pair<double, double>> corners) {
    std::vector<LonLat> out;
    for (auto [x, y] : corners)
        out.push_back({18.05 + x * 1e-4, 59.33 + y * 1e-4});
    out.push_back(out.front());
    return out;
}
std::vector<LonLat> square(double x, double y, double size = 1) {
    return ring({{x, y}, {x + size, y}, {x + size, y + size}, {x, y + size}});
}
} // namespace

TEST_CASE("an outline is a polygon with area that neither crosses nor touches itself") {
    CHECK_FALSE(ring_problem(square(0, 0)));
    CHECK_FALSE(ring_problem(ring({{0, 0}, {1, 1}, {0, 1}})));                 // three corners are enough
    CHECK_FALSE(ring_problem(ring({{0, 0}, {1, 0}, {2, 0}, {2, 1}, {0, 1}}))); // a corner on a straight edge
    CHECK_FALSE(ring_problem(ring({{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}}))); // a U

    CHECK(*ring_problem(ring({{0, 0}, {1, 1}, {1, 0}, {0, 1}})) ==
          "the outline crosses or touches itself: the edge from position 0 to 1 meets the edge from position 2 to 3");
    CHECK(*ring_problem(ring({{0, 0}, {1, 0}, {2, 0}})) == "the ring encloses no area: its corners lie on one line");
    CHECK(*ring_problem(ring({{0, 0}, {1, 0}, {1, 0}, {1, 1}})) ==
          "positions 1 and 2 are the same point: remove one of the two vertices");
    CHECK(*ring_problem(ring({{0, 0}, {2, 0}, {1, 0}, {0, 1}})) ==
          "the outline doubles back on itself at position 1: the edge from position 0 to 1 runs back along the edge "
          "from position 1 to 2");
    // A corner resting on an edge that is not its own: a figure eight pinched at one point.
    CHECK(ring_problem(ring({{0, 0}, {2, 0}, {2, 2}, {1, 0}, {0, 2}}))->find("crosses or touches itself") !=
          std::string::npos);
}

TEST_CASE("either winding is accepted; the sign of the area tells which it is") {
    auto ccw = square(0, 0);
    std::vector<LonLat> cw(ccw.rbegin(), ccw.rend());
    CHECK(twice_signed_area(ccw) > 0);
    CHECK(twice_signed_area(cw) < 0);
    CHECK(twice_signed_area(ccw) == doctest::Approx(2e-8));
    CHECK_FALSE(ring_problem(cw));
}

TEST_CASE("two outlines overlap when their insides share area, not when they only touch") {
    const auto a = square(0, 0, 2);
    CHECK_FALSE(outlines_overlap(a, square(2, 0, 2)));   // a shared edge
    CHECK_FALSE(outlines_overlap(a, square(2, 0.5, 1))); // part of an edge
    CHECK_FALSE(outlines_overlap(a, square(2, 2)));      // a shared corner
    CHECK_FALSE(outlines_overlap(a, square(5, 5)));      // far apart
    CHECK_FALSE(
        outlines_overlap(a, ring({{2, 0}, {3, 1}, {2, 2}, {4, 1}}))); // an arrow whose tip and tail touch a's edge
    CHECK(outlines_overlap(a, square(1, 1, 2)));                      // corners inside each other
    CHECK(outlines_overlap(a, square(0.5, 0.5, 1)));                  // wholly inside
    CHECK(outlines_overlap(square(0.5, 0.5, 1), a));                  // wholly around
    CHECK(outlines_overlap(a, square(0, 0, 2)));                      // the same outline twice
    CHECK(outlines_overlap(a, square(0, 0, 1)));                      // inside, sharing two edges
    CHECK(outlines_overlap(a, ring({{-1, 0.5}, {3, 0.5}, {3, 1.5}, {-1, 1.5}}))); // a cross: no corner inside
    CHECK(outlines_overlap(a, ring({{1, 0}, {2, 1}, {1, 2}, {0, 1}}))); // a diamond with its corners on a's edges
    // Up to the tolerance (1e-7 degrees) a neighbour may reach in: rounding on saving.
    CHECK_FALSE(outlines_overlap(a, square(2 - 0.0005, 0, 2))); // 5e-8 degrees in
    CHECK(outlines_overlap(a, square(2 - 0.01, 0, 2)));         // 1e-6 degrees in
}

TEST_CASE("the real maps' outlines are valid and no two zones of a station's level overlap") {
    const auto& zones = test::real_maps().zones();
    REQUIRE(zones.size() == 19);
    for (std::size_t i = 0; i < zones.size(); ++i) {
        INFO(zones[i].id);
        CHECK_FALSE(ring_problem(zones[i].outline));
        CHECK(twice_signed_area(zones[i].outline) > 0); // the shipped maps follow RFC 7946's counterclockwise
        for (std::size_t j = i + 1; j < zones.size(); ++j)
            if (zones[i].station == zones[j].station && zones[i].level == zones[j].level)
                CHECK_MESSAGE(!outlines_overlap(zones[i].outline, zones[j].outline), zones[j].id);
    }
}
