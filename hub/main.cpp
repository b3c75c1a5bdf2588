// platslage-hub: start-up reads in order: settings, logging, maps, database, picture,
// sockets, MQTT, loop, shutdown.
#include "event_log.hpp"
#include "hub.hpp"
#include "hub_config.hpp"
#include "mailbox.hpp"
#include "mqtt_link.hpp"
#include "process_memory.hpp"
#include "record_import.hpp"
#include "replay_check.hpp"
#include "retention.hpp"
#include "security_options.hpp"
#include "system_clock.hpp"
#include "zone_map.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>

#include <sys/stat.h>

namespace {
std::atomic<bool> stop_requested{false};
int wake_fd = -1;

// Signal handlers only set a flag and wake the loop; the loop does the rest.
extern "C" void on_stop_signal(int) {
    stop_requested = true;
    std::uint64_t one = 1;
    if (wake_fd >= 0) [[maybe_unused]] auto n = ::write(wake_fd, &one, sizeof one);
}
} // namespace

int main(int argc, char** argv) {
    using namespace platslage;
    // Everything the hub writes (the event log and its -wal and -shm) is for its own user only.
    ::umask(077);
    keep_large_buffers_returnable();
    try {
        int exit_code = 0;
        auto cfg = load_hub_config(argc, argv, exit_code);
        if (!cfg) return exit_code;

        spdlog::set_level(spdlog::level::from_str(cfg->log_level));
        spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ hub: %v");

        ZoneMap zones = ZoneMap::load_dir(cfg->maps);
        spdlog::info("maps: {} zones in {} stations from {}", zones.zones().size(), zones.stations().size(), cfg->maps);

        EventLog log(cfg->db);
        spdlog::info("event log: {} (schema v{}, events up to #{})", cfg->db, log.schema_version(), log.newest_event_id());

        if (!cfg->import_file.empty()) {
            std::ifstream in(cfg->import_file);
            if (!in) throw std::runtime_error("cannot read " + cfg->import_file);
            auto began = std::chrono::steady_clock::now();
            auto summary = import_records(in, *cfg, zones, log);
            double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
            spdlog::info("imported {}: {} lines, {} stored, {} duplicates, {} refused{}, in {:.1f} s ({:.0f} records/s)",
                         cfg->import_file, summary.lines, summary.stored, summary.duplicates, summary.refused,
                         summary.refused ? " (" + refusal_counts_text(summary.refused_by_reason) + ")" : std::string(),
                         s, s > 0 ? static_cast<double>(summary.lines) / s : 0.0);
            return summary.refused == 0 ? 0 : 3;
        }
        if (cfg->check_replay) {
            auto check = check_replay(*cfg, zones, log, SystemClock().now());
            if (check.same()) {
                std::cout << "replay check: the same: " << check.keys << " keys from the snapshot and from a full replay\n";
                return 0;
            }
            std::cout << "replay check: " << check.differing.size() << " of " << check.keys << " keys differ:";
            for (const auto& key : check.differing) std::cout << " " << key;
            std::cout << "\n";
            return 4;
        }
        if (!cfg->purge_before.empty()) {
            auto cutoff = stockholm_day_start(cfg->purge_before);
            if (!cutoff) throw std::runtime_error("--purge-before wants a date like 2026-11-01");
            purge_and_tell(log, zones, *cutoff);
            return 0;
        }

        SystemClock clock;
        zmq::context_t ctx(1);
        // Before any socket: the ZAP handler must be there when the first client knocks.
        std::unique_ptr<HubSecurity> security;
        if (cfg->insecure_development) {
            security = std::make_unique<HubSecurity>();
            for (int i = 0; i < 3; ++i)
                spdlog::critical("INSECURE DEVELOPMENT MODE: the hub's sockets are open to anyone as any role, and it "
                                 "logs in to no broker. Never with real data (docs/security.md).");
        } else {
            security = std::make_unique<HubSecurity>(ctx, cfg->keys);
        }
        Hub hub(*cfg, zones, log, clock, ctx, *security);
        hub.rebuild();
        spdlog::info("listening: ingest {} pub {} router {}", cfg->ingest, cfg->pub, cfg->router);

        Mailbox<MqttMessage> inbox;
        wake_fd = inbox.fd();
        std::signal(SIGINT, on_stop_signal);
        std::signal(SIGTERM, on_stop_signal);

        MqttSessionOptions broker;
        broker.uri = cfg->mqtt;
        broker.client_id = cfg->mqtt_client_id;
        if (!cfg->insecure_development)
            apply_broker_login(BrokerLogin{cfg->mqtt_user, cfg->mqtt_password_file, cfg->mqtt_ca}, broker);
        MqttLink mqtt(std::move(broker), inbox);
        hub.run(stop_requested, inbox, mqtt);

        spdlog::info("stopping: {}", hub.status_line(mqtt.connected()));
        hub.save_snapshot();
        inbox.close(); // Paho's thread may be waiting for room
        mqtt.stop();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "platslage-hub: " << e.what() << "\n";
        return 1;
    }
}
