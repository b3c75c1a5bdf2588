#pragma once
// What the hub's parts need of the MQTT side: send a message, and know whether the broker
// link is up. MqttLink is the real one; tests hand the parts a fake that keeps what was sent.
#include <string>

namespace platslage {

class MqttOut {
public:
    virtual ~MqttOut() = default;
    // Never blocks. `retain`: the broker keeps the last one for whoever subscribes later (notices).
    virtual void publish(const std::string& topic, const std::string& payload, int qos, bool retain = false) = 0;
    virtual bool connected() const = 0;
};

} // namespace platslage
