#include "hub.hpp"

#include "receipt.hpp"
#include "time_text.hpp"
#include "zmq_frames.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace platslage {

namespace {
constexpr std::size_t max_batch = 2000; // inputs per turn: bounds one transaction and one turn's latency
constexpr Millis tick_every{std::chrono::seconds(1)};
} // namespace

struct Hub::Pending {
    TimePoint heard;
    const char* source;    // "mqtt" | "ingest"
    std::string topic;     // MQTT topic; empty for ingest
    Checked<Event> event;
    std::optional<Topic> report_topic;    // set for guard reports: where the receipt goes
    std::optional<std::string> report_id; // for receipts of refused reports
};

Hub::Hub(const HubConfig& cfg, const ZoneMap& zones, EventLog& log, const Clock& clock, zmq::context_t& ctx)
    : cfg_(cfg), zones_(zones), log_(log), clock_(clock),
      situation_(zones, SituationSettings{std::chrono::seconds(cfg.sensor_silent_s),
                                          static_cast<std::size_t>(cfg.recent_reports), cfg.fusion}),
      ingest_(ctx, zmq::socket_type::pull), pub_(ctx, zmq::socket_type::pub), router_(ctx, zmq::socket_type::router),
      epoch_(static_cast<std::uint64_t>(to_epoch_ms(clock.now()))), started_(clock.now()) {
    for (auto* s : {&ingest_, &pub_, &router_}) s->set(zmq::sockopt::linger, 0);
    // A console that stops reading must not grow the hub's memory without bound: beyond this
    // it loses updates, sees the gap and resyncs.
    pub_.set(zmq::sockopt::sndhwm, 100000);
    router_.set(zmq::sockopt::router_mandatory, 1);
    ingest_.bind(cfg.ingest);
    pub_.bind(cfg.pub);
    router_.bind(cfg.router);
}

void Hub::rebuild() {
    auto since = clock_.now() - std::chrono::hours(cfg_.replay_hours);
    std::size_t replayed = 0, skipped = 0;
    log_.replay(since, [&](std::int64_t id, const EventRecord& r) {
        auto e = from_record(r, zones_);
        if (!e) {
            // Maps changed since it was logged (a zone removed, say): it stays in the log.
            ++skipped;
            spdlog::debug("replay: event {} no longer fits the maps: {}", id, e.rejection().detail);
            return;
        }
        std::visit([&](const auto& ev) {
            using T = std::decay_t<decltype(ev)>;
            if constexpr (std::is_same_v<T, GuardReport>) situation_.record(ev, id, r.heard);
            else situation_.record(ev, r.heard);
        }, e.value());
        ++replayed;
    });
    spdlog::info("replayed {} events from the last {} h ({} no longer fit the maps)", replayed, cfg_.replay_hours, skipped);
}

void Hub::take_inputs(Mailbox<MqttMessage>& inbox, std::vector<Pending>& batch) {
    auto now = clock_.now();
    for (auto& m : inbox.take(max_batch)) {
        auto event = parse_handheld_message(m.topic, m.payload, zones_, now);
        Pending p{now, "mqtt", m.topic, std::move(event), std::nullopt, std::nullopt};
        if (auto t = parse_topic(m.topic); t && t->kind == TopicKind::guard_report && zones_.has_station(t->station)) {
            p.report_topic = t.value();
            p.report_id = p.event ? std::get<GuardReport>(p.event.value()).id : salvage_report_id(m.payload);
        }
        batch.push_back(std::move(p));
    }
    while (batch.size() < max_batch) {
        auto frames = recv_frames(ingest_, /*dont_wait=*/true);
        if (!frames) break;
        auto json = decode_occupancy(*frames);
        Checked<Event> event = json ? [&]() -> Checked<Event> {
            auto s = parse_occupancy_sample(json.value(), zones_, now);
            if (!s) return s.rejection();
            return Event{std::move(s).value()};
        }() : Checked<Event>(json.rejection());
        batch.push_back(Pending{now, "ingest", {}, std::move(event), std::nullopt, std::nullopt});
    }
}

void Hub::commit(std::vector<Pending>& batch, MqttLink& mqtt) {
    std::vector<EventRecord> records;
    std::vector<RefusalRecord> refusals;
    for (const auto& p : batch) {
        if (p.event) {
            records.push_back(to_record(p.event.value(), zones_, p.heard));
        } else {
            const auto& why = p.event.rejection();
            refusals.push_back(RefusalRecord{p.heard, p.source, std::string(reason_name(why.reason)), p.topic, why.detail});
        }
    }
    std::vector<std::int64_t> ids;
    try {
        ids = log_.append(records, refusals);
    } catch (const std::exception& e) {
        // Nothing of this batch is stored and no receipt goes out: handhelds will resend.
        ++store_failures_;
        spdlog::error("event log: batch of {} not stored: {}", batch.size(), e.what());
        return;
    }

    std::size_t next = 0;
    std::vector<Update> updates;
    for (auto& p : batch) {
        if (!p.event) {
            const auto& why = p.event.rejection();
            refused_.count(why.reason);
            spdlog::warn("refused {} input{}{}: {}: {}", p.source, p.topic.empty() ? "" : " on ", p.topic,
                         reason_name(why.reason), why.detail);
            if (p.report_topic) {
                Topic t{p.report_topic->station, TopicKind::guard_receipt, p.report_topic->actor};
                mqtt.publish(topic_string(t),
                             encode_receipt({p.report_id, ReceiptStatus::refused, std::string(reason_name(why.reason)), why.detail}), 1);
            }
            continue;
        }
        std::int64_t id = ids[next++];
        const Event& ev = p.event.value();
        if (id == 0) ++duplicates_;
        else ++accepted_;
        std::visit([&](const auto& e) {
            using T = std::decay_t<decltype(e)>;
            if (id == 0) return;
            std::vector<Update> u;
            if constexpr (std::is_same_v<T, GuardReport>) u = situation_.record(e, id, p.heard);
            else u = situation_.record(e, p.heard);
            updates.insert(updates.end(), std::make_move_iterator(u.begin()), std::make_move_iterator(u.end()));
        }, ev);
        if (p.report_topic) {
            Topic t{p.report_topic->station, TopicKind::guard_receipt, p.report_topic->actor};
            mqtt.publish(topic_string(t),
                         encode_receipt({p.report_id, id == 0 ? ReceiptStatus::duplicate : ReceiptStatus::stored, {}, {}}), 1);
        }
    }
    publish(updates);
}

void Hub::publish(const std::vector<Update>& updates) {
    for (const auto& u : updates) send_frames(pub_, encode_update(u, epoch_));
    if (!updates.empty()) last_publish_ = clock_.now();
}

void Hub::heartbeat_if_idle() {
    auto now = clock_.now();
    if (now - last_publish_ < Millis(cfg_.heartbeat_ms)) return;
    send_frames(pub_, encode_heartbeat(Heartbeat{situation_.state().sequence(), epoch_}));
    last_publish_ = now;
}

void Hub::serve_requests(bool mqtt_connected) {
    for (int served = 0; served < 100; ++served) {
        auto frames = recv_frames(router_, /*dont_wait=*/true);
        if (!frames) return;
        // Envelope: [identity] (DEALER), or [identity] [""] (REQ). Echo it back as it came.
        Frames envelope{frames->front()};
        std::size_t body_at = 1;
        if (frames->size() > 1 && (*frames)[1].empty()) {
            envelope.emplace_back();
            body_at = 2;
        }
        Frames body(frames->begin() + static_cast<std::ptrdiff_t>(body_at), frames->end());
        auto reply = [&](Frames f) {
            Frames out = envelope;
            out.insert(out.end(), std::make_move_iterator(f.begin()), std::make_move_iterator(f.end()));
            try {
                send_frames(router_, out, /*dont_wait=*/true);
            } catch (const zmq::error_t& e) {
                spdlog::debug("router: client went away: {}", e.what());
            }
        };
        auto request = decode_request(body);
        if (!request) {
            refused_.count(request.rejection().reason);
            reply(encode_error(request.rejection().detail));
            continue;
        }
        if (request->verb == Verb::status) {
            reply(encode_status(status_json(mqtt_connected)));
            continue;
        }
        const auto& state = situation_.state();
        const auto& prefix = request->arg;
        for (auto it = state.entries().lower_bound(prefix);
             it != state.entries().end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
            reply(encode_snapshot_item(it->first, state.sequence(), it->second));
        reply(encode_snapshot_end(state.sequence(), epoch_));
    }
}

std::string Hub::status_json(bool mqtt_connected) const {
    nlohmann::json stations = nlohmann::json::object();
    for (const auto& s : zones_.stations()) stations[s] = {{"occupancy", situation_.station_occupancy(s)}};
    nlohmann::json by_reason = nlohmann::json::object();
    for (std::size_t i = 0; i < reject_reason_count; ++i) {
        auto r = static_cast<RejectReason>(i);
        if (refused_.of(r)) by_reason[std::string(reason_name(r))] = refused_.of(r);
    }
    return nlohmann::json{{"epoch", epoch_},
                          {"seq", situation_.state().sequence()},
                          {"uptime_s", (clock_.now() - started_).count() / 1000},
                          {"mqtt", mqtt_connected ? "connected" : "disconnected"},
                          {"events_in", accepted_},
                          {"duplicates", duplicates_},
                          {"store_failures", store_failures_},
                          {"reports_stored", log_.report_count()},
                          {"stations", stations},
                          {"alerts_open", situation_.open_alerts()},
                          {"rejected", {{"total", refused_.total()}, {"by_reason", by_reason}}}}
        .dump();
}

std::string Hub::status_line(bool mqtt_connected) const {
    std::string occ;
    for (const auto& s : zones_.stations()) occ += " " + s + "=" + std::to_string(situation_.station_occupancy(s));
    return "status: events_in=" + std::to_string(accepted_) + " duplicates=" + std::to_string(duplicates_) + occ +
           " alerts_open=" + std::to_string(situation_.open_alerts()) + " rejected=" + std::to_string(refused_.total()) +
           " (" + refused_.summary() + ") mqtt=" + (mqtt_connected ? "up" : "down") +
           " seq=" + std::to_string(situation_.state().sequence());
}

void Hub::run(const std::atomic<bool>& stop, Mailbox<MqttMessage>& inbox, MqttLink& mqtt) {
    std::vector<Pending> batch;
    while (!stop) {
        mqtt.maintain();
        zmq::pollitem_t items[] = {
            {ingest_.handle(), 0, ZMQ_POLLIN, 0},
            {router_.handle(), 0, ZMQ_POLLIN, 0},
            {nullptr, inbox.fd(), ZMQ_POLLIN, 0},
        };
        try {
            zmq::poll(items, 3, std::chrono::milliseconds(std::min(cfg_.heartbeat_ms, 250)));
        } catch (const zmq::error_t& e) {
            if (e.num() != EINTR) throw;
            continue; // a signal: the loop condition decides
        }

        batch.clear();
        take_inputs(inbox, batch);
        if (!batch.empty()) commit(batch, mqtt);
        serve_requests(mqtt.connected());

        auto now = clock_.now();
        if (now - last_tick_ >= tick_every) {
            last_tick_ = now;
            publish(situation_.tick(clock_));
        }
        heartbeat_if_idle();
        if (cfg_.status_every_s > 0 && now - last_status_ >= std::chrono::seconds(cfg_.status_every_s)) {
            last_status_ = now;
            spdlog::info("{}", status_line(mqtt.connected()));
        }
    }
}

} // namespace platslage
