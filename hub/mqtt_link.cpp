#include "mqtt_link.hpp"

#include "tcp_nodelay.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>

namespace platslage {

namespace {
// What the hub listens to. The version level is a wildcard on purpose: a handheld speaking
// another version is heard, refused as wrong_version and counted, not silently ignored.
const std::vector<std::string> subscriptions{
    "platslage/+/+/guard/+/report",
    "platslage/+/+/guard/+/shift",
    "platslage/+/+/outreach/+/status",
    "platslage/+/+/outreach/+/ack",
    "platslage/+/+/outreach/+/outcome",
    "platslage/+/+/device/+/online",
};
} // namespace

MqttLink::MqttLink(const std::string& uri, const std::string& client_id, Mailbox<MqttMessage>& inbox)
    // Receipts and orders are queued in Paho until they are written; a burst of a few thousand
    // in one turn must not overflow its default queue of 100 (error -12 drops the receipt).
    : uri_(uri), client_(uri, client_id, mqtt::create_options(MQTTVERSION_5, 65535), static_cast<mqtt::iclient_persistence*>(nullptr)),
      inbox_(inbox) {
    // MQTT 5, for one property: the largest packet the hub takes. The broker then never sends
    // it a larger one; Paho would keep a buffer the size of the largest packet it ever read
    // for the rest of the process (a 50 MB message cost 50 MB for good). The session outlives
    // the connection, as clean_session=false did in MQTT 3.1.1.
    options_ = mqtt::connect_options_builder()
                   .mqtt_version(MQTTVERSION_5)
                   .clean_start(false)
                   .keep_alive_interval(std::chrono::seconds(10))
                   .automatic_reconnect(std::chrono::seconds(1), std::chrono::seconds(8))
                   .connect_timeout(std::chrono::seconds(5))
                   .finalize();
    // Set on the options themselves: the builder's copy does not carry properties over (Paho C++ 1.2).
    options_.set_properties({{mqtt::property::SESSION_EXPIRY_INTERVAL, std::numeric_limits<std::int32_t>::max()},
                             {mqtt::property::MAXIMUM_PACKET_SIZE, static_cast<std::int32_t>(max_mqtt_packet_taken)}});
    client_.set_callback(*this);
}

MqttLink::~MqttLink() { stop(); }

void MqttLink::maintain() {
    if (ever_connected_) return; // Paho's automatic reconnect takes over
    if (pending_connect_) {
        if (!pending_connect_->is_complete()) return;
        pending_connect_.reset();
        if (connected_) {
            ever_connected_ = true;
            return;
        }
    }
    auto now = std::chrono::steady_clock::now();
    if (now < next_attempt_) return;
    next_attempt_ = now + std::chrono::seconds(2);
    try {
        pending_connect_ = client_.connect(options_);
    } catch (const mqtt::exception& e) {
        spdlog::warn("mqtt: cannot connect to {}: {}", uri_, e.what());
    }
}

void MqttLink::connected(const std::string&) {
    connected_ = true;
    ever_connected_ = true;
    spdlog::info("mqtt: connected to {}", uri_);
    // Receipts follow their PUBACK at once; without this they wait for a delayed TCP ACK.
    if (int port = broker_port(uri_); port > 0)
        spdlog::debug("mqtt: Nagle's algorithm off on {} connection(s) to port {}", disable_nagle_towards(port), port);
    try {
        for (const auto& topic : subscriptions) client_.subscribe(topic, 1);
    } catch (const mqtt::exception& e) {
        spdlog::error("mqtt: subscribe failed: {}", e.what());
    }
}

void MqttLink::connection_lost(const std::string& cause) {
    connected_ = false;
    spdlog::warn("mqtt: connection lost{}{}; reconnecting", cause.empty() ? "" : ": ", cause);
}

void MqttLink::message_arrived(mqtt::const_message_ptr msg) {
    const auto& payload = msg->get_payload_ref();
    const auto& topic = msg->get_topic_ref();
    MqttMessage m{std::string(topic.data(), std::min(topic.size(), max_mqtt_topic_kept)), {}, payload.size(), topic.size()};
    if (payload.size() <= max_mqtt_payload_kept) m.payload = msg->to_string();
    inbox_.push(std::move(m));
}

void MqttLink::publish(const std::string& topic, const std::string& payload, int qos, bool retain) {
    try {
        client_.publish(topic, payload.data(), payload.size(), qos, retain);
    } catch (const mqtt::exception& e) {
        spdlog::warn("mqtt: publish to {} failed: {}", topic, e.what());
    }
}

void MqttLink::stop() {
    inbox_.close(); // Paho's thread may be waiting for room: it must not wait for ever
    try {
        if (client_.is_connected()) client_.disconnect(std::chrono::milliseconds(500))->wait_for(std::chrono::seconds(2));
    } catch (const mqtt::exception&) {
        // shutting down: nothing more to do with a broker that is gone
    }
    connected_ = false;
}

} // namespace platslage
