#pragma once
// One short MQTT session of the reference handheld: connect and subscribe, hear the hub's
// receipts, send the outbox in order, and wait for what closes each message. The connection
// itself is the one every program uses (adapters/mqtt_session.hpp).
#include "mqtt_session.hpp"
#include "outbox_file.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
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
    // what arrives for it) between runs, for listening. `topics` are heard from the connect on.
    // `broker`: the address and this handheld's login.
    BrokerSession(const MqttSessionOptions& broker, const std::string& client_id, bool persistent,
                  std::vector<std::string> topics);

    // Connected and subscribed within `timeout`; false when the broker cannot be reached.
    bool connect(std::chrono::milliseconds timeout) { return session_.connect(timeout); }
    // Sends the outbox oldest first and waits up to `wait` for receipts. Prints one line per
    // message that is closed. Writes the outbox after.
    FlushResult flush(OutboxFile& outbox, std::chrono::milliseconds wait);
    // The next message's payload on the subscriptions, or nullopt after `timeout`.
    std::optional<std::string> next(std::chrono::milliseconds timeout);

private:
    std::mutex mutex_;
    std::condition_variable arrived_;
    std::deque<std::string> heard_;
    MqttSession session_; // last: its callback uses the members above
};

} // namespace platslage::handheld
