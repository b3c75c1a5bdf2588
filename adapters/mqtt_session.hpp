#pragma once
// The one MQTT connection every program uses (Eclipse Paho C++): the hub, the reference
// handheld, the simulator's devices and the counters adapter. Connecting, retrying until the
// first connect, Paho's automatic reconnect after it, the subscriptions made again after
// every connect, Nagle's algorithm off, the last will, the session kept or not, and the
// largest packet taken are all set here, once; so are the broker login and TLS.
//
// Paho's callbacks run on its own thread. This class only sets flags there and hands each
// message to `on_message` (which must be quick and thread-safe: a Mailbox push, say); the
// program's loop calls maintain() and does everything else.
#include <mqtt/async_client.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace platslage {

struct MqttSessionOptions {
    std::string uri;       // ssl://host:port (TLS), or tcp://127.0.0.1:port on the loopback listener
    std::string client_id; // unique per program instance at the broker
    // The broker login: every device and program has a user of its own (docs/security.md).
    // The password is read from a 0600 file by the program (adapters/secret_file.hpp), never
    // taken from a command line. Both empty: no login (a broker for development only).
    std::string username;
    std::string password;
    // For an ssl:// URI: the certificate authority the broker's certificate must chain to. The
    // certificate must also name the host of the URI (ssl://localhost:8883 needs `localhost`).
    std::string ca_file;
    // Kept by the broker between connections (and what arrives for it while away): MQTT 3.1.1
    // clean_session=false, or in MQTT 5 clean_start=false with a session that never expires.
    bool persistent = false;
    // MQTT 5 rather than 3.1.1: needed for `max_packet` (the hub).
    bool mqtt5 = false;
    // MQTT 5's Maximum Packet Size: the broker never sends this client a larger packet. Paho
    // would otherwise keep a read buffer as large as the largest packet it ever read.
    std::size_t max_packet = 0; // 0: no limit asked
    // Publications Paho queues while they go out; the hub sends thousands of receipts a turn.
    int max_buffered = 100;
    // Subscribed at QoS 1 after every connect (a clean session forgets them).
    std::vector<std::string> subscriptions;
    // Sent by the broker, QoS 1, if the connection drops without a goodbye.
    std::optional<std::pair<std::string, std::string>> will; // topic, payload
    // Paho reconnects by itself after the first connect; a short-lived session (the handheld
    // tool's) does not.
    bool reconnect = true;
    std::chrono::seconds connect_timeout{5};
    std::chrono::seconds keep_alive{10};
    // Names the connection in log lines ("mqtt", or a device's id).
    std::string log_name = "mqtt";
    // Log a connect at info level (the programs) or debug (each of the simulator's devices).
    bool quiet = false;
};

class MqttSession final : public virtual mqtt::callback {
public:
    using MessageHandler = std::function<void(mqtt::const_message_ptr)>;

    MqttSession(MqttSessionOptions options, MessageHandler on_message);
    ~MqttSession() override;
    MqttSession(const MqttSession&) = delete;
    MqttSession& operator=(const MqttSession&) = delete;

    // From the loop, never blocking: start the connection, or retry it every 2 s until the
    // first connect succeeds; Paho's automatic reconnect takes over after that.
    void maintain();
    // Blocking: connect within `timeout` (the handheld tool's short session).
    bool connect(std::chrono::milliseconds timeout);

    bool connected() const { return connected_; }
    // Connected, and the broker has confirmed the subscriptions made after this connect.
    bool subscribed() const;
    // Counts connects (the first and each reconnect): a caller renews what it announces
    // (a device's online flag) when this changes.
    std::uint64_t connects() const { return connects_; }

    // Never blocks: Paho queues the message. Null when it could not be queued (not connected,
    // queue full); the reason is logged at debug level.
    mqtt::delivery_token_ptr publish(const std::string& topic, const std::string& payload, int qos = 1,
                                     bool retain = false);
    // Disconnects cleanly (the broker does not send the will), waiting up to `wait`.
    void disconnect(std::chrono::milliseconds wait = std::chrono::milliseconds(2000));

private:
    void connected(const std::string& cause) override;
    void connection_lost(const std::string& cause) override;
    void message_arrived(mqtt::const_message_ptr msg) override;
    void delivery_complete(mqtt::delivery_token_ptr) override {}
    void subscribe_all();
    void start_or_retry();
    void log_connect_failure(const std::string& why);
    void log_refused_subscriptions();

    MqttSessionOptions options_;
    MessageHandler on_message_;
    mqtt::async_client client_;
    mqtt::connect_options connect_options_;

    std::atomic<bool> connected_{false};
    std::atomic<std::uint64_t> connects_{0};
    bool ever_connected_ = false; // loop thread only
    mqtt::token_ptr pending_connect_;
    std::chrono::steady_clock::time_point next_attempt_{};
    std::uint64_t confirmed_for_ = 0; // the connect whose subscriptions were last logged
    std::string last_failure_;        // the last connect failure logged, so a retry every 2 s logs once

    mutable std::mutex subscribe_mutex_; // the token is set on Paho's thread, read on the loop's
    mqtt::token_ptr pending_subscribe_;
    std::uint64_t subscribed_for_ = 0; // the connect whose subscriptions pending_subscribe_ is
};

} // namespace platslage
