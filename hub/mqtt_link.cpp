#include "mqtt_link.hpp"

#include "thread_name.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace platslage {

namespace {
constexpr std::size_t max_outgoing_queued = 100000;
// QoS 1 messages on their way to the broker at once. Below Mosquitto's default receive
// maximum (max_inflight_messages 20): past the broker's window Paho queues a publish and its
// send thread looks at the queue again only after a second, so a burst of receipts (a whole
// turn's in a few milliseconds) left some of them waiting a second for no reason.
constexpr std::size_t max_in_flight = 16;
constexpr auto in_flight_patience = std::chrono::seconds(5);

// What the hub listens to. The version level is a wildcard on purpose: a handheld speaking
// another version is heard, refused as wrong_version and counted, not silently ignored.
MqttSessionOptions hub_session(MqttSessionOptions o) {
    o.persistent = true;
    // MQTT 5, for one property: the largest packet the hub takes. The broker then never sends
    // it a larger one (a 50 MB message once cost the hub 50 MB for good).
    o.mqtt5 = true;
    o.max_packet = max_mqtt_packet_taken;
    // Receipts and orders are queued in Paho until they are written; a burst of a few thousand
    // in one turn must not overflow its default queue of 100 (error -12 drops the receipt).
    o.max_buffered = 65535;
    o.subscriptions = {
        "platslage/+/+/guard/+/report",     "platslage/+/+/guard/+/shift",    "platslage/+/+/outreach/+/status",
        "platslage/+/+/outreach/+/ack",     "platslage/+/+/outreach/+/outcome", "platslage/+/+/device/+/online",
    };
    return o;
}
} // namespace

MqttLink::MqttLink(MqttSessionOptions broker, Mailbox<MqttMessage>& inbox)
    : inbox_(inbox), session_(hub_session(std::move(broker)), [this](mqtt::const_message_ptr msg) { arrived(msg); }),
      sender_([this] {
          name_this_thread("mqtt-sender");
          send_queued();
      }) {}

MqttLink::~MqttLink() { stop(); }

void MqttLink::arrived(const mqtt::const_message_ptr& msg) {
    const auto& payload = msg->get_payload_ref();
    const auto& topic = msg->get_topic_ref();
    MqttMessage m{std::string(topic.data(), std::min(topic.size(), max_mqtt_topic_kept)), {}, payload.size(), topic.size()};
    if (payload.size() <= max_mqtt_payload_kept) m.payload = msg->to_string();
    inbox_.push(std::move(m));
}

void MqttLink::publish(const std::string& topic, const std::string& payload, int qos, bool retain) {
    {
        std::lock_guard lock(out_mutex_);
        // Receipts follow inputs, at most a few batches' worth while Paho is held up; a queue
        // this long means the broker has been unreachable for a long time. What is dropped is
        // a receipt or an order its handheld asks for again (docs/protocol.md, "Delivery").
        if (out_.size() >= max_outgoing_queued) {
            if (out_dropped_++ % 1000 == 0)
                spdlog::warn("mqtt: {} message(s) to the broker dropped, {} waiting; handhelds resend what has no receipt",
                             out_dropped_, out_.size());
            return;
        }
        out_.push_back(Outgoing{topic, payload, qos, retain});
    }
    out_ready_.notify_one();
}

void MqttLink::send_queued() {
    std::deque<mqtt::delivery_token_ptr> in_flight;
    std::unique_lock lock(out_mutex_);
    for (;;) {
        out_ready_.wait(lock, [&] { return stopping_ || !out_.empty(); });
        if (out_.empty()) return; // stopping, and all sent
        auto m = std::move(out_.front());
        out_.pop_front();
        lock.unlock();
        // Within the broker's window: the oldest acknowledged before one more goes. A link that
        // is down answers nothing; after a while the message goes anyway, into Paho's queue.
        while (!in_flight.empty() && (in_flight.size() >= max_in_flight || in_flight.front()->is_complete())) {
            try {
                in_flight.front()->wait_for(in_flight_patience);
            } catch (const mqtt::exception&) {
                // lost with the connection: the handheld asks again (docs/protocol.md, "Delivery")
            }
            in_flight.pop_front();
        }
        auto token = session_.publish(m.topic, m.payload, m.qos, m.retain);
        if (!token) spdlog::warn("mqtt: publish to {} failed", m.topic);
        else if (m.qos > 0) in_flight.push_back(std::move(token));
        lock.lock();
    }
}

void MqttLink::stop() {
    inbox_.close(); // Paho's thread may be waiting for room: it must not wait for ever
    {
        std::lock_guard lock(out_mutex_);
        stopping_ = true;
    }
    out_ready_.notify_one();
    if (sender_.joinable()) sender_.join();
    session_.disconnect();
}

} // namespace platslage
