#include "broker_session.hpp"

#include "receipt.hpp"
#include "tcp_nodelay.hpp"

#include <iostream>

namespace platslage::handheld {

BrokerSession::BrokerSession(const std::string& uri, const std::string& client_id, bool persistent)
    // No Paho persistence: the outbox file is what keeps messages until they are done.
    : client_(uri, client_id, static_cast<mqtt::iclient_persistence*>(nullptr)) {
    options_ = mqtt::connect_options_builder()
                   .clean_session(!persistent)
                   .keep_alive_interval(std::chrono::seconds(10))
                   .connect_timeout(std::chrono::seconds(3))
                   .finalize();
    client_.start_consuming();
}

BrokerSession::~BrokerSession() {
    try {
        if (client_.is_connected()) client_.disconnect(std::chrono::milliseconds(200))->wait_for(std::chrono::seconds(1));
    } catch (const mqtt::exception&) {
        // going away anyway
    }
}

bool BrokerSession::connect(std::chrono::milliseconds timeout) {
    try {
        auto tok = client_.connect(options_);
        if (!tok->wait_for(timeout) || !client_.is_connected()) return false;
        // An answer to an order follows its PUBACK at once: without this it would wait for
        // a delayed TCP ACK (adapters/tcp_nodelay.hpp).
        if (int port = broker_port(client_.get_server_uri()); port > 0) disable_nagle_towards(port);
        return true;
    } catch (const mqtt::exception&) {
        return false;
    }
}

void BrokerSession::subscribe(const std::vector<std::string>& topics) {
    auto filters = mqtt::string_collection::create(topics);
    client_.subscribe(filters, std::vector<int>(topics.size(), 1))->wait_for(std::chrono::seconds(5));
}

std::optional<mqtt::const_message_ptr> BrokerSession::next(std::chrono::milliseconds timeout) {
    mqtt::const_message_ptr msg;
    if (client_.try_consume_message_for(&msg, timeout) && msg) return msg;
    return std::nullopt;
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
            auto tok = client_.publish(m.topic, m.payload.data(), m.payload.size(), 1, false);
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
        auto receipt = decode_receipt((*msg)->get_payload_str());
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
