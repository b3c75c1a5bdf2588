#include "mqtt_device.hpp"

#include "presence.hpp"

#include <spdlog/spdlog.h>

namespace platslage::sim {

namespace {
MqttSessionOptions device_session(const MqttSessionOptions& broker, const std::string& device,
                                  std::vector<std::string> subscriptions, std::string will_topic, std::string will) {
    MqttSessionOptions o = broker; // the broker's address and the simulator's login
    o.client_id = "sim-" + device;
    o.subscriptions = std::move(subscriptions);
    o.log_name = device;
    o.quiet = true;
    o.will = std::make_pair(std::move(will_topic), std::move(will));
    return o;
}
} // namespace

MqttDevice::MqttDevice(const MqttSessionOptions& broker, const std::string& station, const std::string& device,
                       std::vector<std::string> subscriptions)
    : station_(station), device_(device), online_topic_(topic_string(Topic{station, TopicKind::device_online, device})),
      // The will has no time stamp: it is written now and sent by the broker much later.
      session_(device_session(broker, device, std::move(subscriptions), online_topic_, online_payload(false, TimePoint{})),
               [this](mqtt::const_message_ptr msg) { arrived(std::move(msg)); }) {}

void MqttDevice::maintain(TimePoint now) {
    session_.maintain();
    // After each connect (first or automatic reconnect): the online flag a clean session forgot.
    std::uint64_t connects = session_.connects();
    if (!session_.connected() || connects == announced_) return;
    if (announced_ > 0) spdlog::info("{}: connected again; renewing the online flag", device_);
    if (publish(online_topic_, online_payload(true, now))) announced_ = connects;
}

bool MqttDevice::ready() const { return announced_ == session_.connects() && session_.subscribed(); }

bool MqttDevice::publish(const std::string& topic, const std::string& payload) {
    return session_.connected() && session_.publish(topic, payload) != nullptr;
}

std::vector<DeviceMessage> MqttDevice::take() {
    std::lock_guard lock(inbox_mutex_);
    return std::exchange(inbox_, {});
}

void MqttDevice::close(const std::vector<DeviceMessage>& farewell, TimePoint now) {
    if (!session_.connected()) return; // the broker sends the last will for us
    std::vector<mqtt::delivery_token_ptr> tokens;
    for (const auto& m : farewell) tokens.push_back(session_.publish(m.topic, m.payload));
    tokens.push_back(session_.publish(online_topic_, online_payload(false, now)));
    try {
        for (auto& t : tokens)
            if (t) t->wait_for(std::chrono::seconds(2));
    } catch (const mqtt::exception& e) {
        spdlog::warn("{}: goodbye not complete: {}", device_, e.what());
    }
    session_.disconnect(std::chrono::seconds(2));
}

void MqttDevice::arrived(mqtt::const_message_ptr msg) {
    std::lock_guard lock(inbox_mutex_);
    inbox_.push_back(DeviceMessage{msg->get_topic(), msg->to_string()});
}

std::string MqttDevice::online_payload(bool online, TimePoint now) const {
    DeviceOnline d{station_, device_, online, std::nullopt};
    if (online || now != TimePoint{}) d.ts = now;
    return to_json(d).dump();
}

} // namespace platslage::sim
