#include "hub.hpp"

#include "receipt.hpp"
#include "time_text.hpp"
#include "process_memory.hpp"
#include "zmq_frames.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace platslage {

namespace {
constexpr std::size_t max_batch = 2000; // inputs per turn: bounds one transaction and one turn's latency
constexpr Millis tick_every{std::chrono::seconds(1)};
// Requests are answered until this much time has gone in a turn; the rest wait for the next,
// so no client asking in a loop can hold back the inputs and their receipts for longer.
constexpr auto request_budget = std::chrono::milliseconds(10);
// While snapshots are being sent, the loop comes round this often to send more.
constexpr auto snapshot_turn = std::chrono::milliseconds(5);
// No frame the hub takes is larger (a command is at most 2 KB, a sample 1 KB): a peer sending
// one is disconnected by ZeroMQ before the frame is held in memory.
constexpr std::int64_t max_frame_bytes = 64 * 1024;

// A refusal's source: the topic's station and device when the topic parses (both are then
// checked ids), else all unreadable topics together.
std::string mqtt_source(std::string_view topic) {
    auto t = parse_topic(topic);
    return t ? "mqtt:" + t->station + "/" + t->actor : std::string("mqtt");
}
} // namespace

struct Hub::Pending {
    TimePoint heard;
    const char* source;    // "mqtt" | "ingest"
    std::string origin;    // who sent it, as far as the topic tells: a refusal's share is counted per origin
    bool kept = true;      // a refusal kept in full (stored, logged, answered), not only counted
    std::string refused_on; // a refused MQTT message's topic, made safe to keep (refusal_text); else empty
    Checked<Event> event;
    std::optional<Topic> receipt_to;       // guard reports and teams' answers and outcomes get a receipt here
    std::optional<std::string> receipt_id; // the report's id or the order's, also for refusals
    std::string receipt_of;                // "ack" | "outcome" for a team's receipt
    bool repeat = false;                   // a team's answer or outcome the hub already has: not stored twice
};

Hub::Hub(const HubConfig& cfg, const ZoneMap& zones, EventLog& log, const Clock& clock, zmq::context_t& ctx)
    : cfg_(cfg), zones_(zones), log_(log), clock_(clock),
      situation_(zones, SituationSettings{std::chrono::seconds(cfg.sensor_silent_s),
                                          static_cast<std::size_t>(cfg.recent_reports), cfg.fusion}),
      ingest_(ctx, zmq::socket_type::pull), pub_(ctx, zmq::socket_type::pub), router_(ctx, zmq::socket_type::router),
      epoch_(static_cast<std::uint64_t>(to_epoch_ms(clock.now()))), started_(clock.now()),
      refusal_limiter_(RefusalLimits{std::chrono::seconds(cfg.refusal_window_s), static_cast<std::uint32_t>(cfg.refusals_per_source),
                                     static_cast<std::uint32_t>(cfg.refusals_total), 1000}) {
    for (auto* s : {&ingest_, &pub_, &router_}) s->set(zmq::sockopt::linger, 0);
    // A console that stops reading must not grow the hub's memory without bound: beyond this
    // (a few MB) it loses updates, sees the gap and resyncs.
    pub_.set(zmq::sockopt::sndhwm, 10000);
    ingest_.set(zmq::sockopt::maxmsgsize, max_frame_bytes);
    router_.set(zmq::sockopt::maxmsgsize, max_frame_bytes);
    // Each reader's queue of replies: a snapshot larger than this waits in SnapshotSender.
    router_.set(zmq::sockopt::sndhwm, 1000);
    router_.set(zmq::sockopt::router_mandatory, 1);
    ingest_.bind(cfg.ingest);
    pub_.bind(cfg.pub);
    router_.bind(cfg.router);
}

void Hub::apply(std::int64_t id, const Event& e, TimePoint heard, std::vector<Update>& out) {
    std::visit([&](const auto& ev) {
        using T = std::decay_t<decltype(ev)>;
        std::vector<Update> u;
        if constexpr (std::is_same_v<T, GuardReport>) u = situation_.record(ev, id, heard);
        else u = situation_.record(ev, heard);
        out.insert(out.end(), std::make_move_iterator(u.begin()), std::make_move_iterator(u.end()));
    }, e);
    last_event_ = std::max(last_event_, id);
}

void Hub::rebuild() {
    std::size_t replayed = 0, skipped = 0;
    std::vector<Update> ignored; // a rebuilt picture is not news: consoles take a snapshot
    auto visit = [&](std::int64_t id, const EventRecord& r) {
        auto e = from_record(r, zones_);
        if (!e) {
            // Maps changed since it was logged (a zone removed, say): it stays in the log.
            ++skipped;
            spdlog::debug("replay: event {} no longer fits the maps: {}", id, e.rejection().detail);
            last_event_ = std::max(last_event_, id);
            return;
        }
        apply(id, e.value(), r.heard, ignored);
        ignored.clear();
        ++replayed;
    };
    bool from_snapshot = false;
    for (const auto& snap : log_.snapshots()) {
        try {
            situation_.load(nlohmann::json::parse(snap.body));
            last_event_ = snap.last_event;
            from_snapshot = true;
            spdlog::info("snapshot of {} (up to event {}) loaded", format_rfc3339(snap.saved), snap.last_event);
            break;
        } catch (const std::exception& e) {
            spdlog::warn("snapshot up to event {} unreadable, trying an older one: {}", snap.last_event, e.what());
        }
    }
    if (from_snapshot) {
        log_.replay_after(last_event_, visit);
        spdlog::info("replayed {} events after the snapshot ({} no longer fit the maps)", replayed, skipped);
    } else {
        log_.replay(clock_.now() - std::chrono::hours(cfg_.replay_hours), visit);
        spdlog::info("replayed {} events from the last {} h ({} no longer fit the maps)", replayed, cfg_.replay_hours, skipped);
    }
    situation_.advance_to(clock_.now());
    // Every alert's steps, in case the last run stopped before storing them; orders are sent
    // when the broker link comes up.
    store_all_steps_and_orders();
    restore_meetings();
    last_snapshot_ = clock_.now();
}

void Hub::save_snapshot() {
    try {
        log_.save_snapshot(last_event_, clock_.now(), situation_.save().dump());
        last_snapshot_ = clock_.now();
        spdlog::debug("snapshot saved up to event {}", last_event_);
    } catch (const std::exception& e) {
        // Only start-up gets slower: the log itself is intact.
        spdlog::error("snapshot not saved: {}", e.what());
    }
}

void Hub::store_all_steps_and_orders() {
    unstored_ = false;
    std::vector<Update> all;
    for (const auto& [id, a] : situation_.fusion().alerts().alerts()) all.push_back(Update{0, "alert/" + id, ""});
    for (const auto& [id, d] : situation_.fusion().dispatches().dispatches()) all.push_back(Update{0, "dispatch/" + id, ""});
    store_alert_steps(all);
    store_and_send_orders(all);
}

void Hub::store_alert_steps(const std::vector<Update>& updates) {
    std::vector<AlertStepRecord> steps;
    for (const auto& u : updates) {
        if (u.key.rfind("alert/", 0) != 0) continue;
        auto id = u.key.substr(6);
        const Alert* a = situation_.fusion().alerts().find(id);
        if (!a) {
            steps_stored_.erase(id); // left the view; every step was stored when it happened
            continue;
        }
        auto& stored = steps_stored_[id];
        for (; stored < a->history.size(); ++stored) {
            const auto& t = a->history[stored];
            steps.push_back(AlertStepRecord{id, static_cast<int>(stored), t.at, t.what, t.by, std::string(severity_name(t.severity)),
                                            t.detail, std::string(rule_name(a->rule)), a->station, a->zone});
        }
    }
    try {
        log_.store_alert_steps(steps);
    } catch (const std::exception& e) {
        // Offered again at the next tick (and at the next start): the events they come from are stored.
        unstored_ = true;
        spdlog::error("alert steps not stored, trying again: {}", e.what());
        for (const auto& st : steps) steps_stored_[st.alert_id] = std::min<std::size_t>(steps_stored_[st.alert_id], static_cast<std::size_t>(st.step));
    }
}

void Hub::take_inputs(Mailbox<MqttMessage>& inbox, std::vector<Pending>& batch) {
    auto now = clock_.now();
    for (auto& m : inbox.take(max_batch)) {
        // Size first: a topic or payload no handheld message can have was not even copied whole.
        auto event = m.topic_bytes > max_mqtt_topic_kept
                         ? Checked<Event>(Rejection{RejectReason::unknown_topic, "a topic of " + std::to_string(m.topic_bytes) +
                                                                                     " bytes; no topic of the protocol is longer than " +
                                                                                     std::to_string(max_mqtt_topic_kept)})
                     : m.bytes > max_report_bytes
                         ? Checked<Event>(Rejection{RejectReason::oversize, std::to_string(m.bytes) + " bytes; at most " +
                                                                                std::to_string(max_report_bytes) + " allowed"})
                         : parse_handheld_message(m.topic, m.payload, zones_, now);
        std::string refused_on = event ? std::string() : refusal_text(m.topic);
        Pending p{now, "mqtt", mqtt_source(m.topic), true, std::move(refused_on), std::move(event), std::nullopt, std::nullopt, {}, false};
        // A station not in the maps still gets its receipt, on the topic the handheld listens to:
        // without one its outbox would resend the report for ever.
        if (auto t = parse_topic(m.topic)) {
            if (t->kind == TopicKind::guard_report) {
                p.receipt_to = Topic{t->station, TopicKind::guard_receipt, t->actor};
                p.receipt_id = p.event ? std::get<GuardReport>(p.event.value()).id : salvage_report_id(m.payload);
            } else if (t->kind == TopicKind::outreach_ack || t->kind == TopicKind::outreach_outcome) {
                p.receipt_to = Topic{t->station, TopicKind::outreach_receipt, t->actor};
                p.receipt_id = salvage_report_id(m.payload, "dispatch");
                p.receipt_of = t->kind == TopicKind::outreach_ack ? "ack" : "outcome";
                check_team_message(p);
            }
        }
        batch.push_back(std::move(p));
    }
    while (batch.size() < max_batch) {
        auto frames = recv_frames(ingest_, /*dont_wait=*/true);
        if (!frames) break;
        auto ingest = decode_ingest(*frames);
        Checked<Event> event = ingest ? [&]() -> Checked<Event> {
            if (ingest->kind == IngestKind::weather) {
                auto w = parse_weather_reading(ingest->json, now);
                if (!w) return w.rejection();
                return Event{std::move(w).value()};
            }
            if (ingest->kind == IngestKind::shelter) {
                auto s = parse_shelter_reading(ingest->json, now);
                if (!s) return s.rejection();
                return Event{std::move(s).value()};
            }
            auto s = parse_occupancy_sample(ingest->json, zones_, now);
            if (!s) return s.rejection();
            return Event{std::move(s).value()};
        }() : Checked<Event>(ingest.rejection());
        batch.push_back(Pending{now, "ingest", "ingest", true, {}, std::move(event), std::nullopt, std::nullopt, {}, false});
    }
}

// A team's answer or outcome is judged against the orders the hub has sent: orders are only
// made by commands, which are carried out between batches, so the judgement holds for the
// whole batch.
void Hub::check_team_message(Pending& p) const {
    if (!p.event) return;
    std::visit([&](const auto& ev) {
        using T = std::decay_t<decltype(ev)>;
        if constexpr (std::is_same_v<T, DispatchAnswer> || std::is_same_v<T, DispatchOutcome>) {
            if (auto why = situation_.check(ev)) p.event = *why;
            else p.repeat = situation_.fusion().dispatches().is_repeat(ev);
        }
    }, p.event.value());
}

void Hub::send_receipt(const Pending& p, ReceiptStatus status, const Rejection* why) {
    if (!p.receipt_to || !mqtt_) return;
    Receipt r{p.receipt_id, p.receipt_of, status, why ? std::string(reason_name(why->reason)) : std::string(),
              why ? why->detail : std::string()};
    mqtt_->publish(topic_string(*p.receipt_to), encode_receipt(r), 1);
}

void Hub::commit(std::vector<Pending>& batch) {
    std::vector<EventRecord> records;
    std::vector<RefusalRecord> refusals;
    for (auto& p : batch) {
        if (p.repeat) continue;
        if (p.event) {
            records.push_back(to_record(p.event.value(), zones_, p.heard));
        } else {
            const auto& why = p.event.rejection();
            p.kept = refusal_limiter_.admit(p.origin, why.reason, p.heard);
            if (p.kept)
                refusals.push_back(
                    RefusalRecord{p.heard, p.source, std::string(reason_name(why.reason)), p.refused_on, why.detail});
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
            if (!p.kept) continue; // counted, and stored as a count when its window ends
            spdlog::warn("refused {} input{}{}: {}: {}", p.source, p.refused_on.empty() ? "" : " on ", p.refused_on,
                         reason_name(why.reason), why.detail);
            send_receipt(p, ReceiptStatus::refused, &why);
            continue;
        }
        if (p.repeat) {
            ++duplicates_;
            send_receipt(p, ReceiptStatus::duplicate, nullptr);
            continue;
        }
        std::int64_t id = ids[next++];
        const Event& ev = p.event.value();
        if (id == 0) ++duplicates_;
        else ++accepted_;
        if (id != 0) apply(id, ev, p.heard, updates);
        send_receipt(p, id == 0 ? ReceiptStatus::duplicate : ReceiptStatus::stored, nullptr);
    }
    publish(updates);
}

void Hub::publish(const std::vector<Update>& updates) {
    for (const auto& u : updates) send_frames(pub_, encode_update(u, epoch_));
    if (!updates.empty()) last_publish_ = clock_.now();
    store_alert_steps(updates);
    store_and_send_orders(updates);
}

void Hub::store_and_send_orders(const std::vector<Update>& updates) {
    std::vector<Dispatch> changed;
    for (const auto& u : updates) {
        if (u.key.rfind("dispatch/", 0) != 0) continue;
        const Dispatch* d = situation_.fusion().dispatches().find(u.key.substr(9));
        if (!d) continue; // left the view; stored as it was when it finished
        changed.push_back(*d);
        if (d->state == DispatchState::sent && !told_.contains(d->id)) send_order(*d);
        else if (d->state == DispatchState::withdrawn && told_.erase(d->id)) send_withdrawal(*d);
    }
    try {
        log_.store_dispatches(changed);
    } catch (const std::exception& e) {
        // The order itself is in the event log: stored again at the next tick or start.
        unstored_ = true;
        spdlog::error("dispatches not stored, trying again: {}", e.what());
    }
}

void Hub::send_order(const Dispatch& d) {
    if (!mqtt_) return;
    told_.insert(d.id);
    mqtt_->publish(topic_string(Topic{d.station, TopicKind::outreach_dispatch, d.team}), order_json(d, zones_).dump(), 1);
    spdlog::info("dispatch {}: {} sent to {} for {}", d.id, d.zone, d.team, d.alert);
}

void Hub::send_withdrawal(const Dispatch& d) {
    if (!mqtt_) return;
    nlohmann::json j{{"dispatch", d.id}, {"alert", d.alert}, {"withdrawn", true},
                     {"ts", format_rfc3339(d.finished_at.value_or(clock_.now()))}};
    mqtt_->publish(topic_string(Topic{d.station, TopicKind::outreach_dispatch, d.team}), j.dump(), 1);
    spdlog::info("dispatch {}: withdrawn from {}", d.id, d.team);
}

// Orders still waiting for an answer go out again whenever the broker link comes up: one
// sent while it was down is lost, and the team's handheld drops an order it already has.
void Hub::resend_open_orders() {
    for (const auto& [id, d] : situation_.fusion().dispatches().dispatches())
        if (d.state == DispatchState::sent) send_order(d);
}

void Hub::store_held_back(TimePoint now, bool flush) {
    auto held = refusal_limiter_.take_held_back(now, flush);
    if (held.empty()) return;
    std::uint64_t n = 0;
    for (const auto& h : held) n += h.count;
    spdlog::warn("refused {} more input(s) from {} source(s) too fast to keep one by one: counted in refusals_held_back", n,
                 held.size());
    try {
        log_.store_held_back(held);
    } catch (const std::exception& e) {
        spdlog::error("event log: counts of refusals not stored: {}", e.what());
    }
}

Frames Hub::refuse_command(const Rejection& why, TimePoint now) {
    refused_.count(why.reason);
    auto answer = encode_error(std::string(reason_name(why.reason)) + ": " + why.detail);
    if (!refusal_limiter_.admit("command", why.reason, now)) return answer;
    spdlog::warn("refused command: {}: {}", reason_name(why.reason), why.detail);
    try {
        log_.append({}, {RefusalRecord{now, "command", std::string(reason_name(why.reason)), {}, why.detail}});
    } catch (const std::exception& e) {
        spdlog::error("event log: refusal not stored: {}", e.what());
    }
    return answer;
}

Frames Hub::carry_out(const std::string& command_json) {
    if (is_meeting_command(command_json)) return carry_out_meeting(command_json);
    auto now = clock_.now();
    auto refuse = [&](const Rejection& why) { return refuse_command(why, now); };
    auto command = parse_alert_command(command_json);
    if (!command) return refuse(command.rejection());
    // Judged on the alert as it is now: bring the clock up first (it may just have expired).
    publish(situation_.advance_to(now));
    if (auto why = situation_.check(command.value(), now)) return refuse(*why);
    std::vector<std::int64_t> ids;
    try {
        ids = log_.append({to_record(Event{command.value()}, zones_, now)}, {});
    } catch (const std::exception& e) {
        ++store_failures_;
        spdlog::error("event log: command not stored: {}", e.what());
        return encode_error(std::string("not_stored: the database refused the write; try again"));
    }
    std::vector<Update> updates;
    apply(ids.at(0), Event{command.value()}, now, updates);
    publish(updates);
    spdlog::info("alert {}: {} by {}", command->alert, op_name(command->op), command->by);
    const Alert* a = situation_.fusion().alerts().find(command->alert);
    return encode_ok(a ? to_json(*a).dump() : "{}");
}

void Hub::heartbeat_if_idle() {
    auto now = clock_.now();
    if (now - last_publish_ < Millis(cfg_.heartbeat_ms)) return;
    send_frames(pub_, encode_heartbeat(Heartbeat{situation_.state().sequence(), epoch_}));
    last_publish_ = now;
}

void Hub::serve_requests(bool mqtt_connected) {
    const auto began = std::chrono::steady_clock::now();
    for (int served = 0; served < 100 && std::chrono::steady_clock::now() - began < request_budget; ++served) {
        auto frames = recv_frames(router_, /*dont_wait=*/true);
        if (!frames) break;
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
            reply(encode_error(std::string(reason_name(request.rejection().reason)) + ": " + request.rejection().detail));
            continue;
        }
        if (request->verb == Verb::status) {
            reply(encode_status(status_json(mqtt_connected)));
            continue;
        }
        if (request->verb == Verb::command) {
            reply(carry_out(request->arg));
            continue;
        }
        if (request->verb == Verb::history) {
            const Zone* z = zones_.find(request->arg);
            if (!z) {
                refused_.count(RejectReason::unknown_zone);
                reply(encode_error("unknown_zone: '" + refusal_text(request->arg) + "' is not in the maps"));
                continue;
            }
            reply(encode_history(history_json(*z)));
            continue;
        }
        if (!snapshots_.start(envelope, situation_.state(), request->arg, epoch_, clock_.now())) {
            ++snapshots_busy_;
            reply(encode_error("busy: " + std::to_string(snapshots_.in_flight()) +
                               " snapshots are being sent; ask again in a second"));
        }
    }
    snapshots_.pump(router_, clock_.now());
}

// A zone's counts over the last day, from memory (core/occupancy_history.hpp).
std::string Hub::history_json(const Zone& z) const {
    const auto now = clock_.now();
    const auto& history = situation_.occupancy_history();
    nlohmann::json counts = nlohmann::json::array();
    for (const auto& [at, n] : history.series(z.id, now)) counts.push_back({at, n});
    return nlohmann::json{{"zone", z.id},
                          {"capacity", z.capacity},
                          {"bucket_ms", history.bucket().count()},
                          {"from_ms", to_epoch_ms(now - history.span())},
                          {"to_ms", to_epoch_ms(now)},
                          {"counts", counts}}
        .dump();
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
                          {"extra_cold", situation_.fusion().extra_cold()},
                          {"rejected", {{"total", refused_.total()},
                                        {"by_reason", by_reason},
                                        {"held_back", refusal_limiter_.held_back_total()}}},
                          {"snapshots", {{"sending", snapshots_.in_flight()},
                                         {"completed", snapshots_.completed()},
                                         {"abandoned", snapshots_.abandoned()},
                                         {"busy", snapshots_busy_}}}}
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
    mqtt_ = &mqtt;
    bool link_up = false;
    while (!stop) {
        mqtt.maintain();
        if (mqtt.connected() != link_up) {
            link_up = mqtt.connected();
            if (link_up) {
                resend_open_orders();
                send_notices(clock_.now(), /*even_unchanged=*/true);
            }
        }
        zmq::pollitem_t items[] = {
            {ingest_.handle(), 0, ZMQ_POLLIN, 0},
            {router_.handle(), 0, ZMQ_POLLIN, 0},
            {nullptr, inbox.fd(), ZMQ_POLLIN, 0},
        };
        auto wait = std::chrono::milliseconds(std::min(cfg_.heartbeat_ms, 250));
        if (snapshots_.busy()) wait = std::min<std::chrono::milliseconds>(wait, snapshot_turn);
        try {
            zmq::poll(items, 3, wait);
        } catch (const zmq::error_t& e) {
            if (e.num() != EINTR) throw;
            continue; // a signal: the loop condition decides
        }

        batch.clear();
        take_inputs(inbox, batch);
        if (!batch.empty()) commit(batch);
        serve_requests(mqtt.connected());

        auto now = clock_.now();
        if (now - last_tick_ >= tick_every) {
            last_tick_ = now;
            publish(situation_.tick(clock_));
            store_held_back(now, /*flush=*/false);
            if (unstored_) store_all_steps_and_orders();
        }
        if (now - last_trim_ >= std::chrono::minutes(1)) {
            last_trim_ = now;
            give_back_free_memory();
        }
        if (now - last_meeting_check_ >= std::chrono::minutes(1)) {
            last_meeting_check_ = now;
            show_meetings(now);
            send_notices(now, /*even_unchanged=*/false);
        }
        if (cfg_.snapshot_every_s > 0 && now - last_snapshot_ >= std::chrono::seconds(cfg_.snapshot_every_s)) save_snapshot();
        heartbeat_if_idle();
        if (cfg_.status_every_s > 0 && now - last_status_ >= std::chrono::seconds(cfg_.status_every_s)) {
            last_status_ = now;
            spdlog::info("{}", status_line(mqtt.connected()));
        }
    }
    store_held_back(clock_.now(), /*flush=*/true);
    mqtt_ = nullptr;
}

} // namespace platslage
