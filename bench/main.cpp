// platslage-bench-hub: how fast the hub takes guard reports and sensor samples, next to the
// raw libraries on the same machine in the same run, and next to a peer doing the report's
// path in Node-RED. Starts its own Mosquitto, hub and Node-RED on free loopback ports, ends
// them by PID, and prints a Markdown table (and JSON with --json).
#include "baselines.hpp"
#include "history.hpp"
#include "node_red_peer.hpp"
#include "national_day.hpp"
#include "soak.hpp"
#include "through_hub.hpp"
#include "workload.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
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
            if (r.paced) vs = (r.delay.p50 >= b.delay.p50 ? "+" : "") + fixed(r.delay.p50 - b.delay.p50, 1) + " ms at p50";
            else if (b.per_second() > 0) vs = fixed(100.0 * r.per_second() / b.per_second(), 0) + " %";
        }
        std::string delay = r.has_delay ? fixed(r.delay.p50, 1) + " / " + fixed(r.delay.p99, 1) + " / " + fixed(r.delay.max, 1) : "";
        std::cout << "| " << r.path << " | " << r.messages << " | " << (r.paced ? "paced" : fixed(r.per_second(), 0)) << " | " << delay << " | " << vs
                  << " |\n";
    }
}

// Where the hub's CPU went, for the rows that read it: the threads' time over the messages,
// largest first. The loop runs on the main thread, which carries the program's name.
void print_cpu(const std::vector<Result>& results) {
    for (const auto& r : results) {
        if (r.cpu_us_per_message.empty()) continue;
        std::vector<std::pair<double, std::string>> by_cost;
        double total = 0;
        for (const auto& [name, us] : r.cpu_us_per_message) {
            by_cost.emplace_back(us, name == "platslage-hub" ? name + " (the loop)" : name);
            total += us;
        }
        std::sort(by_cost.rbegin(), by_cost.rend());
        std::cout << "hub CPU a message, " << r.path << ": " << fixed(total, 0) << " µs:";
        for (const auto& [us, name] : by_cost) std::cout << " " << name << " " << fixed(us, 1);
        std::cout << "\n";
    }
}

nlohmann::json as_json(const std::vector<Result>& results) {
    auto all = nlohmann::json::array();
    for (const auto& r : results) {
        nlohmann::json j{{"path", r.path}, {"messages", r.messages}, {"seconds", r.seconds}, {"per_second", r.per_second()}};
        if (!r.baseline.empty()) j["baseline"] = r.baseline;
        if (r.paced) j["paced"] = true;
        if (r.has_delay) j["delay_ms"] = {{"p50", r.delay.p50}, {"p99", r.delay.p99}, {"max", r.delay.max}};
        if (!r.round_rates.empty()) j["round_rates"] = r.round_rates;
        if (!r.cpu_us_per_message.empty()) j["cpu_us_per_message"] = r.cpu_us_per_message;
        all.push_back(j);
    }
    return all;
}

// For median_round over a plain Result.
Result& itself(Result& r) { return r; }

// The peer: what became of the Node-RED flow in this run, for the output and the JSON.
struct PeerRun {
    std::optional<std::filesystem::path> dir; // the flow's folder; none: not run
    std::string not_measured;                  // why there is no figure (skipped, or how it failed)
};

// The broker-and-hub part of the run: secured as deployed (TLS and a login at the broker,
// CURVE at the hub; docs/security.md), or plain (an open broker on the loopback and a hub
// with --insecure-development) to show what security costs. The plain rows say so in their
// path, and compare with the plain raw echo. On the plain broker the Node-RED peer runs too,
// when `peer` has its folder.
std::vector<Result> through_broker_and_hub(const std::filesystem::path& dir, bool secured, const ZoneMap& zones,
                                           const std::vector<Outgoing>& report_msgs, const std::vector<std::string>& sample_bodies,
                                           std::size_t reports, std::size_t single, int window, int devices, int rounds,
                                           PeerRun& peer) {
    std::vector<Result> results;
    std::filesystem::create_directories(dir);
    test::Broker broker(dir, secured ? std::vector<std::string>{} : test::broker_lets_all_in);
    const std::string url = secured ? broker.url() : broker.loopback_url();
    // A quiet night's report on its own, and a busy minute's many at once; their own ids,
    // so the hub stores each once.
    auto quiet = guard_reports(zones, single, devices, reports);
    std::cerr << (secured ? "secured" : "plain") << ": raw Paho echo…\n";
    // Stock Paho waits about 40 ms a message in each direction (see tcp_nodelay.hpp):
    // a thousand tell its rate. Measured once, secured.
    std::vector<Outgoing> stock(report_msgs.begin(), report_msgs.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(report_msgs.size(), 1000)));
    for (bool nagle_off : {false, true}) {
        if (!secured && !nagle_off) continue;
        if (!quiet.empty()) results.push_back(raw_paho_echo(url, quiet, 1, nagle_off));
        if (!nagle_off) results.push_back(raw_paho_echo(url, stock, window, nagle_off));
        else results.push_back(median_round(rounds, [&](int) { return raw_paho_echo(url, report_msgs, window, true); }, itself));
    }
    // The Node-RED peer on the plain listener, the one it would use on the broker's own
    // machine, with the same reports and window; before the hub, so only the flow answers
    // them. It is the comparison, not what is measured: when it cannot run, the hub's run
    // goes on and says why.
    if (!secured && peer.dir) {
        std::cerr << "plain: Node-RED peer: starting…\n";
        try {
            NodeRedPeer node_red(*peer.dir, dir / "node-red", broker.port(), report_msgs.front());
            std::cerr << "plain: Node-RED peer: guard reports…\n";
            if (!quiet.empty()) results.push_back(node_red.reports(quiet, 1));
            results.push_back(node_red.reports(report_msgs, window));
        } catch (const std::exception& e) {
            peer.not_measured = std::string("failed: ") + e.what();
            std::cerr << "Node-RED peer " << peer.not_measured << "\n";
        }
    }
    std::vector<std::string> extra{"--log-level", "warn"};
    if (!secured) extra.push_back("--insecure-development");
    test::Hub hub(dir, url, {}, extra);
    if (!hub.wait_mqtt_up()) throw std::runtime_error("the hub did not connect to the broker");
    std::cerr << (secured ? "secured" : "plain") << ": hub: guard reports…\n";
    if (!quiet.empty()) {
        auto one = hub_reports(hub, url, quiet, 1);
        results.push_back(one.receipt);
        results.push_back(one.published);
    }
    // Each round its own reports, so the hub stores every one once.
    auto run = median_round(
        rounds,
        [&](int round) {
            return hub_reports(hub, url, round == 0 ? report_msgs : guard_reports(zones, reports, devices, reports * (1 + static_cast<std::size_t>(round)) + single),
                               window);
        },
        [](ReportRun& r) -> Result& { return r.receipt; });
    results.push_back(run.receipt);
    results.push_back(run.published);
    std::cerr << (secured ? "secured" : "plain") << ": hub: occupancy samples…\n";
    results.push_back(median_round(rounds, [&](int) { return hub_samples(hub, sample_bodies); }, itself));
    // The samples' baseline is libzmq alone; SQLite's batched figure shows the store's share.
    if (!secured) {
        for (auto& r : results) {
            r.path += " (plain)";
            if (!r.baseline.empty() && r.baseline.find("libzmq") == std::string::npos) r.baseline += " (plain)";
        }
    }
    return results;
}

// What security costs, by name for a script: each secured rate over its plain one.
nlohmann::json security_ratios(const std::vector<Result>& results) {
    nlohmann::json ratios = nlohmann::json::object();
    for (const auto& r : results) {
        if (r.path.ends_with(" (plain)") || r.paced) continue;
        for (const auto& p : results)
            if (p.path == r.path + " (plain)" && p.per_second() > 0) {
                std::string name = r.path.starts_with("sample → hub") ? "samples"
                                   : r.path.ends_with("→ receipt") ? "reports_to_receipt"
                                   : r.path.ends_with("consoles' PUB") ? "reports_to_pub"
                                                                       : "raw_paho_echo";
                ratios[name + "_secured_vs_plain"] = r.per_second() / p.per_second();
            }
    }
    return ratios;
}

// Each hub figure against the raw baseline it stands on, in this run, under the names issue
// 16's targets use: reports against the bare Paho echo with Nagle off (target 0.8), samples
// against plain SQLite at 100 rows a commit (target 0.5). A script compares these fields.
nlohmann::json baseline_ratios(const std::vector<Result>& results) {
    auto rate = [&](const std::string& path) -> double {
        for (const auto& r : results)
            if (r.path == path && !r.paced) return r.per_second();
        return 0;
    };
    nlohmann::json ratios = nlohmann::json::object();
    auto put = [&](const std::string& name, double num, double den) {
        if (num > 0 && den > 0) ratios[name] = num / den;
    };
    const std::string echo = "Paho → Mosquitto → Paho echo → back, Nagle off";
    const std::string sqlite = "SQLite, 100 rows per commit";
    for (const std::string& suffix : {std::string(), std::string(" (plain)")}) {
        auto tag = suffix.empty() ? std::string("secured") : std::string("plain");
        put("reports_to_receipt_vs_paho_echo_" + tag, rate("report → hub (checked, committed) → receipt" + suffix), rate(echo + suffix));
        put("reports_to_pub_vs_paho_echo_" + tag, rate("report → hub → update on the consoles' PUB" + suffix), rate(echo + suffix));
        put("samples_vs_sqlite_100_per_commit_" + tag, rate("sample → hub (checked, committed, fused, published)" + suffix), rate(sqlite));
    }
    // The peer: the hub against the Node-RED flow on the same plain listener with the
    // same load generator (target: 10), and the flow against MQTT's own round trip there.
    const std::string node_red = node_red_path(0) + " (plain)";
    put("reports_hub_vs_node_red", rate("report → hub (checked, committed) → receipt (plain)"), rate(node_red));
    put("reports_node_red_vs_paho_echo_plain", rate(node_red), rate(echo + " (plain)"));
    return ratios;
}

// The peer's figure by name for a script, or why there is none.
nlohmann::json peer_json(const std::vector<Result>& results, const PeerRun& peer) {
    if (!peer.not_measured.empty()) return {{"not_measured", peer.not_measured}};
    nlohmann::json j{{"broker", "plain loopback listener, the hub's (plain) rows' broker"}};
    for (const auto& r : results) {
        if (r.path == node_red_path(0) + " (plain)") j["receipts_per_second"] = r.per_second();
        if (r.path == node_red_path(1) + " (plain)") j["one_at_a_time_ms"] = {{"p50", r.delay.p50}, {"p99", r.delay.p99}};
    }
    return j;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"platslage-bench-hub: the hub's throughput and delays next to raw SQLite, libzmq and Paho"};
    std::size_t reports = 20000, samples = 100000, single = 50;
    int window = 64, devices = 20, rounds = 3;
    // By default every figure of issue 16 (docs/performance.md): a log of ten million events,
    // twelve stations, ten minutes at twice the design load. `--history 0 --stations 0
    // --soak-s 0` leaves the rates alone, in about two minutes.
    std::size_t history = 10000000;
    int joiners = 20;
    bool history_only = false;
    double soak_s = 600;
    int stations = 12;
    std::string json_out;
    app.add_option("--reports", reports, "guard reports through the broker and the hub")->capture_default_str();
    app.add_option("--samples", samples, "occupancy samples through the hub's ingest")->capture_default_str();
    app.add_option("--single", single, "guard reports sent one at a time, as on a quiet night (0: none)")->capture_default_str();
    app.add_option("--window", window, "reports on their way at once, as from many handhelds")->capture_default_str()->check(CLI::Range(1, 1000));
    app.add_option("--rounds", rounds,
                   "rounds of each rate compared with its baseline (the raw SQLite, libzmq and echo rates, the hub's "
                   "reports and samples); the median round is shown")
        ->capture_default_str()
        ->check(CLI::Range(1, 99));
    app.add_option("--devices", devices, "handhelds per station the reports come from")->capture_default_str()->check(CLI::Range(1, 999));
    app.add_option("--history", history,
                   "also start the hub with this many events in its log (and with none, 10,000 and 1,000,000 when "
                   "fewer), and time late joiners' snapshots (0: not)")
        ->capture_default_str();
    app.add_flag("--history-only", history_only, "only the --history, --stations and --soak-s figures");
    app.add_option("--stations", stations,
                   "also run one hub with this many stations (copies of the two maps) under every counter's load, "
                   "against two stations (12: issue 16's national day; 0: not)")
        ->capture_default_str()
        ->check(CLI::Range(0, 200));
    app.add_option("--soak-s", soak_s,
                   "also run the hub this long at twice the design load and watch its resident size (600: issue 16's "
                   "ten minutes; 0: not)")
        ->capture_default_str();
    app.add_option("--joiners", joiners, "late joiners timed per log size")->capture_default_str()->check(CLI::Range(1, 1000));
    app.add_option("--json", json_out, "also write the results as JSON to this file");
    std::string node_red_dir = PLATSLAGE_NODE_RED_DIR;
    bool no_node_red = false;
    app.add_option("--node-red", node_red_dir, "the Node-RED peer's folder, installed with npm ci")->capture_default_str();
    app.add_flag("--no-node-red", no_node_red, "leave the Node-RED peer out");
    CLI11_PARSE(app, argc, argv);

    try {
        auto zones = ZoneMap::load_dir(PLATSLAGE_MAPS_DIR);
        auto report_msgs = guard_reports(zones, reports, devices);
        auto sample_bodies = occupancy_samples(zones, samples);

        test::TempDir dir("platslage-bench");
        std::vector<Result> results;
        PeerRun peer;
        if (no_node_red) peer.not_measured = "skipped: --no-node-red";
        else if (history_only) peer.not_measured = "skipped: --history-only";
        else if (auto missing = node_red_missing(node_red_dir)) peer.not_measured = "skipped: " + *missing;
        else peer.dir = node_red_dir;
        if (!history_only) {
            // Raw first: each figure in the table has its baseline from the same minute.
            std::cerr << "raw SQLite…\n";
            // One fsync per row is slow enough that a few thousand rows tell its rate.
            std::vector<std::string> few(sample_bodies.begin(), sample_bodies.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(sample_bodies.size(), 2000)));
            results.push_back(raw_sqlite(dir.path() / "raw.db", few, 1));
            results.push_back(median_round(
                rounds, [&](int round) { return raw_sqlite(dir.path() / ("raw-batched-" + std::to_string(round) + ".db"), sample_bodies, 100); },
                itself));
            std::cerr << "raw libzmq…\n";
            results.push_back(median_round(rounds, [&](int) { return raw_push_pull(sample_bodies); }, itself));

            for (bool secured : {true, false}) {
                auto part = through_broker_and_hub(dir.path() / (secured ? "secured" : "plain"), secured, zones, report_msgs,
                                                   sample_bodies, reports, single, window, devices, rounds, peer);
                results.insert(results.end(), part.begin(), part.end());
            }
        }
        std::vector<HistoryRun> history_runs;
        if (history > 0) {
            test::Broker broker(dir.path() / "history-broker");
            for (std::size_t events : {std::size_t{0}, std::size_t{10000}, std::size_t{1000000}, history}) {
                if (events > history || (!history_runs.empty() && history_runs.back().events == events)) continue;
                std::cerr << "history: a hub with " << events << " events in its log…\n";
                history_runs.push_back(measure_history(dir.path() / ("history-" + std::to_string(events)), broker.url(), zones,
                                                       events, joiners));
            }
            auto lines = history_results(history_runs);
            results.insert(results.end(), lines.begin(), lines.end());
        }

        std::optional<NationalDay> day;
        if (stations > 0) {
            day = national_day(dir.path() / "national-day", stations, reports, window, devices);
            results.push_back(day->two_stations);
            results.push_back(day->all_stations);
        }
        std::optional<SoakRun> soaked;
        if (soak_s > 0) {
            std::cerr << "soak: " << soak_s << " s at twice the design load…\n";
            soaked = soak(dir.path() / "soak", soak_s);
        }

        print_table(results);
        print_cpu(results);
        std::cout << "\n" << std::thread::hardware_concurrency() << " cores; reports " << window << " in flight from "
                  << devices << " handhelds per station; SQLite in WAL with synchronous=FULL, as the hub runs it.\n";
        std::cout << "Paced: one report every 100 ms, each answered before the next, as on a quiet night.\n";
        std::cout << "Rates compared with a baseline (SQLite at 100 rows a commit, libzmq, the echo with Nagle off, the hub's reports "
                     "and samples): the median of "
                  << rounds << " rounds; every round's rate is in --json as round_rates.\n";
        std::cout << "Secured as deployed (TLS 1.2+ and a broker login per client, CURVE on the hub's sockets); (plain): an open "
                     "broker on the loopback and a hub with --insecure-development.\n";
        std::cout << "Node-RED peer: the flow in bench/node-red (Node-RED 4) on the same broker's plain loopback listener, driven "
                     "by the same client as the hub; compare it with the hub's (plain) rows.\n";
        if (!peer.not_measured.empty()) std::cout << "Node-RED peer " << peer.not_measured << "\n";
        auto ratios = security_ratios(results);
        for (const auto& [name, ratio] : ratios.items()) std::cout << name << ": " << fixed(ratio.get<double>(), 2) << "\n";
        auto against_raw = baseline_ratios(results);
        auto targets = history_targets(history_runs);
        if (day && day->two_stations.delay.p99 > 0) {
            // "Keeps the delays": within a fifth of the two stations' p99 in the same run.
            double ratio = day->all_stations.delay.p99 / day->two_stations.delay.p99;
            targets["receipt_p99_at_" + std::to_string(day->stations) + "_stations_vs_two"] = {{"value", ratio}, {"limit", 1.2}, {"met", ratio <= 1.2}};
            std::cout << day->stations << " stations: " << day->zones << " counters each second, " << day->samples
                      << " samples stored in the run; receipt p99 " << fixed(day->all_stations.delay.p99, 1) << " ms against "
                      << fixed(day->two_stations.delay.p99, 1) << " ms with two stations\n";
        }
        if (soaked) {
            std::cout << "soak: " << soaked->seconds << " s at twice the design load, " << soaked->events << " events ("
                      << soaked->reports << " reports) stored; hub resident " << soaked->rss_at_2_min_kb << " kB at 2 min, "
                      << soaked->rss_at_end_kb << " kB at the end (peak " << soaked->rss_peak_after_2_min_kb << " kB): "
                      << (soaked->flat() ? "flat" : "NOT flat") << "\n";
            targets["memory_growth_kb_from_2_min"] = {{"value", soaked->growth_kb()},
                                                      {"limit", std::max(1024.0, 0.02 * static_cast<double>(soaked->rss_at_2_min_kb))},
                                                      {"met", soaked->flat()}};
        }
        for (const auto& [name, t] : targets.items()) {
            if (t.is_number()) std::cout << name << ": " << fixed(t.get<double>(), 2) << "\n";
            else std::cout << name << ": " << fixed(t["value"].get<double>(), t["limit"].get<double>() < 10 ? 2 : 0) << " (limit " << t["limit"] << ", "
                           << (t["met"].get<bool>() ? "met" : "NOT met") << ")\n";
        }
        for (const auto& [name, ratio] : against_raw.items()) std::cout << name << ": " << fixed(ratio.get<double>(), 2) << "\n";
        if (!json_out.empty()) {
            std::ofstream out(json_out);
            out << nlohmann::json{{"cores", std::thread::hardware_concurrency()}, {"window", window}, {"results", as_json(results)},
                                  {"security", ratios}, {"ratios", against_raw}, {"node_red", peer_json(results, peer)},
                                  {"history", history_json(history_runs)}, {"history_targets", targets},
                                  {"soak", soaked ? soak_json(*soaked) : nlohmann::json(nullptr)}}
                       .dump(2)
                << "\n";
            if (!out) throw std::runtime_error("cannot write " + json_out);
        }
    } catch (const std::exception& e) {
        std::cerr << "platslage-bench-hub: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
