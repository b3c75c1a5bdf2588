// Which part of the screen a frame must draw again: nothing when every window draws what it
// drew before, one window's area when only it changed, both places when a window moved.
#include "frame_damage.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace platslage::console;

namespace {
using Rects = std::vector<ScreenRect>;
ListSignature list(std::uint64_t hash, float x0, float y0, float x1, float y1) { return {hash, {x0, y0, x1, y1}}; }
} // namespace

TEST_CASE("a frame that draws what the last one did damages nothing") {
    std::vector<ListSignature> frame{list(1, 0, 0, 1600, 34), list(2, 0, 34, 900, 600), list(3, 900, 34, 1600, 600)};
    CHECK(frame_damage(frame, frame).empty());
    CHECK(frame_damage({}, {}).empty());
}

TEST_CASE("one window's change damages only its area; a moved window both its places") {
    std::vector<ListSignature> before{list(1, 0, 0, 1600, 34), list(2, 0, 34, 900, 600), list(3, 900, 34, 1600, 600)};
    auto flashed = before;
    flashed[2].hash = 33; // the alert queue: a row turned on
    CHECK(frame_damage(before, flashed) == Rects{{900, 34, 1600, 600}});
    auto moved = before;
    moved[1] = list(2, 100, 100, 500, 400);
    CHECK(frame_damage(before, moved) == Rects{{0, 34, 900, 600}});
    moved[1] = list(2, 950, 620, 1200, 800); // dragged to somewhere else altogether
    CHECK(frame_damage(before, moved) == Rects{{0, 34, 1200, 800}});
}

TEST_CASE("a window opened, closed or brought to the front damages where it is and was") {
    std::vector<ListSignature> before{list(1, 0, 0, 1600, 34), list(2, 0, 34, 900, 600)};
    auto opened = before;
    opened.push_back(list(9, 200, 100, 700, 500)); // the help window over the map
    CHECK(frame_damage(before, opened) == Rects{{200, 100, 700, 500}});
    CHECK(frame_damage(opened, before) == Rects{{200, 100, 700, 500}});
    // The stacking order changes: both lists are in other places of the order now.
    std::vector<ListSignature> raised{opened[0], opened[2], opened[1]};
    CHECK(frame_damage(opened, raised) == Rects{{0, 34, 900, 600}});
}

TEST_CASE("windows far apart are drawn as rectangles of their own; overlapping ones as one") {
    std::vector<ListSignature> before{list(1, 0, 0, 1600, 34), list(2, 0, 30, 930, 600), list(3, 936, 90, 1592, 277),
                                      list(4, 926, 375, 1600, 596)};
    auto after = before;
    after[0].hash = 10; // the top bar
    after[2].hash = 30; // the alert table: a row turned
    after[3].hash = 40; // the zone panel: a clock
    CHECK(frame_damage(before, after) == Rects{{0, 0, 1600, 34}, {936, 90, 1592, 277}, {926, 375, 1600, 596}});
    after[1].hash = 20; // and the map, which touches the top bar and reaches under the others
    CHECK(frame_damage(before, after) == Rects{{0, 0, 1600, 600}});
}

TEST_CASE("the hash tells content apart, and goes on from where it was") {
    const std::string a = "alert row lit", b = "alert row dark";
    CHECK(fnv1a(a.data(), a.size()) != fnv1a(b.data(), b.size()));
    CHECK(fnv1a(a.data(), a.size()) == fnv1a(a.data(), a.size()));
    CHECK(fnv1a(b.data(), b.size(), fnv1a(a.data(), a.size())) != fnv1a(b.data(), b.size()));
    CHECK(united({}, {1, 2, 3, 4}) == ScreenRect{1, 2, 3, 4});
}
