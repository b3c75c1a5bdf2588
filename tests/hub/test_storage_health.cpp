// The event log's health as the status and the picture tell it: a spell of failed writes
// begins with the first, counts each, keeps the database's words, and ends with the first
// write that goes through; the total since start-up stays.
#include "storage_health.hpp"
#include "time_text.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using namespace std::chrono_literals;

TEST_CASE("a spell of failed writes: from the first failure to the first write that goes through") {
    const TimePoint t0 = *parse_rfc3339("2026-12-05T01:00:00Z");
    StorageHealth h;
    CHECK_FALSE(h.failing());
    CHECK(h.status() == nlohmann::json{{"state", "ok"}, {"failures_total", 0}});
    h.stored(t0); // nothing to end
    CHECK_FALSE(h.take_change());

    h.failed(t0, "database or disk is full\nwhile committing a batch of 12");
    h.failed(t0 + 2s, "database or disk is full");
    REQUIRE(h.failing());
    CHECK(h.take_change());
    CHECK_FALSE(h.take_change()); // once per change
    REQUIRE(h.entry());
    CHECK(h.entry()->since == t0);
    CHECK(h.entry()->error == "database or disk is full"); // the first line only
    CHECK(h.entry()->failed_writes == 2);
    auto s = h.status();
    CHECK(s["state"] == "failing");
    CHECK(s["since"] == "2026-12-05T01:00:00.000Z");
    CHECK(s["failures_total"] == 2);

    h.stored(t0 + 60s);
    CHECK_FALSE(h.failing());
    CHECK(h.take_change());
    s = h.status();
    CHECK(s["state"] == "ok");
    CHECK(s["recovered"] == "2026-12-05T01:01:00.000Z");
    CHECK(s["failed_writes_last_spell"] == 2);
    CHECK(h.failures() == 2);

    // A new spell starts afresh; the total goes on.
    h.failed(t0 + 90s, std::string(500, 'e'));
    CHECK(h.entry()->since == t0 + 90s);
    CHECK(h.entry()->failed_writes == 1);
    CHECK(h.entry()->error.size() == 200); // never more than a line's worth
    CHECK(h.failures() == 3);
}
