#pragma once
// The hub's MQTT side (Eclipse Paho C++, MQTT 5). A persistent session (clean_start=false,
// a session that never expires, QoS 1 subscriptions) makes the broker keep handhelds'
// messages while the hub is away.
// Paho acknowledges a QoS 1 message to the broker before the application has seen it,
// so the PUBACK cannot mean "stored": the hub answers each report with a receipt after
// its SQLite commit instead (docs/protocol.md, "Delivery").
#include "mailbox.hpp"
#include "mqtt_out.hpp"

#include <mqtt/async_client.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace platslage {

struct MqttMessage {
    std::string topic;     // its first max_mqtt_topic_kept bytes
    std::string payload;   // empty when larger than any handheld message may be
    std::size_t bytes = 0; // the payload's size as it arrived
    std::size_t topic_bytes = 0;
};

// Payloads above this are not copied out of Paho at all: they are refused by their size. So
// are topics longer than any of the protocol's (platslage/v1/, two ids of 32, a role, a leaf).
inline constexpr std::size_t max_mqtt_payload_kept = 8192;
inline constexpr std::size_t max_mqtt_topic_kept = 256;
// The broker is told not to send the hub larger packets (MQTT 5's Maximum Packet Size); it
// drops them and logs it. Every message of the protocol is far smaller.
inline constexpr std::size_t max_mqtt_packet_taken = 65536;

class MqttLink final : public virtual mqtt::callback, public MqttOut {
public:
    MqttLink(const std::string& uri, const std::string& client_id, Mailbox<MqttMessage>& inbox);
    ~MqttLink() override;

    // Connects, and keeps trying until it succeeds; Paho reconnects by itself afterwards.
    void maintain();
    bool connected() const override { return connected_; }
    // Never blocks: Paho queues the message while the broker is away.
    // `retain`: the broker keeps the last one for whoever subscribes later (notices).
    void publish(const std::string& topic, const std::string& payload, int qos, bool retain = false) override;
    void stop();

private:
    void connected(const std::string& cause) override;
    void connection_lost(const std::string& cause) override;
    void message_arrived(mqtt::const_message_ptr msg) override;
    void delivery_complete(mqtt::delivery_token_ptr) override {}

    std::string uri_;
    mqtt::async_client client_;
    mqtt::connect_options options_;
    Mailbox<MqttMessage>& inbox_;
    std::atomic<bool> connected_{false};
    bool ever_connected_ = false;
    mqtt::token_ptr pending_connect_;
    std::chrono::steady_clock::time_point next_attempt_{};
};

} // namespace platslage
