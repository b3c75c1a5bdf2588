#pragma once
// The benchmark's peer: the guard-report path as a Node-RED 4 flow (bench/node-red/: report
// in over MQTT, checked, appended to a file, receipt out), on the same broker and driven by
// the same load generator as the hub, so that their rates compare (docs/performance.md).
#include "measure.hpp"
#include "processes.hpp"
#include "qos1_round_trip.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace platslage::bench {

// Why the peer in `dir` cannot run here (Node.js or the npm install missing), or nothing.
std::optional<std::string> node_red_missing(const std::filesystem::path& dir);

// Node-RED running the flow in `dir` on the broker's plain loopback listener at
// `broker_port`, its runtime files and event file in `run_dir`; ended by its PID when it goes.
class NodeRedPeer {
public:
    // Starts it and waits until its flow answers a report like `like`.
    NodeRedPeer(const std::filesystem::path& dir, const std::filesystem::path& run_dir, int broker_port, const Outgoing& like);

    // Sends `reports` `window` unanswered at a time, as hub_reports does. Throws unless every
    // report is receipted "stored" and its event is in the file once.
    Result reports(const std::vector<Outgoing>& reports, int window);

private:
    std::filesystem::path events_;
    std::string url_;
    test::ChildProcess process_;
};

// The name of the peer's row, `window` at a time.
std::string node_red_path(int window);

} // namespace platslage::bench
