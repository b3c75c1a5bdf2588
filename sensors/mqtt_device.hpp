#pragma once
// One simulated device's MQTT connection (Eclipse Paho C++), shared by handhelds and
// outreach teams: a last will that marks it offline if it vanishes, connect with retry,
// subscriptions and the online announcement renewed after every (re)connect, QoS 1 publish.
// Paho's callbacks run on its own thread; they only set flags and queue messages, and
// the simulator's loop does everything else.
#include "clock.hpp"
#include "topic.hpp"

#include <mqtt/async_client.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace platslage::sim {

struct DeviceMessage {
    std::string topic;
    std::string payload;
};

class MqttDevice final : public virtual mqtt::callback {
public:
    // `device` names the device in its topics; the Paho client id is "sim-" + `device`.
    MqttDevice(const std::string& uri, const std::string& station, const std::string& device);
    ~MqttDevice() override;
    MqttDevice(const MqttDevice&) = delete;
    MqttDevice& operator=(const MqttDevice&) = delete;

    // Topics to hear (QoS 1), made again after every connect: the session is clean.
    void subscribe(std::string topic);
    // From the loop: start or retry the connection; after each connect subscribe and
    // announce online, stamped `now`.
    void maintain(TimePoint now);
    // Connected, announced, and subscriptions confirmed: what is published now is heard.
    bool ready() const;
    // QoS 1. False when it cannot go out now (not connected); the caller keeps it.
    bool publish(const std::string& topic, const std::string& payload);
    // Messages that arrived on the subscriptions since the last call.
    std::vector<DeviceMessage> take();
    // Goodbye: publishes `farewell` and online=false, waits briefly for the broker's
    // acknowledgements, then disconnects cleanly (so the last will is not sent).
    void close(const std::vector<DeviceMessage>& farewell, TimePoint now);

    const std::string& device() const { return device_; }
    const std::string& station() const { return station_; }

private:
    void connected(const std::string& cause) override;
    void connection_lost(const std::string& cause) override;
    void message_arrived(mqtt::const_message_ptr msg) override;
    void delivery_complete(mqtt::delivery_token_ptr) override {}

    std::string online_payload(bool online, TimePoint now) const;

    std::string uri_;
    std::string station_;
    std::string device_;
    std::string online_topic_;
    mqtt::async_client client_;
    mqtt::connect_options options_;
    std::vector<std::string> subscriptions_;

    std::atomic<bool> connected_{false};
    std::atomic<std::uint64_t> connects_{0}; // bumped by Paho on every (re)connect
    std::uint64_t announced_ = 0;            // the connect the loop last announced
    bool ever_connected_ = false;
    mqtt::token_ptr pending_connect_;
    mqtt::token_ptr pending_subscribe_;
    std::chrono::steady_clock::time_point next_attempt_{};

    std::mutex inbox_mutex_;
    std::vector<DeviceMessage> inbox_;
};

} // namespace platslage::sim
