#include "soak.hpp"

#include "history.hpp"
#include "replica_driver.hpp"
#include "system_under_test.hpp"
#include "test_site.hpp"

#include <zmq.hpp>

#include <fstream>
#include <iostream>
#include <thread>

namespace platslage::bench {

namespace {

// The process's resident set as the kernel counts it (VmRSS in /proc/<pid>/status), in kB.
long resident_kb(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

} // namespace

SoakRun soak(const std::filesystem::path& dir, double seconds) {
    std::filesystem::create_directories(dir);
    // A hub that has run for a day before: its start-up reads the last day of the log, and
    // SQLite's page cache (2 MB a connection by default) fills from the start, as in service.
    // From an empty database the cache would fill during the run and look like a leak.
    auto zones = ZoneMap::load_dir(PLATSLAGE_MAPS_DIR);
    constexpr std::size_t a_day_before = 100000;
    write_history(dir / "platslage.db", zones, a_day_before,
                  test::wall_now() - std::chrono::seconds(static_cast<std::int64_t>(a_day_before)) - std::chrono::minutes(10));
    test::Broker broker(dir);
    test::Hub hub(dir, broker.url(), {}, {"--log-level", "warn"});
    if (!hub.wait_mqtt_up()) throw std::runtime_error("the hub did not connect to the broker");
    std::vector<std::string> argv{PLATSLAGE_SIM_BIN, "--maps", PLATSLAGE_MAPS_DIR, "--mqtt", broker.url(), "--ingest",
                                  test::loopback(hub.ports().ingest), "--guards", "60", "--teams", "10",
                                  "--sample-every-s", "1", "--summary-every-s", "60", "--key", test::key_file("sensor"),
                                  "--hub-key", test::hub_key_file()};
    auto login = test::TestSite::get().login_args("sim");
    argv.insert(argv.end(), login.begin(), login.end());
    test::ChildProcess sim(argv, dir / "sim.log");

    zmq::context_t ctx(1);
    ReplicaDriver console(ctx, hub.endpoints("viewer-1"), std::chrono::seconds(5), test::wall_now());
    const auto events_before = test::sql_count(hub.db(), "SELECT count(*) FROM events");
    const auto reports_before = test::sql_count(hub.db(), "SELECT count(*) FROM guard_reports");

    SoakRun run;
    run.seconds = seconds;
    const auto began = std::chrono::steady_clock::now();
    auto next_sample = began;
    for (;;) {
        auto now = std::chrono::steady_clock::now();
        double at = std::chrono::duration<double>(now - began).count();
        if (now >= next_sample) {
            long rss = resident_kb(hub.process().pid());
            run.rss_kb.emplace_back(at, rss);
            if (at >= 120) {
                if (run.rss_at_2_min_kb == 0) run.rss_at_2_min_kb = rss;
                run.rss_peak_after_2_min_kb = std::max(run.rss_peak_after_2_min_kb, rss);
            }
            std::cerr << "soak: " << static_cast<int>(at) << " s, hub resident " << rss << " kB\n";
            next_sample += std::chrono::seconds(10);
        }
        if (at >= seconds) break;
        // The console reads all the while, as one in the control room does.
        auto items = console.poll_items();
        zmq::poll(items.data(), items.size(), std::chrono::milliseconds(100));
        auto wall = test::wall_now();
        console.pump(wall);
        if (console.check(wall)) console.resync(wall);
    }
    run.rss_at_end_kb = run.rss_kb.back().second;
    if (run.rss_at_2_min_kb == 0) run.rss_at_2_min_kb = run.rss_kb.front().second; // a run shorter than 2 min
    if (!sim.running() || !hub.process().running()) throw std::runtime_error("soak: the simulator or the hub stopped");
    run.events = test::sql_count(hub.db(), "SELECT count(*) FROM events") - events_before;
    run.reports = test::sql_count(hub.db(), "SELECT count(*) FROM guard_reports") - reports_before;
    return run;
}

nlohmann::json soak_json(const SoakRun& run) {
    auto series = nlohmann::json::array();
    for (const auto& [at, kb] : run.rss_kb) series.push_back({{"s", at}, {"rss_kb", kb}});
    return {{"seconds", run.seconds},
            {"events_stored", run.events},
            {"reports_stored", run.reports},
            {"rss_at_2_min_kb", run.rss_at_2_min_kb},
            {"rss_at_end_kb", run.rss_at_end_kb},
            {"rss_peak_after_2_min_kb", run.rss_peak_after_2_min_kb},
            {"growth_2_min_to_end_kb", run.growth_kb()},
            {"flat", run.flat()},
            {"series", series}};
}

} // namespace platslage::bench
