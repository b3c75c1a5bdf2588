// platslage-bench-hub: how fast the hub takes guard reports and sensor samples, next to the
// raw libraries on the same machine in the same run. Starts its own Mosquitto and hub on free
// loopback ports, ends them by PID, and prints a Markdown table (and JSON with --json).
#include "baselines.hpp"
#include "through_hub.hpp"
#include "workload.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

using namespace platslage;
using namespace platslage::bench;

namespace {

std::string fixed(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

void print_table(const std::vector<Result>& results) {
    std::cout << "| path | messages | per second | delay p50 / p99 / max (ms) | vs. raw |\n"
              << "|---|---:|---:|---|---:|\n";
    for (const auto& r : results) {
        std::string vs;
        for (const auto& b : results) {
            if (r.baseline.empty() || b.path != r.baseline) continue;
            // Paced rows compare their delay (what the hub adds); the others their rate.
            if (r.paced) vs = "+" + fixed(r.delay.p50 - b.delay.p50, 1) + " ms at p50";
            else if (b.per_second() > 0) vs = fixed(100.0 * r.per_second() / b.per_second(), 0) + " %";
        }
        std::string delay = r.has_delay ? fixed(r.delay.p50, 1) + " / " + fixed(r.delay.p99, 1) + " / " + fixed(r.delay.max, 1) : "";
        std::cout << "| " << r.path << " | " << r.messages << " | " << (r.paced ? "paced" : fixed(r.per_second(), 0)) << " | " << delay << " | " << vs
                  << " |\n";
    }
}

nlohmann::json as_json(const std::vector<Result>& results) {
    auto all = nlohmann::json::array();
    for (const auto& r : results) {
        nlohmann::json j{{"path", r.path}, {"messages", r.messages}, {"seconds", r.seconds}, {"per_second", r.per_second()}};
        if (!r.baseline.empty()) j["baseline"] = r.baseline;
        if (r.paced) j["paced"] = true;
        if (r.has_delay) j["delay_ms"] = {{"p50", r.delay.p50}, {"p99", r.delay.p99}, {"max", r.delay.max}};
        all.push_back(j);
    }
    return all;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"platslage-bench-hub: the hub's throughput and delays next to raw SQLite, libzmq and Paho"};
    std::size_t reports = 20000, samples = 100000, single = 50;
    int window = 64, devices = 20;
    std::string json_out;
    app.add_option("--reports", reports, "guard reports through the broker and the hub")->capture_default_str();
    app.add_option("--samples", samples, "occupancy samples through the hub's ingest")->capture_default_str();
    app.add_option("--single", single, "guard reports sent one at a time, as on a quiet night (0: none)")->capture_default_str();
    app.add_option("--window", window, "reports on their way at once, as from many handhelds")->capture_default_str()->check(CLI::Range(1, 1000));
    app.add_option("--devices", devices, "handhelds per station the reports come from")->capture_default_str()->check(CLI::Range(1, 999));
    app.add_option("--json", json_out, "also write the results as JSON to this file");
    CLI11_PARSE(app, argc, argv);

    try {
        auto zones = ZoneMap::load_dir(PLATSLAGE_MAPS_DIR);
        auto report_msgs = guard_reports(zones, reports, devices);
        auto sample_bodies = occupancy_samples(zones, samples);

        test::TempDir dir("platslage-bench");
        std::vector<Result> results;
        // Raw first: each figure in the table has its baseline from the same minute.
        std::cerr << "raw SQLite…\n";
        // One fsync per row is slow enough that a few thousand rows tell its rate.
        std::vector<std::string> few(sample_bodies.begin(), sample_bodies.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(sample_bodies.size(), 2000)));
        results.push_back(raw_sqlite(dir.path() / "raw.db", few, 1));
        results.push_back(raw_sqlite(dir.path() / "raw-batched.db", sample_bodies, 100));
        std::cerr << "raw libzmq…\n";
        results.push_back(raw_push_pull(sample_bodies));

        test::Broker broker(dir.path());
        // A quiet night's report on its own, and a busy minute's many at once; their own ids,
        // so the hub stores each once.
        auto quiet = guard_reports(zones, single, devices, reports);
        std::cerr << "raw Paho echo…\n";
        // Stock Paho waits about 40 ms a message in each direction (see tcp_nodelay.hpp):
        // a thousand tell its rate.
        std::vector<Outgoing> stock(report_msgs.begin(), report_msgs.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(report_msgs.size(), 1000)));
        for (bool nagle_off : {false, true}) {
            if (!quiet.empty()) results.push_back(raw_paho_echo(broker.url(), quiet, 1, nagle_off));
            results.push_back(raw_paho_echo(broker.url(), nagle_off ? report_msgs : stock, window, nagle_off));
        }

        test::Hub hub(dir.path(), broker.url(), {}, {"--log-level", "warn"});
        if (!hub.wait_mqtt_up()) throw std::runtime_error("the hub did not connect to the broker");
        std::cerr << "hub: guard reports…\n";
        if (!quiet.empty()) {
            auto one = hub_reports(hub, broker.url(), quiet, 1);
            results.push_back(one.receipt);
            results.push_back(one.published);
        }
        auto run = hub_reports(hub, broker.url(), report_msgs, window);
        results.push_back(run.receipt);
        results.push_back(run.published);
        std::cerr << "hub: occupancy samples…\n";
        results.push_back(hub_samples(hub, sample_bodies));
        // The samples' baseline is libzmq alone; SQLite's batched figure shows the store's share.

        print_table(results);
        std::cout << "\n" << std::thread::hardware_concurrency() << " cores; reports " << window << " in flight from "
                  << devices << " handhelds per station; SQLite in WAL with synchronous=FULL, as the hub runs it.\n";
        std::cout << "Paced: one report every 100 ms, each answered before the next, as on a quiet night.\n";
        if (!json_out.empty()) {
            std::ofstream out(json_out);
            out << nlohmann::json{{"cores", std::thread::hardware_concurrency()}, {"window", window}, {"results", as_json(results)}}.dump(2)
                << "\n";
            if (!out) throw std::runtime_error("cannot write " + json_out);
        }
    } catch (const std::exception& e) {
        std::cerr << "platslage-bench-hub: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
