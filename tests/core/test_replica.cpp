#include "replica.hpp"

#include <doctest/doctest.h>

using namespace platslage;

namespace {
const TimePoint t0{Millis{1'000'000}};
Published upd(std::uint64_t seq, std::string key, std::string body, std::uint64_t epoch = 5) {
    return Published{false, Update{seq, std::move(key), std::move(body)}, Heartbeat{seq, epoch}};
}
Published beat(std::uint64_t seq, std::uint64_t epoch) { return Published{true, {}, Heartbeat{seq, epoch}}; }

// A replica synced to a snapshot at seq 10 holding a=1.
Replica synced() {
    Replica r(std::chrono::seconds(3));
    r.begin_sync(t0);
    r.on_snapshot_item({10, "a", "1"}, t0);
    r.on_snapshot_end(10, 5, t0);
    return r;
}
} // namespace

TEST_CASE("updates queued during the snapshot are applied only above its number") {
    Replica r(std::chrono::seconds(3));
    CHECK(r.link() == LinkState::connecting);
    r.begin_sync(t0);
    r.on_published(upd(9, "a", "old"), t0);   // already in the snapshot
    r.on_published(upd(10, "a", "1"), t0);    // already in the snapshot
    r.on_published(upd(11, "b", "2"), t0);
    r.on_snapshot_item({10, "a", "1"}, t0);
    r.on_snapshot_end(10, 5, t0);
    CHECK(r.link() == LinkState::live);
    CHECK(r.sequence() == 11);
    CHECK(r.entries().at("a") == "1");
    CHECK(r.entries().at("b") == "2");
}

TEST_CASE("in step: the next number applies, repeats are ignored, a delete removes") {
    auto r = synced();
    r.on_published(upd(11, "b", "2"), t0);
    r.on_published(upd(11, "b", "stale copy"), t0);
    r.on_published(upd(12, "a", ""), t0);
    CHECK(r.entries().count("a") == 0);
    CHECK(r.entries().at("b") == "2");
    CHECK(r.link() == LinkState::live);
    CHECK_FALSE(r.needs_resync());
}

TEST_CASE("a gap makes the picture stale and asks for a resync") {
    auto r = synced();
    r.on_published(upd(13, "b", "2"), t0);
    CHECK(r.link() == LinkState::stale);
    CHECK(r.needs_resync());
    CHECK(r.why().find("gap") != std::string::npos);
    CHECK(r.entries().count("b") == 0);
    r.begin_sync(t0);
    r.on_snapshot_item({13, "b", "2"}, t0);
    r.on_snapshot_end(13, 5, t0);
    CHECK(r.link() == LinkState::live);
    CHECK(r.resyncs() == 1);
    CHECK(r.entries().count("a") == 0);
}

TEST_CASE("a heartbeat ahead of us, or from a restarted hub, means stale") {
    auto r = synced();
    r.on_published(beat(10, 5), t0);
    CHECK(r.link() == LinkState::live);
    r.on_published(beat(12, 5), t0);
    CHECK(r.link() == LinkState::stale);

    auto restarted = synced();
    restarted.on_published(beat(3, 6), t0);
    CHECK(restarted.link() == LinkState::stale);
    CHECK(restarted.why() == "the hub restarted");
}

TEST_CASE("an update from a restarted hub is never taken for the next one, even with the right number") {
    auto r = synced();
    r.on_published(upd(11, "a", "from a new life", 6), t0);
    CHECK(r.link() == LinkState::stale);
    CHECK(r.entries().at("a") == "1");
}

TEST_CASE("silence: no heartbeat means stale, no snapshot reply means disconnected") {
    auto r = synced();
    r.check(t0 + std::chrono::seconds(3));
    CHECK(r.link() == LinkState::live);
    r.check(t0 + std::chrono::seconds(4));
    CHECK(r.link() == LinkState::stale);

    Replica lonely(std::chrono::seconds(3));
    lonely.begin_sync(t0);
    lonely.check(t0 + std::chrono::seconds(4));
    CHECK(lonely.link() == LinkState::disconnected);
    CHECK(lonely.needs_resync());
}

TEST_CASE("a snapshot the hub is too busy to send is asked for again a moment later, not at once") {
    Replica r(std::chrono::seconds(3));
    r.begin_sync(t0);
    r.on_snapshot_refused("busy: 16 snapshots are being sent", t0 + std::chrono::milliseconds(10));
    CHECK_FALSE(r.needs_resync());
    CHECK(r.why().find("busy") != std::string::npos);
    r.check(t0 + std::chrono::milliseconds(500));
    CHECK_FALSE(r.needs_resync());
    r.check(t0 + std::chrono::milliseconds(1010));
    CHECK(r.needs_resync());
    r.begin_sync(t0 + std::chrono::milliseconds(1010));
    r.on_snapshot_item({3, "a", "1"}, t0 + std::chrono::milliseconds(1015));
    r.on_snapshot_end(3, 5, t0 + std::chrono::milliseconds(1020));
    CHECK(r.link() == LinkState::live);
}

TEST_CASE("a large snapshot that keeps arriving is not taken for a silent hub") {
    Replica r(std::chrono::seconds(3));
    r.begin_sync(t0);
    for (int s = 1; s <= 10; ++s) {
        r.on_snapshot_item({7, "k" + std::to_string(s), "v"}, t0 + std::chrono::seconds(s));
        r.check(t0 + std::chrono::seconds(s) + std::chrono::milliseconds(500));
    }
    CHECK_FALSE(r.needs_resync());
    r.on_snapshot_end(7, 5, t0 + std::chrono::seconds(11));
    CHECK(r.link() == LinkState::live);
    CHECK(r.entries().size() == 10);
    // Silence during a snapshot is still silence.
    r.begin_sync(t0 + std::chrono::seconds(20));
    r.on_snapshot_item({8, "a", "1"}, t0 + std::chrono::seconds(21));
    r.check(t0 + std::chrono::seconds(25));
    CHECK(r.needs_resync());
}
