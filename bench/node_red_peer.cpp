#include "node_red_peer.hpp"

#include "baselines.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>
#include <unordered_map>

namespace platslage::bench {

namespace {

using Clock = std::chrono::steady_clock;

const std::string receipts = "platslage/v1/+/guard/+/receipt";

// Node-RED with the flow, its runtime files in `run_dir`; its own environment names the
// broker's port and the event file (bench/node-red/settings.js).
std::vector<std::string> node_red_command(const std::filesystem::path& dir, const std::filesystem::path& run_dir, int broker_port,
                                          const std::filesystem::path& events) {
    std::filesystem::create_directories(run_dir / "user");
    return {"/usr/bin/env",
            "PLATSLAGE_MQTT_PORT=" + std::to_string(broker_port),
            "PLATSLAGE_NODE_RED_EVENTS=" + events.string(),
            "node",
            (dir / "node_modules" / "node-red" / "red.js").string(),
            "--settings",
            (dir / "settings.js").string(),
            "--userDir",
            (run_dir / "user").string()};
}

// A report like the run's first, under an id of its own, to learn when the flow answers.
Outgoing probe(const Outgoing& like, int n) {
    auto j = nlohmann::json::parse(like.payload);
    j["id"] = "probe-" + std::to_string(n);
    return {j["id"].get<std::string>(), like.topic, j.dump()};
}

// Node-RED takes seconds to load and to subscribe: until then a report is lost, not queued
// (its session is clean). Probes go out one at a time until one is answered.
void wait_until_answering(test::ChildProcess& node_red, const std::string& url, const Outgoing& like) {
    auto until = Clock::now() + test::scaled(std::chrono::seconds(60));
    for (int n = 1; Clock::now() < until; ++n) {
        if (!node_red.running()) throw std::runtime_error("Node-RED peer ended at start-up: " + node_red.log_text());
        auto trip = qos1_round_trip(url, "sim", "platslage-bench-node-red-probe", {probe(like, n)}, receipts, 1, std::chrono::seconds(1),
                                    /*nagle_off=*/true);
        if (trip.by_status["stored"] == 1) return;
    }
    throw std::runtime_error("Node-RED peer did not answer within a minute: " + node_red.log_text());
}

// Each report id's events in the flow's file: each must be there once.
std::unordered_map<std::string, int> events_by_id(const std::filesystem::path& file) {
    std::unordered_map<std::string, int> count;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_object() && j.contains("report") && j["report"].contains("id") && j["report"]["id"].is_string())
            ++count[j["report"]["id"].get<std::string>()];
    }
    return count;
}

} // namespace

std::optional<std::string> node_red_missing(const std::filesystem::path& dir) {
    if (test::run_command({"/usr/bin/env", "node", "--version"}, std::chrono::seconds(10)) != 0) return "Node.js (node) is not installed";
    if (!std::filesystem::exists(dir / "node_modules" / "node-red" / "red.js"))
        return "Node-RED is not installed in " + dir.string() + " (scripts/bench-hub runs npm ci there)";
    return std::nullopt;
}

std::string node_red_path(int window) {
    return std::string(window == 1 ? "one at a time: " : "") + "report → Node-RED flow (checked, appended) → receipt";
}

NodeRedPeer::NodeRedPeer(const std::filesystem::path& dir, const std::filesystem::path& run_dir, int broker_port, const Outgoing& like)
    : events_(run_dir / "events.jsonl"), url_(test::loopback(broker_port)),
      process_(node_red_command(dir, run_dir, broker_port, events_), run_dir / "node-red.log") {
    wait_until_answering(process_, url_, like);
}

Result NodeRedPeer::reports(const std::vector<Outgoing>& reports, int window) {
    // The same client, settings and window as the hub's run (hub_reports).
    auto trip = qos1_round_trip(url_, "sim", "platslage-bench-handhelds", reports, receipts, window, std::chrono::seconds(60),
                                /*nagle_off=*/true, quiet_pause(window));
    auto in_file = events_by_id(events_);
    std::size_t once = 0;
    for (const auto& r : reports) once += in_file.count(r.id) && in_file[r.id] == 1 ? 1 : 0;
    if (trip.answered != reports.size() || trip.by_status["stored"] != reports.size() || once != reports.size())
        throw std::runtime_error("Node-RED peer: " + std::to_string(trip.by_status["stored"]) + " receipted stored, " + std::to_string(once) +
                                 " in its file once, of " + std::to_string(reports.size()));
    return trip_result(trip, node_red_path(window), echo_path(window, true), window);
}

} // namespace platslage::bench
