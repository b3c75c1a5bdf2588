#pragma once
// platslage-counters' command line. Every option is documented at its default in --help.
#include "security_options.hpp"

#include <optional>
#include <string>
#include <utility>

namespace platslage::counters {

struct CountersOptions {
    std::string config = "sensors/counters.toml";
    std::string maps = "maps";
    std::string mqtt = "tcp://127.0.0.1:1883";
    std::string mqtt_client_id = "platslage-counters";
    std::string xovis_topic = "xovis/#";
    std::string ingest = "tcp://127.0.0.1:7700";
    std::string http_listen;     // "HOST:PORT" to take pushed live sums on; empty: no listener
    std::string http_host;       // http_listen split
    int http_port = 0;
    double summary_every_s = 60; // 0: only when stopping
    std::string state = "platslage-counters.state.json"; // baselines and counts kept across restarts; empty: none
    std::string log_level = "info";
    BrokerLogin login;     // --mqtt-user, --mqtt-password-file, --mqtt-ca
    HubKeyFiles key_files; // --key, --hub-key: this adapter's key card (role sensor) and the hub's
};

// "127.0.0.1:8080" as host and port; nullopt when it is not an IPv4 address or a name, a
// colon and a port 1-65535.
std::optional<std::pair<std::string, int>> split_listen_address(const std::string& text);

// The options, or nullopt with `exit_code` set (help shown, or a bad option).
std::optional<CountersOptions> parse_counters_options(int argc, char** argv, int& exit_code);

} // namespace platslage::counters
