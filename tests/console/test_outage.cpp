// A hub outage on the console: the banner comes up when the hub is silent or the picture is
// out of step longer than a resync takes, says what time the data is from, and goes when the
// picture is live again; the log marks both.
#include "../core/fixtures.hpp"
#include "outage.hpp"
#include "storage_banner.hpp"
#include "stockholm_time.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using namespace platslage::console;
using namespace std::chrono_literals;

using test::at;

TEST_CASE("the banner says what time the picture is from, and only in an outage") {
    OutageWatch w;
    const auto t0 = at("2026-12-04T21:14:07.000Z"); // 22:14:07 in Stockholm
    CHECK_FALSE(w.update(LinkState::live, t0, t0).shown);
    CHECK(w.take_log_line().text == "the picture from the hub is live");
    CHECK_FALSE(w.update(LinkState::live, t0 + 1s, t0 + 1s).shown);
    CHECK(w.take_log_line().text.empty());
    // A resync after a gap: out of step for a moment, no banner.
    CHECK_FALSE(w.update(LinkState::stale, t0 + 1s, t0 + 2s).shown);
    CHECK_FALSE(w.update(LinkState::live, t0 + 3s, t0 + 3s).shown);
    // The hub goes quiet after 22:14:10; out of step longer than a resync takes: the banner.
    CHECK_FALSE(w.update(LinkState::stale, t0 + 3s, t0 + 6s).shown);
    auto b = w.update(LinkState::stale, t0 + 3s, t0 + 9s);
    CHECK(b.shown);
    CHECK(b.headline == "PICTURE OUT OF STEP WITH THE HUB");
    CHECK(b.detail.rfind("Data as of 22:14:10 (6 s ago).", 0) == 0);
    auto marked = w.take_log_line();
    CHECK(marked.text == "hub not answering: data as of 22:14:10");
    CHECK(marked.warning);
    CHECK(w.take_log_line().text.empty()); // once
    // Then silent altogether.
    b = w.update(LinkState::disconnected, t0 + 3s, t0 + 128s);
    CHECK(b.headline == "HUB NOT ANSWERING");
    CHECK(b.detail.rfind("Data as of 22:14:10 (2 min ago).", 0) == 0);
    CHECK(w.take_log_line().text.empty());
    // Back: the banner goes, and the log says for how long it was up.
    CHECK_FALSE(w.update(LinkState::live, t0 + 130s, t0 + 130s).shown);
    CHECK(w.take_log_line().text == "hub answering again after 2 min: the picture is live");
}

TEST_CASE("a silent hub is an outage at once; a console that never reached the hub says it has no picture") {
    OutageWatch w;
    const auto t0 = at("2026-12-04T21:00:00.000Z");
    w.update(LinkState::live, t0, t0);
    CHECK(w.update(LinkState::disconnected, t0, t0 + 6s).shown);

    OutageWatch fresh;
    CHECK_FALSE(fresh.update(LinkState::connecting, {}, t0).shown);
    CHECK_FALSE(fresh.update(LinkState::connecting, {}, t0 + 4s).shown);
    auto b = fresh.update(LinkState::disconnected, {}, t0 + 5s);
    CHECK(b.shown);
    CHECK(b.headline == "NO PICTURE FROM THE HUB");
    CHECK(fresh.take_log_line().text == "no picture from the hub since start-up");
}

TEST_CASE("the hub unable to store: the bar says since when, why, and where the reports wait; nothing while it stores") {
    CHECK_FALSE(storage_banner(std::nullopt).shown);
    auto b = storage_banner(StorageEntry{at("2026-12-04T01:14:07.000Z"), "database or disk is full", 3}); // 02:14:07 in Stockholm
    CHECK(b.shown);
    CHECK(b.headline == "HUB CANNOT STORE REPORTS");
    CHECK(b.line == "HUB CANNOT STORE REPORTS since 02:14:07: database or disk is full. Reports wait in the handhelds.");
    CHECK(b.detail.find("Since 02:14:07") == 0);
    CHECK(b.detail.find("database or disk is full; 3 writes failed") != std::string::npos);
    CHECK(b.detail.find("handhelds keep them") != std::string::npos);
    auto sqlite = storage_banner(StorageEntry{at("2026-12-04T01:14:07.000Z"), "SQLite: database or disk is full", 3});
    CHECK(sqlite.line == b.line); // the bar's line has room for the reason, not the database's name
    CHECK(sqlite.detail.find("(SQLite: database or disk is full;") != std::string::npos);
    CHECK(storage_banner(StorageEntry{at("2026-12-04T01:14:07.000Z"), "", 1}).detail.find("no reason given; 1 write failed") !=
          std::string::npos);
}
