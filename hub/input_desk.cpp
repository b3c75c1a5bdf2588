#include "input_desk.hpp"

#include "zmq_frames.hpp"

#include <spdlog/spdlog.h>

namespace platslage {

namespace {
constexpr std::size_t max_batch = 2000; // inputs per turn: bounds one transaction and one turn's latency

// A refusal's source: the topic's station and device when the topic parses (both are then
// checked ids), else all unreadable topics together.
std::string mqtt_source(std::string_view topic) {
    auto t = parse_topic(topic);
    return t ? "mqtt:" + t->station + "/" + t->actor : std::string("mqtt");
}

// One batch's fusion changes published once each, with their newest values
// (Situation::hold); released even when a part of the batch throws, so the picture never
// stays held.
class HeldTurn {
public:
    HeldTurn(Situation& situation, std::vector<Update>& out) : situation_(situation), out_(out) { situation_.hold(); }
    ~HeldTurn() {
        auto u = situation_.release();
        out_.insert(out_.end(), std::make_move_iterator(u.begin()), std::make_move_iterator(u.end()));
    }
    HeldTurn(const HeldTurn&) = delete;
    HeldTurn& operator=(const HeldTurn&) = delete;

private:
    Situation& situation_;
    std::vector<Update>& out_;
};

// Size first: a topic or payload no handheld message can have was not even copied whole.
Checked<Event> check_message(const MqttMessage& m, const ZoneMap& zones, TimePoint now) {
    if (m.topic_bytes > max_mqtt_topic_kept)
        return Rejection{RejectReason::unknown_topic, "a topic of " + std::to_string(m.topic_bytes) +
                                                          " bytes; no topic of the protocol is longer than " +
                                                          std::to_string(max_mqtt_topic_kept)};
    if (m.bytes > max_report_bytes)
        return Rejection{RejectReason::oversize,
                         std::to_string(m.bytes) + " bytes; at most " + std::to_string(max_report_bytes) + " allowed"};
    return parse_handheld_message(m.topic, m.payload, zones, now);
}

// An accepted occupancy sample's text is handed on in `sample_text`: it is the sample's record.
Checked<Event> check_frames(const Frames& frames, SampleReader& samples, const ZoneMap& zones, TimePoint now,
                            std::string& sample_text) {
    auto ingest = decode_ingest(frames);
    if (!ingest) return ingest.rejection();
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
    auto s = samples.read(ingest->json, zones, now);
    if (!s) return s.rejection();
    sample_text = std::move(ingest->json);
    return Event{std::move(s).value()};
}
} // namespace

struct InputDesk::Pending {
    TimePoint heard;       // when it was read; when it was handed to the writer from store() on
    const char* source;    // "mqtt" | "ingest"
    std::string origin;    // who sent it, as far as the topic tells: a refusal's share is counted per origin
    bool kept = true;      // a refusal kept in full (stored, logged, answered), not only counted
    std::string refused_on; // a refused MQTT message's topic, made safe to keep (refusal_text); else empty
    Checked<Event> event;
    std::optional<Topic> receipt_to;       // guard reports and teams' answers and outcomes get a receipt here
    std::optional<std::string> receipt_id; // the report's id or the order's, also for refusals
    std::string receipt_of;                // "ack" | "outcome" for a team's receipt
    bool repeat = false;                   // a team's answer or outcome the hub already has: not stored twice
    std::optional<OccupancySample> clock_wrong; // a sample refused for its time: its counter is shown faulty
    std::string sample_text;                    // an accepted sample's text: its record (to_record)
};

InputDesk::InputDesk(HubContext& hub, Refusals& refusals, Publisher& publisher, zmq::context_t& ctx,
                     const std::string& endpoint)
    : hub_(hub), refusals_(refusals), publisher_(publisher), ingest_(ctx, zmq::socket_type::pull), writer_(hub.log) {
    ingest_.set(zmq::sockopt::linger, 0);
    ingest_.set(zmq::sockopt::maxmsgsize, max_frame_bytes);
    // Room for a batch being read while the one before is stored (ZeroMQ's default is 1,000):
    // with less, the socket's own thread stops reading from the counters while the loop waits
    // for the log, and the loop then finds too little to read (docs/performance.md).
    ingest_.set(zmq::sockopt::rcvhwm, static_cast<int>(2 * max_batch));
    hub_.security.serve_on(ingest_, zap_domain_ingest);
    ingest_.bind(endpoint);
}

InputDesk::~InputDesk() = default;

void InputDesk::take(Mailbox<MqttMessage>& inbox) {
    read(inbox);
    settle();
    store();
    settle();
}

void InputDesk::read(Mailbox<MqttMessage>& inbox) {
    auto now = hub_.clock.now();
    take_messages(inbox, now);
    take_frames(now);
}

void InputDesk::take_messages(Mailbox<MqttMessage>& inbox, TimePoint now) {
    if (read_.size() >= max_batch) return;
    for (auto& m : inbox.take(max_batch - read_.size())) {
        auto event = check_message(m, hub_.zones, now);
        std::string refused_on = event ? std::string() : refusal_text(m.topic);
        Pending p{now, "mqtt", mqtt_source(m.topic), true, std::move(refused_on), std::move(event), std::nullopt, std::nullopt, {}, false, std::nullopt, {}};
        // A station not in the maps still gets its receipt, on the topic the handheld listens to:
        // without one its outbox would resend the report for ever.
        if (auto t = parse_topic(m.topic)) {
            if (t->kind == TopicKind::guard_report) {
                p.receipt_to = Topic{t->station, TopicKind::guard_receipt, t->actor};
                p.receipt_id = p.event ? std::get<GuardReport>(p.event.value()).id : salvage_report_id(m.payload);
            } else if (t->kind == TopicKind::outreach_ack || t->kind == TopicKind::outreach_outcome) {
                p.receipt_to = Topic{t->station, TopicKind::outreach_receipt, t->actor};
                // An order's answer or outcome is receipted on the order's id; a round contact on its own.
                p.receipt_id = salvage_report_id(m.payload, "dispatch");
                if (!p.receipt_id && t->kind == TopicKind::outreach_outcome) p.receipt_id = salvage_report_id(m.payload, "id");
                p.receipt_of = t->kind == TopicKind::outreach_ack ? "ack" : "outcome"; // judged in store()
            }
        }
        read_.push_back(std::move(p));
    }
}

void InputDesk::take_frames(TimePoint now) {
    while (read_.size() < max_batch) {
        auto frames = recv_frames(ingest_, /*dont_wait=*/true);
        if (!frames) break;
        std::string sample_text;
        auto event = check_frames(*frames, samples_, hub_.zones, now, sample_text);
        Pending p{now, "ingest", "ingest", true, {}, std::move(event), std::nullopt, std::nullopt, {}, false, std::nullopt,
                  std::move(sample_text)};
        if (p.event) {
            if (const auto* s = std::get_if<OccupancySample>(&p.event.value())) {
                if (auto why = sample_too_old(*s, now)) {
                    p.clock_wrong = *s;
                    p.event = *why;
                }
            }
        }
        read_.push_back(std::move(p));
    }
}

// A team's answer or outcome is judged against the orders the hub has sent and the answers it
// has folded in: in store(), after the batch before is settled. Orders are only made by
// commands, which are carried out between batches, so the judgement holds for the whole batch.
void InputDesk::check_team_message(Pending& p) const {
    if (!p.event) return;
    std::visit([&](const auto& ev) {
        using T = std::decay_t<decltype(ev)>;
        if constexpr (std::is_same_v<T, DispatchAnswer> || std::is_same_v<T, DispatchOutcome>) {
            if (auto why = hub_.situation.check(ev)) p.event = *why;
            else p.repeat = hub_.situation.fusion().dispatches().is_repeat(ev);
        }
    }, p.event.value());
}

void InputDesk::send_receipt(const Pending& p, ReceiptStatus status, const Rejection* why) {
    if (!p.receipt_to || !hub_.mqtt) return;
    Receipt r{p.receipt_id, p.receipt_of, status, why ? std::string(reason_name(why->reason)) : std::string(),
              why ? why->detail : std::string()};
    hub_.mqtt->publish(topic_string(*p.receipt_to), encode_receipt(r), 1);
}

bool InputDesk::waiting(const Mailbox<MqttMessage>& inbox) {
    return inbox.waiting() || (ingest_.get(zmq::sockopt::events) & ZMQ_POLLIN) != 0;
}

void InputDesk::store() {
    if (read_.empty()) return;
    // Stamped now, not when read: the loop's tick may have moved the picture's time on since,
    // and a picture takes its inputs in the order of their times (as a replay of the log does).
    auto now = hub_.clock.now();
    records_.clear();
    refusal_rows_.clear();
    records_.reserve(read_.size());
    for (auto& p : read_) {
        p.heard = now;
        if (!p.receipt_of.empty()) check_team_message(p);
        if (p.repeat) continue;
        if (p.event) {
            if (p.sample_text.empty()) records_.push_back(to_record(p.event.value(), hub_.zones, p.heard));
            else records_.push_back(to_record(std::get<OccupancySample>(p.event.value()), std::move(p.sample_text), hub_.zones, p.heard));
        } else {
            const auto& why = p.event.rejection();
            p.kept = refusals_.admit(p.origin, why.reason, p.heard);
            if (p.kept)
                refusal_rows_.push_back(
                    RefusalRecord{p.heard, p.source, std::string(reason_name(why.reason)), p.refused_on, why.detail});
        }
    }
    storing_.clear(); // the batch settled before, however its settling ended; its room is kept
    storing_.swap(read_);
    writer_.write(records_, refusal_rows_);
}

void InputDesk::settle() {
    if (!writer_.busy()) return;
    auto outcome = writer_.collect();
    auto& batch = storing_; // emptied by the next store()
    if (outcome.failure) {
        // Nothing of this batch is stored and no receipt goes out: handhelds will resend. The
        // status and the consoles say so (StorageHealth) until a write goes through again.
        hub_.storage.failed(hub_.clock.now(), *outcome.failure);
        spdlog::error("event log: batch of {} not stored: {}", batch.size(), *outcome.failure);
        return;
    }
    hub_.storage.stored(hub_.clock.now());
    const auto& ids = outcome.ids;

    std::size_t next = 0;
    std::vector<Update> updates;
    {
        HeldTurn turn(hub_.situation, updates);
        for (auto& p : batch) {
            if (!p.event) {
                const auto& why = p.event.rejection();
                refusals_.count(why.reason);
                if (p.clock_wrong) {
                    auto u = hub_.situation.counter_clock_wrong(*p.clock_wrong, p.heard);
                    updates.insert(updates.end(), std::make_move_iterator(u.begin()), std::make_move_iterator(u.end()));
                }
                if (!p.kept) continue; // counted, and stored as a count when its window ends
                spdlog::warn("refused {} input{}{}: {}: {}", p.source, p.refused_on.empty() ? "" : " on ", p.refused_on,
                             reason_name(why.reason), why.detail);
                send_receipt(p, ReceiptStatus::refused, &why);
                continue;
            }
            if (p.repeat) {
                ++hub_.duplicates;
                send_receipt(p, ReceiptStatus::duplicate, nullptr);
                continue;
            }
            std::int64_t id = ids[next++];
            const Event& ev = p.event.value();
            if (id == 0) ++hub_.duplicates;
            else ++hub_.accepted;
            if (id != 0) hub_.apply(id, ev, p.heard, updates);
            send_receipt(p, id == 0 ? ReceiptStatus::duplicate : ReceiptStatus::stored, nullptr);
        }
    }
    publisher_.publish(updates);
}

} // namespace platslage
