#include "mqtt_device.hpp"

#include "presence.hpp"

#include <spdlog/spdlog.h>

namespace platslage::sim {

MqttDevice::MqttDevice(const std::string& uri, const std::string& station, const std::string& device)
    : uri_(uri), station_(station), device_(device),
      online_topic_(topic_string(Topic{station, TopicKind::device_online, device})),
      // No Paho persistence: the report outbox is what keeps reports until the hub has them.
      client_(uri, "sim-" + device, static_cast<mqtt::iclient_persistence*>(nullptr)) {
    // The will has no time stamp: it is written now and sent by the broker much later.
    std::string will = online_payload(false, TimePoint{});
    options_ = mqtt::connect_options_builder()
                   .clean_session(true)
                   .keep_alive_interval(std::chrono::seconds(10))
                   .automatic_reconnect(std::chrono::seconds(1), std::chrono::seconds(8))
                   .connect_timeout(std::chrono::seconds(5))
                   .will(mqtt::message(online_topic_, will.data(), will.size(), 1, false))
                   .finalize();
    client_.set_callback(*this);
}

MqttDevice::~MqttDevice() {
    try {
        if (client_.is_connected()) client_.disconnect(std::chrono::milliseconds(200))->wait_for(std::chrono::seconds(1));
    } catch (const mqtt::exception&) {
        // going away anyway
    }
}

void MqttDevice::subscribe(std::string topic) { subscriptions_.push_back(std::move(topic)); }

void MqttDevice::maintain(TimePoint now) {
    if (!ever_connected_) {
        if (pending_connect_ && pending_connect_->is_complete()) {
            pending_connect_.reset();
            if (connected_) ever_connected_ = true;
        }
        auto t = std::chrono::steady_clock::now();
        if (!ever_connected_ && !pending_connect_ && t >= next_attempt_) {
            next_attempt_ = t + std::chrono::seconds(2);
            try {
                pending_connect_ = client_.connect(options_);
            } catch (const mqtt::exception& e) {
                spdlog::warn("{}: cannot connect to {}: {}", device_, uri_, e.what());
            }
        }
    }
    // After Paho says connected (first time or automatic reconnect): renew what a clean session forgot.
    std::uint64_t connects = connects_;
    if (!connected_ || connects == announced_) return;
    if (announced_ > 0) spdlog::info("{}: connected again; renewing subscriptions and online flag", device_);
    announced_ = connects;
    ever_connected_ = true;
    try {
        pending_subscribe_.reset();
        if (!subscriptions_.empty()) {
            auto filters = mqtt::string_collection::create(subscriptions_);
            std::vector<int> qos(subscriptions_.size(), 1);
            pending_subscribe_ = client_.subscribe(filters, qos);
        }
        publish(online_topic_, online_payload(true, now));
    } catch (const mqtt::exception& e) {
        spdlog::warn("{}: subscribing after connect failed: {}", device_, e.what());
        announced_ = 0; // try again on the next turn
    }
}

bool MqttDevice::ready() const {
    return connected_ && announced_ == connects_ && (!pending_subscribe_ || pending_subscribe_->is_complete());
}

bool MqttDevice::publish(const std::string& topic, const std::string& payload) {
    if (!connected_) return false;
    try {
        client_.publish(topic, payload.data(), payload.size(), 1, false);
        return true;
    } catch (const mqtt::exception& e) {
        spdlog::debug("{}: publish to {} failed: {}", device_, topic, e.what());
        return false;
    }
}

std::vector<DeviceMessage> MqttDevice::take() {
    std::lock_guard lock(inbox_mutex_);
    return std::exchange(inbox_, {});
}

void MqttDevice::close(const std::vector<DeviceMessage>& farewell, TimePoint now) {
    if (!connected_) return; // the broker sends the last will for us
    std::vector<mqtt::delivery_token_ptr> tokens;
    try {
        for (const auto& m : farewell) tokens.push_back(client_.publish(m.topic, m.payload.data(), m.payload.size(), 1, false));
        auto offline = online_payload(false, now);
        tokens.push_back(client_.publish(online_topic_, offline.data(), offline.size(), 1, false));
        for (auto& t : tokens) t->wait_for(std::chrono::seconds(2));
        client_.disconnect(std::chrono::milliseconds(500))->wait_for(std::chrono::seconds(2));
    } catch (const mqtt::exception& e) {
        spdlog::warn("{}: goodbye not complete: {}", device_, e.what());
    }
    connected_ = false;
}

void MqttDevice::connected(const std::string&) {
    connected_ = true;
    ++connects_;
    spdlog::debug("{}: connected to {}", device_, uri_);
}

void MqttDevice::connection_lost(const std::string& cause) {
    connected_ = false;
    spdlog::warn("{}: connection lost{}{}; reconnecting", device_, cause.empty() ? "" : ": ", cause);
}

void MqttDevice::message_arrived(mqtt::const_message_ptr msg) {
    std::lock_guard lock(inbox_mutex_);
    inbox_.push_back(DeviceMessage{msg->get_topic(), msg->to_string()});
}

std::string MqttDevice::online_payload(bool online, TimePoint now) const {
    DeviceOnline d{station_, device_, online, std::nullopt};
    if (online || now != TimePoint{}) d.ts = now;
    return to_json(d).dump();
}

} // namespace platslage::sim
