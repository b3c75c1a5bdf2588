#pragma once
// platslage-counters' command line. Every option is documented at its default in --help.
#include <optional>
#include <string>

namespace platslage::sim {

struct CountersOptions {
    std::string config = "sensors/counters.toml";
    std::string maps = "maps";
    std::string mqtt = "tcp://127.0.0.1:1883";
    std::string mqtt_client_id = "platslage-counters";
    std::string xovis_topic = "xovis/#";
    std::string ingest = "tcp://127.0.0.1:7700";
    double summary_every_s = 60; // 0: only when stopping
    std::string log_level = "info";
};

// The options, or nullopt with `exit_code` set (help shown, or a bad option).
std::optional<CountersOptions> parse_counters_options(int argc, char** argv, int& exit_code);

} // namespace platslage::sim
