#pragma once
// One short MQTT session of the reference handheld (Eclipse Paho C++): connect, hear the
// hub's receipts, send the outbox in order, and wait for what closes each message.
#include "outbox_file.hpp"

#include <mqtt/async_client.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace platslage::handheld {

struct FlushResult {
    std::size_t done = 0;    // stored, duplicate, or acknowledged by the broker
    std::size_t refused = 0; // the hub said why; printed, and out of the outbox
    std::size_t kept = 0;    // still in the outbox: broker away, or no receipt in time
};

class BrokerSession {
public:
    // `client_id` must be unique per handheld; `persistent` keeps the broker's session (and
    // what arrives for it) between runs, for listening.
    BrokerSession(const std::string& uri, const std::string& client_id, bool persistent);
    ~BrokerSession();

    // False when the broker cannot be reached within `timeout`.
    bool connect(std::chrono::milliseconds timeout);
    void subscribe(const std::vector<std::string>& topics);
    // Sends the outbox oldest first and waits up to `wait` for receipts. Prints one line per
    // message that is closed. Writes the outbox after.
    FlushResult flush(OutboxFile& outbox, std::chrono::milliseconds wait);
    // The next message on the subscriptions, or nullopt after `timeout`.
    std::optional<mqtt::const_message_ptr> next(std::chrono::milliseconds timeout);

private:
    mqtt::async_client client_;
    mqtt::connect_options options_;
};

} // namespace platslage::handheld
