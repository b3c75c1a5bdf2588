#include "fixtures.hpp"
#include "refusal_limiter.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using namespace std::chrono_literals;

TEST_CASE("a source's refusals beyond its share of a window are counted, not kept one by one") {
    RefusalLimiter limiter(RefusalLimits{10s, 3, 100, 50});
    const TimePoint t0 = test::at("2026-11-23T22:00:00Z");
    int kept = 0;
    for (int i = 0; i < 10; ++i) kept += limiter.admit("mqtt:centralen/hh-66", RejectReason::malformed_json, t0 + std::chrono::milliseconds(i)) ? 1 : 0;
    CHECK(kept == 3);
    // Another source is not held back by the first.
    CHECK(limiter.admit("mqtt:centralen/hh-01", RejectReason::unknown_zone, t0 + 5ms));
    CHECK(limiter.held_back_total() == 7);
    CHECK(limiter.take_held_back(t0 + 9s).empty()); // the window has not ended
    // A new window: the source has its share again, and what was held back is handed over once.
    CHECK(limiter.admit("mqtt:centralen/hh-66", RejectReason::malformed_json, t0 + 10s));
    auto held = limiter.take_held_back(t0 + 10s);
    REQUIRE(held.size() == 1);
    CHECK(held[0].source == "mqtt:centralen/hh-66");
    CHECK(held[0].reason == RejectReason::malformed_json);
    CHECK(held[0].count == 7);
    CHECK(held[0].from == t0);
    CHECK(held[0].to == t0 + 10s);
    CHECK(limiter.take_held_back(t0 + 10s).empty());
}

TEST_CASE("all sources together are bounded, and so is the number of sources told apart") {
    RefusalLimiter limiter(RefusalLimits{10s, 5, 20, 4});
    const TimePoint t0 = test::at("2026-11-23T22:00:00Z");
    int kept = 0;
    for (int source = 0; source < 100; ++source)
        for (int i = 0; i < 5; ++i) kept += limiter.admit("s" + std::to_string(source), RejectReason::oversize, t0) ? 1 : 0;
    CHECK(kept == 20);
    auto held = limiter.take_held_back(t0, /*flush=*/true);
    std::uint64_t counted = 0;
    for (const auto& h : held) counted += h.count;
    CHECK(counted == 500 - 20);
    CHECK(held.size() <= 5); // four sources by name, the rest together
    bool other = false;
    for (const auto& h : held) other = other || h.source == RefusalLimiter::other_sources;
    CHECK(other);
}
