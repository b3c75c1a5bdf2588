// People counters' own payloads, and line counts turned into people in a zone: written the
// way the vendor documents them, and broken the ways real devices break.
#include <doctest/doctest.h>

#include "axis_live_sum.hpp"
#include "line_occupancy.hpp"
#include "time_text.hpp"

using namespace platslage;
using namespace platslage::counters;
using namespace std::chrono_literals;

namespace {
TimePoint at(const char* t) { return *parse_rfc3339(t); }
} // namespace

TEST_SUITE("AXIS People Counter live sum") {
    TEST_CASE("the documented example reads as running totals at Stockholm time") {
        auto r = parse_axis_live_sum(R"({"serial":"00408CAC512B","name":"Exit south","timestamp":"20170503112756","in":12,"out":318})");
        REQUIRE(r);
        CHECK(r->device == "00408CAC512B");
        CHECK(r->line == "Exit south");
        CHECK(r->in == 12);
        CHECK(r->out == 318);
        CHECK(r->ts == at("2017-05-03T09:27:56Z")); // May: summer time, UTC+2
        auto winter = parse_axis_live_sum(R"({"serial":"S","name":"N","timestamp":"20261124231500","in":0,"out":0})");
        CHECK(winter->ts == at("2026-11-24T22:15:00Z"));
    }
    TEST_CASE("fields newer firmware adds are ignored; broken payloads are refused with a reason") {
        CHECK(parse_axis_live_sum(R"({"serial":"S","name":"N","timestamp":"20261124231500","in":1,"out":2,"version":"2.1"})").ok());
        auto reason = [](const char* p) { return parse_axis_live_sum(p).rejection().reason; };
        CHECK(reason("not json") == RejectReason::malformed_json);
        CHECK(reason(R"({"serial":"S","name":"N","timestamp":"20261124231500","out":2})") == RejectReason::missing_field);
        CHECK(reason(R"({"serial":"S","name":"N","timestamp":"20261124231500","in":"12","out":2})") == RejectReason::wrong_type);
        CHECK(reason(R"({"serial":"S","name":"N","timestamp":"20261124231500","in":-1,"out":2})") == RejectReason::bad_value);
        CHECK(reason(R"({"serial":"S","name":"N","timestamp":"2026-11-24 23:15","in":1,"out":2})") == RejectReason::bad_value);
        CHECK(reason(R"({"serial":"S","name":"N","timestamp":"20261324231500","in":1,"out":2})") == RejectReason::bad_timestamp);
        CHECK(reason(R"({"serial":"S","name":"N","timestamp":20261124231500,"in":1,"out":2})") == RejectReason::wrong_type);
        // Signs inside the stamp are no time of day (found by fuzzing: "-1" minutes read as 59 the hour before).
        CHECK(reason(R"({"serial":"S","name":"N","timestamp":"20261124-1-1-1","in":1,"out":2})") == RejectReason::bad_timestamp);
        CHECK(reason(R"({"serial":"S","name":"N","timestamp":"202611242305-0","in":1,"out":2})") == RejectReason::bad_timestamp);
        CHECK(reason(R"({"serial":"S","name":"N","timestamp":"2026112423+500","in":1,"out":2})") == RejectReason::bad_timestamp);
    }
}

TEST_SUITE("line counts to occupancy") {
    // Vänthallen has two doors: one counts "in" into the hall, the other is mounted the
    // other way round, so its "out" walks into the hall.
    LineOccupancy hall() {
        return LineOccupancy({{"00408CAC512B", "Door east", "axis-vh-east", "cityterminalen.vanthall", true},
                              {"00408CAC9999", "Door west", "axis-vh-west", "cityterminalen.vanthall", false}});
    }
    LineReading east(const char* t, std::int64_t in, std::int64_t out) { return {"00408CAC512B", "Door east", at(t), in, out}; }
    LineReading west(const char* t, std::int64_t in, std::int64_t out) { return {"00408CAC9999", "Door west", at(t), in, out}; }

    TEST_CASE("entries minus exits, from the second reading of each line, over all the zone's doors") {
        auto z = hall();
        CHECK(z.apply(east("2026-11-24T10:00:00Z", 100, 40))->count == 0); // the first reading sets the baseline
        CHECK(z.apply(east("2026-11-24T10:01:00Z", 130, 45))->count == 25);
        CHECK(z.apply(west("2026-11-24T10:01:30Z", 7, 3))->count == 25);   // baseline for the west door
        auto s = z.apply(west("2026-11-24T10:02:00Z", 9, 13));             // 10 in through its "out", 2 out
        REQUIRE(s);
        CHECK(s->count == 33);
        CHECK(s->zone == "cityterminalen.vanthall");
        CHECK(s->sensor == "axis-vh-west");
    }
    TEST_CASE("never below zero: missed entries do not make negative people") {
        auto z = hall();
        z.apply(east("2026-11-24T10:00:00Z", 0, 0));
        z.apply(east("2026-11-24T10:01:00Z", 3, 0));
        CHECK(z.apply(east("2026-11-24T10:02:00Z", 3, 10))->count == 0);
        CHECK(z.apply(east("2026-11-24T10:03:00Z", 5, 10))->count == 2);
    }
    TEST_CASE("a counter that resets mid-day counts on from its new totals") {
        auto z = hall();
        z.apply(east("2026-11-24T10:00:00Z", 500, 450));
        z.apply(east("2026-11-24T10:01:00Z", 520, 455)); // 15 inside
        // A reboot: totals start again from zero, and it has counted 4 in, 1 out since.
        CHECK(z.apply(east("2026-11-24T10:05:00Z", 4, 1))->count == 18);
    }
    TEST_CASE("a 32-bit total that wraps keeps counting") {
        auto z = hall();
        std::int64_t top = (std::int64_t{1} << 32) - 3;
        z.apply(east("2026-11-24T10:00:00Z", top, 0));
        CHECK(z.apply(east("2026-11-24T10:01:00Z", 5, 0))->count == 8); // 3 to the wrap, 5 after
    }
    TEST_CASE("an impossible jump is a glitch: refused, and counting starts afresh from it") {
        auto z = hall();
        z.apply(east("2026-11-24T10:00:00Z", 100, 100));
        z.apply(east("2026-11-24T10:01:00Z", 110, 100));
        auto glitch = z.apply(east("2026-11-24T10:02:00Z", 90000, 100));
        CHECK(glitch.rejection().reason == RejectReason::bad_value);
        CHECK(z.apply(east("2026-11-24T10:03:00Z", 90003, 101))->count == 12); // 10, then 3 in and 1 out
    }
    TEST_CASE("each counting day starts empty at 04:00 Stockholm time, wiping the day's drift") {
        auto z = hall();
        z.apply(east("2026-11-24T20:00:00Z", 0, 0));
        CHECK(z.apply(east("2026-11-25T02:59:00Z", 40, 10))->count == 30); // 03:59 local
        CHECK(z.apply(east("2026-11-25T03:00:00Z", 41, 10))->count == 1);  // 04:00: a new day, one came in
    }
    TEST_CASE("a line the config does not know, or a reading from the past, is refused") {
        auto z = hall();
        CHECK(z.apply({"00408CAC512B", "Door north", at("2026-11-24T10:00:00Z"), 1, 1}).rejection().reason == RejectReason::unknown_sensor);
        z.apply(east("2026-11-24T10:00:00Z", 1, 1));
        CHECK(z.apply(east("2026-11-24T09:59:00Z", 2, 1)).rejection().reason == RejectReason::bad_timestamp);
    }
}
