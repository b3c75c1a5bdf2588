#include "time_text.hpp"

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
