#pragma once
// The hub's MQTT side (Eclipse Paho C++, MQTT 5). A persistent session (clean_start=false,
// a session that never expires, QoS 1 subscriptions) makes the broker keep handhelds'
// messages while the hub is away.
// Paho acknowledges a QoS 1 message to the broker before the application has seen it,
// so the PUBACK cannot mean "stored": the hub answers each report with a receipt after
// its SQLite commit instead (docs/protocol.md, "Delivery").
#include "mailbox.hpp"
#include "mqtt_session.hpp"

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

// The hub's session with the broker: MQTT 5, persistent, the protocol's input topics, and each
// message copied into the loop's mailbox only as far as any protocol message can reach.
class MqttLink {
public:
    MqttLink(const std::string& uri, const std::string& client_id, Mailbox<MqttMessage>& inbox);
    ~MqttLink();

    // Connects, and keeps trying until it succeeds; Paho reconnects by itself afterwards.
    void maintain() { session_.maintain(); }
    bool connected() const { return session_.connected(); }
    // Never blocks: Paho queues the message while the broker is away.
    // `retain`: the broker keeps the last one for whoever subscribes later (notices).
    void publish(const std::string& topic, const std::string& payload, int qos, bool retain = false);
    void stop();

private:
    void arrived(const mqtt::const_message_ptr& msg);

    Mailbox<MqttMessage>& inbox_;
    MqttSession session_;
};

} // namespace platslage
