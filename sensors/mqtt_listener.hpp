#pragma once
// Listening to the counters' own MQTT messages (Eclipse Paho C++). A persistent session
// (clean_session=false, QoS 1 subscriptions) makes the broker keep what the cameras publish
// while the adapter is away: a missed Xovis bin is missed people. Paho's callbacks only set
// flags and queue messages; the adapter's loop subscribes and does everything else.
#include "mailbox.hpp"

#include <mqtt/async_client.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace platslage::sim {

struct VendorMessage {
    std::string topic;
    std::string payload;
};

class MqttListener final : public virtual mqtt::callback {
public:
    MqttListener(const std::string& uri, const std::string& client_id, std::vector<std::string> filters,
                 Mailbox<VendorMessage>& inbox);
    ~MqttListener() override;
    MqttListener(const MqttListener&) = delete;
    MqttListener& operator=(const MqttListener&) = delete;

    // From the loop: connect (and retry until the first connect; Paho reconnects after
    // that), and subscribe again after every connect.
    void maintain();
    // Connected, and the broker has confirmed the subscriptions.
    bool subscribed() const;
    void stop();

private:
    void connected(const std::string& cause) override;
    void connection_lost(const std::string& cause) override;
    void message_arrived(mqtt::const_message_ptr msg) override;
    void delivery_complete(mqtt::delivery_token_ptr) override {}

    std::string uri_;
    std::vector<std::string> filters_;
    mqtt::async_client client_;
    mqtt::connect_options options_;
    Mailbox<VendorMessage>& inbox_;
    std::atomic<bool> connected_{false};
    std::atomic<std::uint64_t> connects_{0}; // bumped by Paho on every (re)connect
    std::uint64_t subscribed_for_ = 0;       // the connect the loop last subscribed after
    bool confirmed_ = false;
    bool ever_connected_ = false;
    mqtt::token_ptr pending_connect_;
    mqtt::token_ptr pending_subscribe_;
    std::chrono::steady_clock::time_point next_attempt_{};
};

} // namespace platslage::sim
