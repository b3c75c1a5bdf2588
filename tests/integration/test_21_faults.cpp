// Faults, proven against the real processes: the hub killed with SIGKILL at random moments
// while handhelds (the reference client's outbox) and the simulator send. Every report that
// got a `stored` receipt is in the database exactly once, every report is receipted in the
// end, nothing is stored twice, and the picture a restart builds (the newest snapshot and the
// events after it) is the picture of a full replay of the log (platslage-hub --check-replay).
//
// PLATSLAGE_FAULT_KILLS sets the number of kills (scripts/faults --kills 100; scripts/test
// runs a short version), PLATSLAGE_FAULT_SEED the moments (printed, so a failure can be
// replayed). The last line of the test's output is the summary scripts/faults prints.
#include "report_outbox.hpp"
#include "system_under_test.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <thread>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {
// One handheld of a guard, as the reference client works: every report waits in the outbox
// until the hub's receipt, and is sent again while it has none.
struct Guard {
    Handheld device;
    ReportOutbox outbox{1500ms};
    std::size_t receipts_read = 0;
    int next = 0;
    std::set<std::string> stored; // ids the hub receipted as stored
    std::string name;

    Guard(const std::string& broker, const std::string& id) : device(broker, "centralen", id), name(id) {}

    void write_report() {
        auto id = name + "-" + std::to_string(next++);
        outbox.add(id, device.report_topic(),
                   report_json(id, next % 2 ? "centralen.vantytor" : "centralen.nedre-plan", 1 + next % 3, {"sleeping"}));
    }
    // Reads new receipts, then sends what is due. A publish the broker does not take in time
    // stays due and goes again.
    void turn() {
        auto all = device.receipts();
        for (; receipts_read < all.size(); ++receipts_read) {
            const auto& r = all[receipts_read];
            if (!r["id"].is_string()) continue;
            auto id = r["id"].get<std::string>();
            auto status = r["status"] == "stored" ? ReceiptStatus::stored
                          : r["status"] == "duplicate" ? ReceiptStatus::duplicate
                                                       : ReceiptStatus::refused;
            if (status == ReceiptStatus::stored) stored.insert(id);
            outbox.close(id, status);
        }
        for (auto* e : outbox.due(wall_now())) {
            if (device.publish_report(e->payload, 500ms)) outbox.mark_sent(*e, wall_now());
        }
    }
};
} // namespace

TEST_CASE("faults: the hub killed at random moments loses no report, stores none twice, and replays to the same picture") {
    const int kills = env_int("PLATSLAGE_FAULT_KILLS", 6);
    const unsigned seed = static_cast<unsigned>(env_int("PLATSLAGE_FAULT_SEED", static_cast<int>(std::random_device{}() % 100000)));
    std::mt19937 random(seed);
    MESSAGE("kills " << kills << ", seed " << seed);

    TempDir dir("platslage-it21");
    Broker broker(dir.path());
    // A snapshot every second, so that kills fall while one is written and restarts use them.
    Hub hub(dir.path(), broker.url(), {}, {"--snapshot-every-s", "1", "--log-level", "info"});
    REQUIRE(hub.wait_mqtt_up());
    std::vector<std::string> sim_argv{PLATSLAGE_SIM_BIN, "--speed", "300", "--seed",
                                      std::to_string(seed), "--maps", PLATSLAGE_MAPS_DIR, "--mqtt", broker.url(), "--ingest",
                                      loopback(hub.ports().ingest), "--sample-every-s", "1", "--summary-every-s", "60",
                                      "--key", key_file("sensor"), "--hub-key", hub_key_file()};
    auto login = TestSite::get().login_args("sim");
    sim_argv.insert(sim_argv.end(), login.begin(), login.end());
    // Fast enough (five simulated minutes a second) that its guards report within the few
    // seconds of a short run at any hour, the quietest of the night included.
    ChildProcess sim(sim_argv, dir.path() / "sim.log");

    std::vector<std::unique_ptr<Guard>> guards;
    for (const char* id : {"hh-81", "hh-82", "hh-83"}) guards.push_back(std::make_unique<Guard>(broker.url(), id));
    auto run_for = [&](std::chrono::milliseconds span, bool writing) {
        auto until = std::chrono::steady_clock::now() + span;
        while (std::chrono::steady_clock::now() < until) {
            for (auto& g : guards) {
                if (writing) g->write_report();
                g->turn();
            }
            std::this_thread::sleep_for(20ms);
        }
    };

    std::uniform_int_distribution<int> up_ms(150, 900), down_ms(0, 400);
    for (int k = 0; k < kills; ++k) {
        run_for(std::chrono::milliseconds(up_ms(random)), true);
        hub.process().signal(SIGKILL);
        REQUIRE(hub.process().wait(5s) == -SIGKILL);
        run_for(std::chrono::milliseconds(down_ms(random)), true); // the broker keeps what comes meanwhile
        hub.start();
    }
    // The last restart stays up: every report is receipted in the end.
    bool drained = eventually([&] {
        run_for(100ms, false);
        return std::all_of(guards.begin(), guards.end(), [](const auto& g) { return g->outbox.pending() == 0; });
    }, 90s);
    sim.signal(SIGTERM);
    sim.wait(10s);

    int written = 0, lost = 0;
    std::size_t stored = 0;
    for (const auto& g : guards) {
        written += g->next;
        stored += g->stored.size();
        for (const auto& id : g->stored)
            if (sql_count(hub.db(), "SELECT count(*) FROM guard_reports WHERE device='" + g->name + "' AND report_id='" + id + "'") != 1)
                ++lost;
    }
    auto rows = sql_count(hub.db(), "SELECT count(*) FROM guard_reports");
    auto duplicated = rows - sql_count(hub.db(), "SELECT count(DISTINCT station || '/' || device || '/' || report_id) FROM guard_reports");
    auto ours = sql_count(hub.db(), "SELECT count(*) FROM guard_reports WHERE device IN ('hh-81','hh-82','hh-83')");
    auto events = sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='guard_report'");
    CHECK(drained);
    CHECK(lost == 0);
    CHECK(duplicated == 0);
    CHECK(ours == written);    // every report written is stored, receipted stored or duplicate
    CHECK(events == rows);     // one event per stored report, none twice
    CHECK(rows > ours);        // the simulator's handhelds were heard too
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='occupancy'") > 0); // and its counters
    CHECK(hub.process().running());

    // The picture a restart builds, against a full replay: the hub killed once more, then
    // the database checked as it was left.
    hub.process().signal(SIGKILL);
    hub.process().wait(5s);
    ChildProcess check({PLATSLAGE_HUB_BIN, "--db", hub.db().string(), "--maps", PLATSLAGE_MAPS_DIR, "--check-replay",
                        "--log-level", "warn"},
                       dir.path() / "check-replay.log");
    int replay = check.wait(120s);
    auto replay_text = check.log_text();
    CHECK_MESSAGE(replay == 0, replay_text);
    CHECK(replay_text.find("replay check: the same") != std::string::npos);

    std::cout << "faults: kills " << kills << " seed " << seed << " reports " << written << " (" << rows << " with the simulator's) "
              << "stored " << stored << " lost " << lost << " duplicated " << duplicated << " replay "
              << (replay == 0 ? "the same" : "DIFFERENT") << std::endl;
}
