#pragma once
// A plain Paho client that publishes QoS 1 messages, keeping a fixed number unanswered at a
// time (as a fleet of handhelds would), and times each one until its answer comes back on
// another topic: the receipt from the hub, or the copy from a plain echo client.
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace platslage::bench {

struct Outgoing {
    std::string id; // what the answer carries back in its "id"
    std::string topic, payload;
};

struct RoundTrip {
    std::size_t sent = 0, answered = 0;
    double seconds = 0;                            // first publish to last answer
    std::vector<double> delay_ms;                  // publish → answer, one per answered message
    std::map<std::string, std::size_t> by_status;  // the answers' "status" ("stored", …; "echo" without one)
    std::unordered_map<std::string, std::chrono::steady_clock::time_point> sent_at; // by id
};

// Publishes `messages` through the broker at `url`, at most `window` unanswered at a time,
// and collects the answers on `answer_filter`. Gives up `limit` after the last publish.
// A `pause` before each publish after the first makes it a quiet night's pace: the one
// before is answered and acknowledged at the TCP level by then, as for a lone handheld.
// With `nagle_off` the sender's connection gets TCP_NODELAY (adapters/tcp_nodelay.hpp).
// The client logs in as the broker user `user` (the test site's).
RoundTrip qos1_round_trip(const std::string& url, const std::string& user, const std::string& client_id, const std::vector<Outgoing>& messages,
                          const std::string& answer_filter, int window, std::chrono::seconds limit, bool nagle_off,
                          std::chrono::milliseconds pause = std::chrono::milliseconds(0));

// The broker's port in a "tcp://host:port" or "ssl://host:port" URL.
int port_of(const std::string& url);

// One message at a time is a quiet night: a pause longer than Linux's delayed ACK (40 ms)
// between them. Many at once are a busy minute: no pause.
inline std::chrono::milliseconds quiet_pause(int window) { return std::chrono::milliseconds(window == 1 ? 100 : 0); }

// A plain Paho client that sends every message on `in_filter` back on `out_topic`, QoS 1:
// the broker's own round trip, with nothing stored and nothing checked. With `nagle_off` its
// connection gets TCP_NODELAY as the hub's does (adapters/tcp_nodelay.hpp).
class Echo {
public:
    // Logs in as `user`, who must be allowed to read `in_filter` and publish on `out_topic`.
    Echo(const std::string& url, const std::string& user, const std::string& in_filter, std::string out_topic, bool nagle_off);
    ~Echo();
    Echo(const Echo&) = delete;
    Echo& operator=(const Echo&) = delete;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace platslage::bench
