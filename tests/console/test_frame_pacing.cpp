// When the console draws: on the wall clock's whole seconds (the clocks on screen and the
// flashing rows together), and one frame more after input or new data, never more.
#include "../core/fixtures.hpp"
#include "frame_pacing.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using namespace platslage::console;
using namespace std::chrono_literals;

using test::at;

TEST_CASE("a flashing row is lit one second and dark the next, with the wall clock") {
    CHECK(flash_lit(at("2026-12-04T22:00:00.000Z")));
    CHECK(flash_lit(at("2026-12-04T22:00:00.999Z")));
    CHECK_FALSE(flash_lit(at("2026-12-04T22:00:01.000Z")));
    CHECK_FALSE(flash_lit(at("2026-12-04T22:00:01.999Z")));
    CHECK(flash_lit(at("2026-12-04T22:00:02.000Z")));
}

TEST_CASE("the loop sleeps until just past the next second: one wake a second for clocks and flashing rows alike") {
    CHECK(sleep_until_next_second(at("2026-12-04T22:00:00.000Z")) == 1004ms);
    CHECK(sleep_until_next_second(at("2026-12-04T22:00:00.300Z")) == 704ms);
    CHECK(sleep_until_next_second(at("2026-12-04T22:00:00.999Z")) == 5ms);
    // Ten seconds: ten wakes, and the flash turns at every one of them.
    int wakes = 0, turns = 0;
    TimePoint t = at("2026-12-04T22:00:00.004Z");
    bool lit = flash_lit(t);
    while (t < at("2026-12-04T22:00:10.004Z")) {
        t += sleep_until_next_second(t);
        ++wakes;
        turns += flash_lit(t) != lit ? 1 : 0;
        lit = flash_lit(t);
    }
    CHECK(wakes == 10);
    CHECK(turns == 10);
}

TEST_CASE("after input or a new picture one more frame is drawn, then the loop sleeps") {
    FramePacer p;
    CHECK(p.settling()); // the first frames lay the windows out
    p.drawn(false, false);
    CHECK(p.settling());
    p.drawn(false, false);
    CHECK_FALSE(p.settling());
    // A timer's frame with nothing new: no frame more.
    p.drawn(false, false);
    CHECK_FALSE(p.settling());
    // The mouse moved: one frame more for the hover to show, then sleep.
    p.drawn(true, false);
    CHECK(p.settling());
    p.drawn(false, false);
    CHECK_FALSE(p.settling());
    // New data from the hub: the same.
    p.drawn(false, true);
    CHECK(p.settling());
    p.drawn(false, false);
    CHECK_FALSE(p.settling());
    // Scripted keys ask for a few frames in a row.
    p.settle();
    p.drawn(false, false);
    CHECK(p.settling());
    p.drawn(false, false);
    CHECK_FALSE(p.settling());
}
