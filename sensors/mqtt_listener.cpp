#include "mqtt_listener.hpp"

#include <spdlog/spdlog.h>

namespace platslage::sim {

MqttListener::MqttListener(const std::string& uri, const std::string& client_id, std::vector<std::string> filters,
                           Mailbox<VendorMessage>& inbox)
    : uri_(uri), filters_(std::move(filters)),
      client_(uri, client_id, static_cast<mqtt::iclient_persistence*>(nullptr)), inbox_(inbox) {
    options_ = mqtt::connect_options_builder()
                   .clean_session(false)
                   .keep_alive_interval(std::chrono::seconds(10))
                   .automatic_reconnect(std::chrono::seconds(1), std::chrono::seconds(8))
                   .connect_timeout(std::chrono::seconds(5))
                   .finalize();
    client_.set_callback(*this);
}

MqttListener::~MqttListener() { stop(); }

void MqttListener::maintain() {
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
                spdlog::warn("mqtt: cannot connect to {}: {}", uri_, e.what());
            }
        }
    }
    if (pending_subscribe_ && pending_subscribe_->is_complete() && !confirmed_) {
        confirmed_ = true;
        std::string list;
        for (const auto& f : filters_) list += (list.empty() ? "" : ", ") + f;
        spdlog::info("mqtt: subscribed to {}", list);
    }
    std::uint64_t connects = connects_;
    if (!connected_ || connects == subscribed_for_) return;
    subscribed_for_ = connects;
    ever_connected_ = true;
    confirmed_ = false;
    try {
        auto filters = mqtt::string_collection::create(filters_);
        pending_subscribe_ = client_.subscribe(filters, std::vector<int>(filters_.size(), 1));
    } catch (const mqtt::exception& e) {
        spdlog::warn("mqtt: subscribing after connect failed: {}", e.what());
        subscribed_for_ = 0; // try again on the next turn
    }
}

bool MqttListener::subscribed() const { return connected_ && confirmed_ && subscribed_for_ == connects_; }

void MqttListener::stop() {
    try {
        if (client_.is_connected()) client_.disconnect(std::chrono::milliseconds(500))->wait_for(std::chrono::seconds(2));
    } catch (const mqtt::exception&) {
        // going away anyway: the broker keeps the session
    }
    connected_ = false;
}

void MqttListener::connected(const std::string&) {
    connected_ = true;
    ++connects_;
    spdlog::info("mqtt: connected to {}", uri_);
}

void MqttListener::connection_lost(const std::string& cause) {
    connected_ = false;
    spdlog::warn("mqtt: connection lost{}{}; reconnecting", cause.empty() ? "" : ": ", cause);
}

void MqttListener::message_arrived(mqtt::const_message_ptr msg) {
    inbox_.push(VendorMessage{msg->get_topic(), msg->to_string()});
}

} // namespace platslage::sim
