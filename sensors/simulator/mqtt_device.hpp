#pragma once
// One simulated device's MQTT connection (Eclipse Paho C++), shared by handhelds and
// outreach teams: a last will that marks it offline if it vanishes, connect with retry,
// subscriptions and the online announcement renewed after every (re)connect, QoS 1 publish.
// Paho's callbacks run on its own thread; they only set flags and queue messages, and
// the simulator's loop does everything else.
#include "clock.hpp"
#include "mqtt_session.hpp"
#include "topic.hpp"

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace platslage::sim {

struct DeviceMessage {
    std::string topic;
    std::string payload;
};

class MqttDevice {
public:
    // `device` names the device in its topics; the Paho client id is "sim-" + `device`. From
    // `broker` only its address and login are taken (all the simulator's devices share its user).
    MqttDevice(const MqttSessionOptions& broker, const std::string& station, const std::string& device,
               std::vector<std::string> subscriptions = {});
    MqttDevice(const MqttDevice&) = delete;
    MqttDevice& operator=(const MqttDevice&) = delete;

    // From the loop: start or retry the connection; after each connect announce online,
    // stamped `now` (the session has subscribed again by itself).
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
    std::string online_payload(bool online, TimePoint now) const;
    void arrived(mqtt::const_message_ptr msg);

    std::string station_;
    std::string device_;
    std::string online_topic_;
    std::uint64_t announced_ = 0; // the connect the loop last announced online after

    std::mutex inbox_mutex_;
    std::vector<DeviceMessage> inbox_;
    MqttSession session_; // last: its callbacks use the members above
};

} // namespace platslage::sim
