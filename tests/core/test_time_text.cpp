#include "time_text.hpp"

#include <date/date.h>
#include <doctest/doctest.h>

using namespace platslage;

TEST_CASE("RFC 3339 timestamps with an offset are placed on the UTC timeline") {
    auto utc = parse_rfc3339("2026-11-23T22:15:00Z");
    auto cet = parse_rfc3339("2026-11-23T23:15:00+01:00");
    REQUIRE(utc);
    REQUIRE(cet);
    CHECK(*utc == *cet);
    CHECK(format_rfc3339(*cet) == "2026-11-23T22:15:00.000Z");
    CHECK(parse_rfc3339("2026-11-23T22:15:00.250Z") == *utc + Millis(250));
    CHECK(parse_rfc3339("2026-11-23t22:15:00z") == utc);
}

TEST_CASE("timestamps without an offset or with junk are refused") {
    CHECK_FALSE(parse_rfc3339("2026-11-23T22:15:00"));
    CHECK_FALSE(parse_rfc3339("2026-11-23 22:15"));
    CHECK_FALSE(parse_rfc3339("2026-11-23T22:15:00Zjunk"));
    CHECK_FALSE(parse_rfc3339("2026-13-23T22:15:00Z"));
    CHECK_FALSE(parse_rfc3339("yesterday"));
    CHECK_FALSE(parse_rfc3339(""));
}

TEST_CASE("timestamps are written as the date library writes them, before 1970, around leap days and at the ends of a day") {
    auto library = [](TimePoint t) { return date::format("%FT%TZ", t); };
    for (const char* text : {"1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "1900-02-28T12:00:00.001Z",
                             "2024-02-29T23:59:59.999Z", "2026-03-29T01:00:00.000Z", "2026-12-31T23:59:59.500Z",
                             "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z"}) {
        auto t = parse_rfc3339(text);
        REQUIRE_MESSAGE(t, text);
        CHECK(format_rfc3339(*t) == text);
        CHECK(format_rfc3339(*t) == library(*t));
    }
    // A spread of moments from 1800 to 2200, a prime number of milliseconds apart.
    const std::int64_t from = -5'364'662'400'000, to = 7'258'118'400'000, step = 1'000'000'007;
    for (std::int64_t ms = from; ms < to; ms += step) {
        auto t = from_epoch_ms(ms);
        REQUIRE(format_rfc3339(t) == library(t));
        REQUIRE(parse_rfc3339(format_rfc3339(t)) == t);
    }
    // Years RFC 3339 cannot write in four digits still come out as the library writes them.
    auto far = from_epoch_ms(253'402'300'800'000); // 10000-01-01
    CHECK(format_rfc3339(far) == library(far));
}

TEST_CASE("only RFC 3339's own shape is read: no signs, short fields or loose offsets") {
    for (const char* text : {"2026-11-23T23:15:00-x", "2026-11-23T23:15:00+", "2026-11-24T22:58:'0+01:00",
                             "2026-11-24T22:58:+0+01:00", "2026-11-24T22:58:00+1:00", "2026-11-24T22:58:00+01",
                             "2026-11-24T22:58:0.5Z", "2026-11-24T22:58:00.Z", "-026-11-24T22:40:00+01:00",
                             "2026-1-24T22:58:00.000Z", "2026-11-24T22:58:00+01:00 ", " 2026-11-24T22:58:00Z"})
        CHECK_MESSAGE(!parse_rfc3339(text), text);
    CHECK(parse_rfc3339("2026-11-24T22:58:00.5Z") == parse_rfc3339("2026-11-24T22:58:00.500Z"));
    CHECK(parse_rfc3339("2026-11-24T23:58:00-01:00") == parse_rfc3339("2026-11-25T00:58:00Z"));
}

TEST_CASE("an offset that would carry a time out of four-digit years is refused, as it could not be read back") {
    CHECK_FALSE(parse_rfc3339("0000-01-01T00:00:00+01:00"));
    CHECK_FALSE(parse_rfc3339("9999-12-31T23:30:00-01:00"));
    auto first = parse_rfc3339("0000-01-01T01:00:00+01:00");
    REQUIRE(first);
    CHECK(parse_rfc3339(format_rfc3339(*first)) == first);
}

TEST_CASE("an offset no clock on Earth uses is refused") {
    for (const char* text : {"2026-11-23T23:15:00+99:99", "2026-11-23T23:15:00+14:01", "2026-11-23T23:15:00-12:01",
                             "2026-11-23T23:15:00+01:60", "2026-11-23T23:15:00-23:59"})
        CHECK_MESSAGE(!parse_rfc3339(text), text);
    for (const char* text : {"2026-11-23T23:15:00+14:00", "2026-11-23T23:15:00-12:00", "2026-11-23T23:15:00+05:45",
                             "2026-11-23T23:15:00-00:00"})
        CHECK_MESSAGE(parse_rfc3339(text), text);
}

TEST_CASE("the form the hub writes is read as date::parse reads it, and what it cannot be is still refused") {
    // The same instant written with "+00:00" goes through date::parse; with ".mmmZ", digit by digit.
    auto both_ways = [](TimePoint t) {
        auto canonical = format_rfc3339(t);
        auto offset = canonical.substr(0, canonical.size() - 1) + "+00:00";
        CAPTURE(canonical);
        CHECK(parse_rfc3339(canonical) == t);
        CHECK(parse_rfc3339(offset) == t);
    };
    for (const char* text : {"0000-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z",
                             "2024-02-29T12:00:00.001Z", "2026-11-24T21:00:00.500Z", "9999-12-31T23:59:59.999Z"})
        both_ways(*parse_rfc3339(std::string(text).substr(0, std::string(text).size() - 1) + "+00:00"));
    TimePoint t = *parse_rfc3339("1999-12-31T00:00:00+00:00");
    for (int i = 0; i < 2000; ++i) {
        t += Millis(86'400'000LL * 3 + 3'600'000LL * 7 + 61'001LL * (i % 97));
        both_ways(t);
    }
    for (const char* text : {"2026-02-29T12:00:00.000Z", "2026-04-31T12:00:00.000Z", "2026-11-24T24:00:00.000Z",
                             "2026-11-24T21:60:00.000Z", "2026-13-01T00:00:00.000Z", "2026-00-10T00:00:00.000Z"})
        CHECK_MESSAGE(!parse_rfc3339(text), text);
}
