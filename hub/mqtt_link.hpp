#pragma once
// The hub's MQTT side (Eclipse Paho C++, MQTT 5). A persistent session (clean_start=false,
// a session that never expires, QoS 1 subscriptions) makes the broker keep handhelds'
// messages while the hub is away.
// Paho acknowledges a QoS 1 message to the broker before the application has seen it,
// so the PUBACK cannot mean "stored": the hub answers each report with a receipt after
// its SQLite commit instead (docs/protocol.md, "Delivery").
#include "mailbox.hpp"
#include "mqtt_out.hpp"
#include "mqtt_session.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

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
//
// The loop never calls into Paho itself. Paho holds its own lock while it hands a message
// over, and with the mailbox full that hand-over waits for the loop; a loop publishing a
// receipt would then wait for Paho's lock, and neither would move again (seen under a flood
// of refusals on a slow machine). Receipts, orders and notices are queued here instead and
// published, in order, by a thread of this link's own.
class MqttLink final : public MqttOut {
public:
    // `broker`: its address, the hub's client id and its login; the rest is the hub's own.
    MqttLink(MqttSessionOptions broker, Mailbox<MqttMessage>& inbox);
    ~MqttLink() override;

    // Connects, and keeps trying until it succeeds; Paho reconnects by itself afterwards.
    void maintain() { session_.maintain(); }
    bool connected() const override { return session_.connected(); }
    // Never blocks: queued for the link's thread, which hands it to Paho; Paho queues it
    // while the broker is away. `retain`: the broker keeps the last one for whoever
    // subscribes later (notices).
    void publish(const std::string& topic, const std::string& payload, int qos, bool retain = false) override;
    // Hands what is queued to Paho, then disconnects.
    void stop();

private:
    struct Outgoing {
        std::string topic, payload;
        int qos = 1;
        bool retain = false;
    };
    void arrived(const mqtt::const_message_ptr& msg);
    void send_queued();

    Mailbox<MqttMessage>& inbox_;
    MqttSession session_;
    std::mutex out_mutex_;
    std::condition_variable out_ready_;
    std::deque<Outgoing> out_;
    std::uint64_t out_dropped_ = 0; // beyond max_outgoing_queued; each one's sender will ask again
    bool stopping_ = false;
    std::thread sender_; // last: started once everything it uses exists
};

} // namespace platslage
