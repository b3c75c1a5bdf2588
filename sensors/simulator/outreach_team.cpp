#include "outreach_team.hpp"

#include "receipt.hpp"

#include <spdlog/spdlog.h>

namespace platslage::sim {

namespace {
// Receipts name the order and what they answer ("ack" or "outcome"): the outbox keeps both apart.
std::string outbox_key(std::string_view of, const std::string& dispatch) { return std::string(of) + ":" + dispatch; }
} // namespace

OutreachTeam::OutreachTeam(const MqttSessionOptions& broker, TeamDuty duty, Millis resend_after)
    : duty_(std::move(duty)),
      mqtt_(broker, duty_.station(), duty_.team(),
            {topic_string(Topic{"+", TopicKind::outreach_dispatch, duty_.team()}),
             topic_string(Topic{"+", TopicKind::outreach_receipt, duty_.team()})}),
      outbox_(resend_after) {}

void OutreachTeam::tick(TimePoint stamp, const SimMoment& now, bool extra_cold) {
    mqtt_.maintain(stamp);
    take_messages(now.at);
    // The pair starts its day once its handheld is heard: a status sent before is lost.
    if (!mqtt_.ready()) return;
    for (const auto& m : duty_.step(now, stamp, extra_cold)) send(m, stamp);
    send_due(stamp); // and what waits for a receipt too long
}

void OutreachTeam::take_messages(TimePoint sim_now) {
    for (const auto& m : mqtt_.take()) {
        auto topic = parse_topic(m.topic);
        if (!topic) continue;
        if (topic->kind == TopicKind::outreach_dispatch) {
            auto order = read_dispatch_message(m.payload);
            if (!order) {
                spdlog::warn("{}: unreadable order: {}", duty_.team(), m.payload);
                continue;
            }
            if (!order->withdrawn) ++counts_.orders;
            spdlog::info("{}: {} {}{}", duty_.team(), order->withdrawn ? "withdrawn" : "order", order->dispatch,
                         order->withdrawn ? "" : " to " + order->zone);
            duty_.hear(*order, sim_now);
        } else if (topic->kind == TopicKind::outreach_receipt) {
            auto receipt = decode_receipt(m.payload);
            if (!receipt || !receipt->id) continue;
            if (receipt->status == ReceiptStatus::refused) {
                ++counts_.refused;
                spdlog::warn("{}: {} {} refused: {}: {}", duty_.team(), receipt->of, *receipt->id, receipt->reason, receipt->detail);
            }
            outbox_.close(outbox_key(receipt->of, *receipt->id), receipt->status);
        }
    }
}

// In the order the pair said them: an answer goes out before the status that follows it.
void OutreachTeam::send(const TeamMessage& m, TimePoint stamp) {
    std::visit([&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, OutreachStatus>) {
            if (mqtt_.publish(topic_string(Topic{v.station, TopicKind::outreach_status, v.team}), to_json(v).dump()))
                ++counts_.statuses;
        } else if constexpr (std::is_same_v<T, DispatchAnswer>) {
            outbox_.add(outbox_key("ack", v.dispatch), topic_string(Topic{v.station, TopicKind::outreach_ack, v.team}),
                        to_json(v).dump());
            ++counts_.answers;
            send_due(stamp);
            spdlog::info("{}: {} {}", duty_.team(), v.accepted ? "accepts" : "declines", v.dispatch);
        } else {
            outbox_.add(outbox_key("outcome", v.dispatch), topic_string(Topic{v.station, TopicKind::outreach_outcome, v.team}),
                        to_json(v).dump());
            ++counts_.outcomes;
            send_due(stamp);
            spdlog::info("{}: {} outcome {}", duty_.team(), v.dispatch, v.outcome);
        }
    }, m);
}

void OutreachTeam::send_due(TimePoint stamp) {
    if (!mqtt_.ready()) return;
    for (OutboxEntry* e : outbox_.due(stamp)) {
        if (!mqtt_.publish(e->topic, e->payload)) return;
        outbox_.mark_sent(*e, stamp);
    }
}

void OutreachTeam::close(TimePoint stamp) {
    std::vector<DeviceMessage> farewell;
    if (auto home = duty_.go_home(stamp))
        farewell.push_back({topic_string(Topic{home->station, TopicKind::outreach_status, home->team}), to_json(*home).dump()});
    mqtt_.close(farewell, stamp);
}

} // namespace platslage::sim
