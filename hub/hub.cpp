#include "hub.hpp"

#include "process_memory.hpp"
#include "retention.hpp"

#include <spdlog/spdlog.h>

namespace platslage {

namespace {
constexpr Millis tick_every{std::chrono::seconds(1)};
// While snapshots are being sent, the loop comes round this often to send more.
constexpr auto snapshot_turn = std::chrono::milliseconds(5);
} // namespace

Hub::Hub(const HubConfig& cfg, const ZoneMap& zones, EventLog& log, const Clock& clock, zmq::context_t& ctx,
         HubSecurity& security)
    : hub_(cfg, zones, log, clock, security), refusals_(hub_), orders_(hub_), publisher_(hub_, orders_, ctx, cfg.pub),
      inputs_(hub_, refusals_, publisher_, ctx, cfg.ingest), meetings_(hub_, refusals_, publisher_),
      commands_(hub_, refusals_, publisher_, meetings_), status_(hub_, refusals_),
      requests_(hub_, refusals_, commands_, status_, ctx, cfg.router) {}

void Hub::rebuild() {
    hub_.replay();
    // Every alert's steps, in case the last run stopped before storing them; orders are sent
    // when the broker link comes up.
    orders_.store_all();
    meetings_.restore();
    commands_.restore_shift_log();
    last_snapshot_ = hub_.clock.now();
}

void Hub::save_snapshot() {
    if (hub_.save_snapshot()) last_snapshot_ = hub_.clock.now();
}

void Hub::publish_storage_health() {
    if (!hub_.storage.take_change()) return;
    const auto& spell = hub_.storage.entry();
    publisher_.publish(spell ? hub_.situation.show(storage_entry_key, to_json(*spell)) : hub_.situation.unshow(storage_entry_key));
}

std::string Hub::status_json(bool mqtt_connected) const {
    return status_.json(mqtt_connected, requests_.snapshot_counts(), requests_.follow_up_counts());
}

std::string Hub::status_line(bool mqtt_connected) const { return status_.line(mqtt_connected); }

bool Hub::wait(Mailbox<MqttMessage>& inbox) {
    zmq::pollitem_t items[] = {
        {inputs_.ingest().handle(), 0, ZMQ_POLLIN, 0},
        {requests_.router().handle(), 0, ZMQ_POLLIN, 0},
        {nullptr, inbox.fd(), ZMQ_POLLIN, 0},
        {requests_.follow_up_answers().handle(), 0, ZMQ_POLLIN, 0},
        {nullptr, inputs_.stored_fd(), ZMQ_POLLIN, 0},
    };
    auto wait = std::chrono::milliseconds(std::min(hub_.cfg.heartbeat_ms, 250));
    if (requests_.sending_snapshots()) wait = std::min<std::chrono::milliseconds>(wait, snapshot_turn);
    try {
        zmq::poll(items, std::size(items), wait);
    } catch (const zmq::error_t& e) {
        if (e.num() != EINTR) throw;
        return false; // a signal: the loop condition decides
    }
    return true;
}

void Hub::time_driven_work(const MqttOut& mqtt) {
    const auto& cfg = hub_.cfg;
    auto now = hub_.clock.now();
    if (now - last_tick_ >= tick_every) {
        last_tick_ = now;
        publisher_.publish(hub_.situation.tick(hub_.clock));
        publish_storage_health();
        hub_.store_hotspot_hours();
        refusals_.store_held_back(now, /*flush=*/false);
        orders_.retry_unstored();
        hub_.security.reload(); // a revoked key is refused from here on
    }
    if (now - last_trim_ >= std::chrono::minutes(1)) {
        last_trim_ = now;
        give_back_free_memory();
    }
    if (now - last_meeting_check_ >= std::chrono::minutes(1)) {
        last_meeting_check_ = now;
        meetings_.show(now);
        meetings_.send_notices(now, /*even_unchanged=*/false);
    }
    // Once a day, the first purge-first-after-s after start-up (serving comes first).
    if (cfg.retention_days > 0 && now - last_purge_ >= std::chrono::hours(24) &&
        now - hub_.started >= std::chrono::seconds(cfg.purge_first_after_s)) {
        last_purge_ = now;
        try {
            purge_and_tell(hub_.log, hub_.zones, retention_cutoff(now, cfg.retention_days));
        } catch (const std::exception& e) {
            // Nothing was removed (one transaction); tried again tomorrow.
            spdlog::error("purge failed: {}", e.what());
        }
    }
    if (cfg.snapshot_every_s > 0 && now - last_snapshot_ >= std::chrono::seconds(cfg.snapshot_every_s)) save_snapshot();
    publisher_.heartbeat_if_idle();
    if (cfg.status_every_s > 0 && now - last_status_ >= std::chrono::seconds(cfg.status_every_s)) {
        last_status_ = now;
        spdlog::info("{}", status_line(mqtt.connected()));
    }
}

// One batch of inputs is stored on the LogWriter's thread from inputs_.store() at the end of
// a turn to inputs_.settle() in the next, while the loop waits and reads the next batch. In
// that span the loop does not touch the event log: MqttLink::maintain() and wait() do not, and
// a change of the broker link (orders resent, meeting notices) settles first.
void Hub::run(const std::atomic<bool>& stop, Mailbox<MqttMessage>& inbox, MqttLink& mqtt) {
    hub_.mqtt = &mqtt;
    bool link_up = false;
    while (!stop) {
        mqtt.maintain();
        if (mqtt.connected() != link_up) {
            link_up = mqtt.connected();
            inputs_.settle();
            if (link_up) {
                orders_.resend_open_orders();
                meetings_.send_notices(hub_.clock.now(), /*even_unchanged=*/true);
            }
        }
        if (!wait(inbox)) continue;
        inputs_.read(inbox); // while the batch before is stored
        inputs_.settle();
        requests_.serve(mqtt.connected());
        time_driven_work(mqtt);
        inputs_.read(inbox); // what came meanwhile goes with it: fewer, fuller commits
        inputs_.store();
        // With nothing to read meanwhile, the batch is answered at once, not a wake-up later.
        if (!inputs_.waiting(inbox)) inputs_.settle();
    }
    inputs_.settle();
    refusals_.store_held_back(hub_.clock.now(), /*flush=*/true);
    hub_.mqtt = nullptr;
}

} // namespace platslage
