#include "broker_session.hpp"

#include "receipt.hpp"

#include <iostream>

namespace platslage::handheld {

namespace {
MqttSessionOptions handheld_session(const MqttSessionOptions& broker, const std::string& client_id, bool persistent,
                                    std::vector<std::string> topics) {
    MqttSessionOptions o = broker;
    o.client_id = client_id;
    o.persistent = persistent;
    o.subscriptions = std::move(topics);
    o.reconnect = false; // one short session; what is not done stays in the outbox
    o.connect_timeout = std::chrono::seconds(3);
    o.log_name = client_id;
    o.quiet = true;
    return o;
}
} // namespace

BrokerSession::BrokerSession(const MqttSessionOptions& broker, const std::string& client_id, bool persistent,
                             std::vector<std::string> topics)
    : session_(handheld_session(broker, client_id, persistent, std::move(topics)), [this](mqtt::const_message_ptr msg) {
          {
              std::lock_guard lock(mutex_);
              heard_.push_back(msg->to_string());
          }
          arrived_.notify_one();
      }) {}

std::optional<std::string> BrokerSession::next(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!arrived_.wait_for(lock, timeout, [&] { return !heard_.empty(); })) return std::nullopt;
    auto payload = std::move(heard_.front());
    heard_.pop_front();
    return payload;
}

FlushResult BrokerSession::flush(OutboxFile& outbox, std::chrono::milliseconds wait) {
    FlushResult r;
    const auto& messages = outbox.messages();
    std::vector<std::size_t> closed;
    std::vector<std::size_t> awaiting; // sent, waiting for the hub's receipt
    for (std::size_t i = 0; i < messages.size(); ++i) {
        const auto& m = messages[i];
        try {
            // One at a time, each acknowledged before the next: the hub hears them in order.
            auto tok = session_.publish(m.topic, m.payload);
            if (!tok) {
                std::cerr << "not sent (kept): the broker connection is gone\n";
                break;
            }
            if (!tok->wait_for(std::chrono::seconds(5))) break;
        } catch (const mqtt::exception& e) {
            std::cerr << "not sent (kept): " << e.what() << "\n";
            break;
        }
        if (m.receipt_of.empty()) {
            std::cout << "sent " << m.topic << "\n";
            closed.push_back(i);
        } else {
            awaiting.push_back(i);
        }
    }
    auto deadline = std::chrono::steady_clock::now() + wait;
    while (!awaiting.empty()) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        auto msg = next(left);
        if (!msg) break;
        auto receipt = decode_receipt(*msg);
        if (!receipt || !receipt->id) continue;
        std::string of = receipt->of.empty() ? "report" : receipt->of;
        for (auto it = awaiting.begin(); it != awaiting.end(); ++it) {
            const auto& m = messages[*it];
            if (m.receipt_of != of || m.receipt_id != *receipt->id) continue;
            if (receipt->status == ReceiptStatus::refused) {
                std::cout << "refused " << of << " " << m.receipt_id << ": " << receipt->reason << ": " << receipt->detail << "\n";
                ++r.refused;
            } else {
                std::cout << (receipt->status == ReceiptStatus::stored ? "stored " : "already stored ") << of << " "
                          << m.receipt_id << "\n";
                ++r.done;
            }
            closed.push_back(*it);
            awaiting.erase(it);
            break;
        }
    }
    r.done = closed.size() - r.refused;
    r.kept = messages.size() - closed.size();
    outbox.remove(closed);
    return r;
}

} // namespace platslage::handheld
