#include "mqtt_session.hpp"

#include "tcp_nodelay.hpp"

#include <openssl/crypto.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <limits>
#include <mutex>
#include <thread>

namespace platslage {

namespace {
mqtt::connect_options make_connect_options(const MqttSessionOptions& o) {
    mqtt::connect_options_builder b;
    b.keep_alive_interval(o.keep_alive).connect_timeout(o.connect_timeout);
    if (o.mqtt5) b.mqtt_version(MQTTVERSION_5).clean_start(!o.persistent);
    else b.clean_session(!o.persistent);
    if (o.reconnect) b.automatic_reconnect(std::chrono::seconds(1), std::chrono::seconds(8));
    if (o.will) b.will(mqtt::message(o.will->first, o.will->second.data(), o.will->second.size(), 1, false));
    if (!o.username.empty()) b.user_name(o.username).password(o.password);
    if (o.uri.rfind("ssl://", 0) == 0 || o.uri.rfind("mqtts://", 0) == 0) {
        // The broker proves who it is: its certificate must chain to our CA and name the host
        // we asked for (Paho's `verify`); TLS 1.2 at least.
        if (o.ca_file.empty()) throw std::invalid_argument(o.uri + ": TLS needs the CA certificate (--mqtt-ca)");
        b.ssl(mqtt::ssl_options_builder()
                  .trust_store(o.ca_file)
                  .enable_server_cert_auth(true)
                  .verify(true)
                  .ssl_version(MQTT_SSL_VERSION_TLS_1_2)
                  .finalize());
    }
    auto options = b.finalize();
    if (o.mqtt5) {
        // Set on the options themselves: the builder's copy does not carry properties over
        // (Paho C++ 1.2). A persistent MQTT 5 session never expires, as clean_session=false did.
        mqtt::properties props;
        if (o.persistent) props.add({mqtt::property::SESSION_EXPIRY_INTERVAL, std::numeric_limits<std::int32_t>::max()});
        if (o.max_packet > 0) props.add({mqtt::property::MAXIMUM_PACKET_SIZE, static_cast<std::int32_t>(o.max_packet)});
        options.set_properties(props);
    }
    return options;
}

// Paho's threads outlive a client by a moment: its sending thread tells the client being
// destroyed that it has stopped, and only then calls OPENSSL_thread_stop(). A program that
// returns from main in that moment runs OpenSSL's exit handler, which frees the lock that call
// takes (ThreadSanitizer saw it in the handheld, and in platslage-counters). OpenSSL is asked
// to leave its state alone at exit: the end of the process frees it all the same. Only the
// first initialisation decides, and a library can make it as it is loaded (Debian's
// cpp-httplib does, in platslage-counters), before any static initialiser of the program: so
// it is asked from the program's .preinit_array, which the loader runs before any library's
// initialisers (libcrypto's own is only the compiler's frame_dummy).
void leave_openssl_alone_at_exit(int, char**, char**) { OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr); }
[[gnu::used, gnu::section(".preinit_array")]] void (*const openssl_at_exit_first)(int, char**, char**) =
    &leave_openssl_alone_at_exit;

// Paho C keeps a trace in memory of every function it enters and every packet it handles,
// formatted under a lock of its own, for a trace callback or file; none is set, so nothing
// reads it. At the default level that was about a tenth of Paho's own thread's CPU in the
// hub (perf, docs/performance.md). Errors only, unless someone debugging asked for a trace
// (Paho's MQTT_C_CLIENT_TRACE variable).
void keep_paho_trace_to_errors() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (const char* trace = std::getenv("MQTT_C_CLIENT_TRACE"); trace && *trace) return;
        MQTTAsync_setTraceLevel(MQTTASYNC_TRACE_ERROR);
    });
}
} // namespace

MqttSession::MqttSession(MqttSessionOptions options, MessageHandler on_message)
    : options_(std::move(options)), on_message_(std::move(on_message)),
      // No Paho persistence: each program keeps what must survive it (the hub's log, the
      // handheld's outbox file, the broker's session).
      client_(options_.uri, options_.client_id,
              mqtt::create_options(options_.mqtt5 ? MQTTVERSION_5 : MQTTVERSION_DEFAULT, options_.max_buffered),
              static_cast<mqtt::iclient_persistence*>(nullptr)),
      connect_options_(make_connect_options(options_)) {
    keep_paho_trace_to_errors();
    client_.set_callback(*this);
}

MqttSession::~MqttSession() { disconnect(std::chrono::milliseconds(1000)); }

void MqttSession::maintain() {
    start_or_retry();
    // Said once per connect, from the loop's thread: a reader of the log (and a test) knows
    // from here on what is published on these topics is heard.
    if (std::uint64_t connects = connects_; connects != confirmed_for_ && subscribed() && !options_.subscriptions.empty()) {
        confirmed_for_ = connects;
        log_refused_subscriptions();
        std::string list;
        for (const auto& f : options_.subscriptions) list += (list.empty() ? "" : ", ") + f;
        if (options_.quiet) spdlog::debug("{}: subscribed to {}", options_.log_name, list);
        else spdlog::info("{}: subscribed to {}", options_.log_name, list);
    }
}

void MqttSession::start_or_retry() {
    if (ever_connected_) return; // Paho's automatic reconnect takes over
    if (pending_connect_) {
        if (!pending_connect_->is_complete()) return;
        auto finished = std::move(pending_connect_);
        if (client_.is_connected()) {
            ever_connected_ = true;
            last_failure_.clear();
            return;
        }
        log_connect_failure("reason " + std::to_string(finished->get_reason_code()) + ", return code " +
                            std::to_string(finished->get_return_code()));
    }
    auto now = std::chrono::steady_clock::now();
    if (now < next_attempt_) return;
    next_attempt_ = now + std::chrono::seconds(2);
    try {
        pending_connect_ = client_.connect(connect_options_);
    } catch (const mqtt::exception& e) {
        log_connect_failure(e.what());
    }
}

void MqttSession::log_connect_failure(const std::string& why) {
    // A wrong password or an untrusted certificate fails the same way every 2 s: say it once.
    if (why == last_failure_) return;
    last_failure_ = why;
    spdlog::warn("{}: cannot connect to {} as {}: {} (a refused login or certificate shows in the broker's log)",
                 options_.log_name, options_.uri, options_.username.empty() ? "nobody" : options_.username, why);
}

void MqttSession::log_refused_subscriptions() {
    // MQTT 3.1.1 grants 0-2 per filter and 0x80 for a refusal; MQTT 5 reason codes ≥ 0x80 are
    // refusals too (0x87: not authorised by the broker's access control).
    std::lock_guard lock(subscribe_mutex_);
    if (!pending_subscribe_) return;
    std::vector<mqtt::ReasonCode> codes;
    try {
        codes = pending_subscribe_->get_subscribe_response().get_reason_codes();
    } catch (const std::exception&) {
        return;
    }
    for (std::size_t i = 0; i < codes.size() && i < options_.subscriptions.size(); ++i)
        if (static_cast<int>(codes[i]) >= 0x80)
            spdlog::error("{}: the broker refused the subscription to {} (code 0x{:x}): this user may not read it",
                          options_.log_name, options_.subscriptions[i], static_cast<int>(codes[i]));
}

bool MqttSession::connect(std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    try {
        auto token = client_.connect(connect_options_);
        if (!token->wait_for(timeout) || !client_.is_connected()) return false;
    } catch (const mqtt::exception& e) {
        spdlog::debug("{}: cannot connect to {}: {}", options_.log_name, options_.uri, e.what());
        return false;
    }
    ever_connected_ = true;
    while (!subscribed()) {
        // Paho calls connected() just after the token completes: subscribed() waits for it.
        if (std::chrono::steady_clock::now() >= until || !client_.is_connected()) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    log_refused_subscriptions();
    return true;
}

bool MqttSession::subscribed() const {
    if (!connected_) return false;
    if (options_.subscriptions.empty()) return true;
    std::lock_guard lock(subscribe_mutex_);
    return pending_subscribe_ && subscribed_for_ == connects_ && pending_subscribe_->is_complete();
}

mqtt::delivery_token_ptr MqttSession::publish(const std::string& topic, const std::string& payload, int qos, bool retain) {
    try {
        return client_.publish(topic, payload.data(), payload.size(), qos, retain);
    } catch (const mqtt::exception& e) {
        spdlog::debug("{}: publish to {} failed: {}", options_.log_name, topic, e.what());
        return nullptr;
    }
}

void MqttSession::disconnect(std::chrono::milliseconds wait) {
    try {
        if (client_.is_connected()) client_.disconnect(wait / 4)->wait_for(wait);
    } catch (const mqtt::exception&) {
        // going away anyway: a persistent session stays at the broker
    }
    connected_ = false;
}

void MqttSession::subscribe_all() {
    if (options_.subscriptions.empty()) return;
    try {
        auto filters = mqtt::string_collection::create(options_.subscriptions);
        auto token = client_.subscribe(filters, std::vector<int>(options_.subscriptions.size(), 1));
        std::lock_guard lock(subscribe_mutex_);
        pending_subscribe_ = std::move(token);
        subscribed_for_ = connects_;
    } catch (const mqtt::exception& e) {
        spdlog::error("{}: subscribing after connect failed: {}", options_.log_name, e.what());
    }
}

void MqttSession::connected(const std::string&) {
    connected_ = true;
    ++connects_;
    if (options_.quiet) spdlog::debug("{}: connected to {}", options_.log_name, options_.uri);
    else spdlog::info("{}: connected to {}", options_.log_name, options_.uri);
    // A receipt or an answer follows its PUBACK at once; without this it waits for a delayed
    // TCP ACK (adapters/tcp_nodelay.hpp).
    if (int port = broker_port(options_.uri); port > 0) disable_nagle_towards(port);
    subscribe_all();
}

void MqttSession::connection_lost(const std::string& cause) {
    connected_ = false;
    spdlog::warn("{}: connection lost{}{}; {}", options_.log_name, cause.empty() ? "" : ": ", cause,
                 options_.reconnect ? "reconnecting" : "not reconnecting");
}

void MqttSession::message_arrived(mqtt::const_message_ptr msg) {
    if (on_message_) on_message_(std::move(msg));
}

} // namespace platslage
