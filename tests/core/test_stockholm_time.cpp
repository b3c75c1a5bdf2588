// Stockholm wall-clock time, whatever the machine's TZ: the stations' own clock.
#include <doctest/doctest.h>

#include "stockholm_time.hpp"
#include "time_text.hpp"

using namespace platslage;

namespace {
TimePoint at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }
} // namespace

TEST_SUITE("stockholm time") {
    TEST_CASE("winter is UTC+1, summer UTC+2, switching at 01:00 UTC on the last Sundays") {
        CHECK(stockholm_offset(at("2026-01-15T12:00:00Z")) == std::chrono::hours(1));
        CHECK(stockholm_offset(at("2026-07-01T12:00:00Z")) == std::chrono::hours(2));
        CHECK(stockholm_offset(at("2026-03-29T00:59:59Z")) == std::chrono::hours(1));
        CHECK(stockholm_offset(at("2026-03-29T01:00:00Z")) == std::chrono::hours(2));
        CHECK(stockholm_offset(at("2026-10-25T00:59:59Z")) == std::chrono::hours(2));
        CHECK(stockholm_offset(at("2026-10-25T01:00:00Z")) == std::chrono::hours(1));
    }
    TEST_CASE("the local hour is a fraction of the local day") {
        CHECK(stockholm_hour(at("2026-01-15T06:30:00Z")) == doctest::Approx(7.5));
        CHECK(stockholm_hour(at("2026-07-15T22:30:00Z")) == doctest::Approx(0.5));
    }
    TEST_CASE("the control room's clock text is Stockholm time, across midnight and the offset") {
        CHECK(stockholm_clock_text(at("2026-11-24T21:13:05Z")) == "22:13:05");
        CHECK(stockholm_clock_text(at("2026-11-24T23:30:00Z")) == "00:30:00");
        CHECK(stockholm_clock_text(at("2026-07-01T21:59:59.900Z")) == "23:59:59");
        // A report stamped with another offset is the same instant.
        CHECK(stockholm_clock_text(at("2026-11-24T22:13:05+01:00")) == "22:13:05");
    }
    TEST_CASE("a Stockholm wall-clock time finds its place on the timeline") {
        using namespace std::chrono;
        auto local = [](int y, unsigned mo, unsigned d, int h, int mi) {
            return local_time<Millis>{local_days{year{y} / month{mo} / day{d}}} + hours(h) + minutes(mi);
        };
        CHECK(from_stockholm_local(local(2026, 11, 24, 23, 15)) == at("2026-11-24T22:15:00Z"));
        CHECK(from_stockholm_local(local(2026, 7, 1, 12, 0)) == at("2026-07-01T10:00:00Z"));
        CHECK(from_stockholm_local(local(2026, 10, 25, 2, 30)) == at("2026-10-25T00:30:00Z")); // the first 02:30
        CHECK(from_stockholm_local(local(2026, 10, 25, 3, 30)) == at("2026-10-25T02:30:00Z"));
        CHECK(from_stockholm_local(local(2026, 3, 29, 1, 59)) == at("2026-03-29T00:59:00Z"));
        CHECK(from_stockholm_local(local(2026, 3, 29, 3, 0)) == at("2026-03-29T01:00:00Z"));
    }

    TEST_CASE("night runs from the evening into the morning and is named by its evening") {
        NightHours h{22, 6};
        CHECK_FALSE(is_night(at("2026-11-24T20:59:00Z"), h)); // 21:59 local
        CHECK(is_night(at("2026-11-24T21:00:00Z"), h));        // 22:00
        CHECK(is_night(at("2026-11-25T04:59:00Z"), h));        // 05:59 next morning
        CHECK_FALSE(is_night(at("2026-11-25T05:00:00Z"), h));  // 06:00
        using namespace std::chrono;
        CHECK(night_of(at("2026-11-24T21:30:00Z"), h) == sys_days{2026y / November / 24});
        CHECK(night_of(at("2026-11-25T02:00:00Z"), h) == sys_days{2026y / November / 24});
        CHECK(night_of(at("2026-11-25T12:00:00Z"), h) == sys_days{2026y / November / 25});
        CHECK(stockholm_date(at("2026-11-24T23:30:00Z")) == 2026y / November / 25);
    }
}
