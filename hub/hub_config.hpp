#pragma once
// The hub's settings: defaults, then the config file (--config, TOML), then the command
// line. platslage-hub.toml documents every setting at its default.
#include "fusion.hpp"

#include <optional>
#include <string>

namespace platslage {

struct HubConfig {
    std::string db = "platslage.db";
    std::string mqtt = "tcp://127.0.0.1:1883";
    std::string mqtt_client_id = "platslage-hub";
    // Security (docs/security.md): the hub's broker login, and its folder of keys.
    std::string mqtt_user = "hub";
    std::string mqtt_password_file = "keys/hub.password";
    std::string mqtt_ca;
    std::string keys = "keys"; // hub.secret and admitted/
    bool insecure_development = false;
    std::string maps = "maps";
    std::string ingest = "tcp://127.0.0.1:7700";
    std::string pub = "tcp://127.0.0.1:7701";
    std::string router = "tcp://127.0.0.1:7702";
    int heartbeat_ms = 1000;
    int sensor_silent_s = 120;
    int status_every_s = 5;
    int recent_reports = 200;
    int replay_hours = 24;
    std::string log_level = "info";
    std::string rules;      // TOML file of hotspot weights and alert rules; empty: the defaults
    int evaluate_every_s = 10;
    int snapshot_every_s = 300;
    // Refusals kept one by one (a row, a log line, a receipt) per window; the rest are counted.
    int refusal_window_s = 10;
    int refusals_per_source = 20;
    int refusals_total = 200;
    FusionSettings fusion;  // from `rules`, with evaluate_every_s
    // Days raw reports, notes and refusals are kept; the running hub purges older ones daily,
    // keeping their follow-up figures (docs/privacy.md). 0: never purged.
    int retention_days = 90;
    int purge_first_after_s = 60; // the first daily purge, this long after start-up

    // One-off tasks, from the command line only: the hub does it and exits.
    std::string import_file;  // --import: event records into a new log (record_import.hpp)
    std::string purge_before; // --purge-before YYYY-MM-DD: purge once, as the daily purge does
    bool check_replay = false; // --check-replay: the picture from the snapshot against a full replay

    bool operator==(const HubConfig&) const = default;
};

// Returns nullopt when the program should exit (after --help), with `exit_code` set.
std::optional<HubConfig> load_hub_config(int argc, char** argv, int& exit_code);

} // namespace platslage
