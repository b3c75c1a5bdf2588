#include "hub_config.hpp"

#include "rules_config.hpp"
#include "toml_file.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <set>
#include <string_view>

namespace platslage {

namespace {

std::optional<std::string> config_path(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--config" && i + 1 < argc) return argv[i + 1];
        if (a.rfind("--config=", 0) == 0) return std::string(a.substr(9));
    }
    return std::nullopt;
}

// Settings by name, so the file, the command line and the docs use the same names.
template <class F>
void each_setting(HubConfig& c, F&& f) {
    f("db", c.db, "SQLite event log (created if missing)");
    f("mqtt", c.mqtt, "MQTT broker URL");
    f("mqtt-client-id", c.mqtt_client_id, "MQTT client id; the broker keeps this session while the hub is away");
    f("mqtt-user", c.mqtt_user, "the hub's user at the broker");
    f("mqtt-password-file", c.mqtt_password_file, "file (mode 0600) holding the hub's broker password");
    f("mqtt-ca", c.mqtt_ca, "CA certificate the broker's must chain to (for an ssl:// broker)");
    f("keys", c.keys, "folder with the hub's key card hub.secret and admitted/, the public key cards it admits");
    f("insecure-development", c.insecure_development,
      "DEVELOPMENT ONLY: plain ZeroMQ sockets open to anyone and no broker login");
    f("maps", c.maps, "folder of station GeoJSON files");
    f("ingest", c.ingest, "ZeroMQ PULL endpoint for sensor samples");
    f("pub", c.pub, "ZeroMQ PUB endpoint for numbered updates");
    f("router", c.router, "ZeroMQ ROUTER endpoint for snapshots, status, zone history and commands");
    f("heartbeat-ms", c.heartbeat_ms, "heartbeat interval on the PUB socket when idle");
    f("sensor-silent-s", c.sensor_silent_s, "a sensor unheard this long is marked silent");
    f("status-every-s", c.status_every_s, "seconds between status lines in the log (0: never)");
    f("recent-reports", c.recent_reports, "guard reports kept in the live picture");
    f("replay-hours", c.replay_hours, "hours of the event log replayed at start-up");
    f("log-level", c.log_level, "trace, debug, info, warn, error");
    f("rules", c.rules, "TOML file of hotspot weights and alert rules (see hub/platslage-rules.toml); empty: defaults");
    f("evaluate-every-s", c.evaluate_every_s, "seconds between time-driven checks (silent sensors, escalation, scores)");
    f("snapshot-every-s", c.snapshot_every_s, "seconds between snapshots of the fused state (0: only at shutdown)");
    f("refusal-window-s", c.refusal_window_s, "window in which refusals are kept one by one up to the limits below");
    f("refusals-per-source", c.refusals_per_source, "refusals kept in full per source (a device's topic, ingest, commands) per window");
    f("refusals-total", c.refusals_total, "refusals kept in full from all sources together per window");
    f("retention-days", c.retention_days,
      "days raw reports, notes and refusals are kept before the daily purge (their figures are kept); 0: never");
    f("purge-first-after-s", c.purge_first_after_s, "seconds after start-up before the first daily purge");
}

void apply_file(HubConfig& cfg, const std::string& path) {
    toml::table table = read_toml_file(path);
    std::set<std::string> known;
    each_setting(cfg, [&](const char* name, auto& field, const char*) {
        known.insert(name);
        auto node = table[name];
        if (!node) return;
        using T = std::decay_t<decltype(field)>;
        if constexpr (std::is_same_v<T, std::string>) {
            if (!node.is_string()) throw std::runtime_error(path + ": '" + name + "' must be a string");
            field = *node.value<std::string>();
        } else if constexpr (std::is_same_v<T, bool>) {
            if (!node.is_boolean()) throw std::runtime_error(path + ": '" + name + "' must be true or false");
            field = *node.value<bool>();
        } else {
            if (!node.is_integer()) throw std::runtime_error(path + ": '" + name + "' must be an integer");
            field = static_cast<int>(*node.value<std::int64_t>());
        }
    });
    for (const auto& [key, value] : table)
        if (!known.contains(std::string(key.str())))
            throw std::runtime_error(path + ": unknown setting '" + std::string(key.str()) + "'");
}

bool loopback_uri(const std::string& uri) {
    for (const char* host : {"tcp://127.0.0.1:", "tcp://localhost:", "tcp://[::1]:"})
        if (uri.rfind(host, 0) == 0) return true;
    return false;
}

// Security is on unless switched off by name: a hub missing its keys or its login does not
// start open by accident.
void check_security(const HubConfig& cfg) {
    if (cfg.insecure_development) return;
    const char* fix = " (docs/security.md; scripts/demo makes all of it in .demo/), or start with --insecure-development";
    if (cfg.keys.empty()) throw std::runtime_error(std::string("security is on: give the hub its keys folder (--keys)") + fix);
    if (cfg.mqtt_user.empty() || cfg.mqtt_password_file.empty())
        throw std::runtime_error(std::string("security is on: give the hub its broker login (--mqtt-user, --mqtt-password-file)") + fix);
    if (!loopback_uri(cfg.mqtt) && cfg.mqtt.rfind("ssl://", 0) != 0 && cfg.mqtt.rfind("mqtts://", 0) != 0)
        throw std::runtime_error("security is on: a broker beyond this machine is reached over TLS only (ssl://host:8883, --mqtt-ca)");
    if ((cfg.mqtt.rfind("ssl://", 0) == 0 || cfg.mqtt.rfind("mqtts://", 0) == 0) && cfg.mqtt_ca.empty())
        throw std::runtime_error("security is on: TLS to the broker needs the CA certificate (--mqtt-ca)");
}

} // namespace

std::optional<HubConfig> load_hub_config(int argc, char** argv, int& exit_code) {
    HubConfig cfg;
    auto file = config_path(argc, argv);
    if (file) apply_file(cfg, *file);

    CLI::App app{"platslage-hub: combines guard reports, outreach presence and occupancy into one live picture"};
    std::string config_unused;
    app.add_option("--config", config_unused, "TOML config file; command-line options override it");
    each_setting(cfg, [&](const char* name, auto& field, const char* help) {
        if constexpr (std::is_same_v<std::decay_t<decltype(field)>, bool>) app.add_flag(std::string("--") + name, field, help);
        else app.add_option(std::string("--") + name, field, help)->capture_default_str();
    });
    app.add_option("--import", cfg.import_file,
                   "take event records (JSON lines, as platslage-sim --record-period writes) into a new --db, then exit");
    app.add_option("--purge-before", cfg.purge_before,
                   "purge raw reports, notes and refusals heard before this Stockholm date (YYYY-MM-DD), keeping their "
                   "figures, then exit");
    app.add_flag("--check-replay", cfg.check_replay,
                 "build the picture as a restart does (the newest snapshot and the events after it) and again from "
                 "every event in the last replay-hours, at one instant; say whether they are the same, then exit "
                 "(0 the same, 4 not)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        exit_code = app.exit(e, std::cout, std::cerr);
        return std::nullopt;
    }
    if (cfg.heartbeat_ms < 50 || cfg.sensor_silent_s < 1 || cfg.recent_reports < 1 || cfg.replay_hours < 0 ||
        cfg.evaluate_every_s < 1 || cfg.snapshot_every_s < 0 || cfg.refusal_window_s < 1 || cfg.refusals_per_source < 0 ||
        cfg.refusals_total < 0 || cfg.retention_days < 0 ||
        cfg.purge_first_after_s < 0)
        throw std::runtime_error("heartbeat-ms ≥ 50, sensor-silent-s ≥ 1, recent-reports ≥ 1, replay-hours ≥ 0, evaluate-every-s ≥ 1, "
                                 "snapshot-every-s ≥ 0, refusal-window-s ≥ 1, refusals-per-source ≥ 0, refusals-total ≥ 0, "
                                 "retention-days ≥ 0, purge-first-after-s ≥ 0");
    // A one-off task opens no socket: it needs no keys or login.
    if (cfg.import_file.empty() && cfg.purge_before.empty() && !cfg.check_replay) check_security(cfg);
    if (!cfg.rules.empty()) cfg.fusion = load_rules(cfg.rules);
    cfg.fusion.evaluate_every = std::chrono::seconds(cfg.evaluate_every_s);
    return cfg;
}

} // namespace platslage
