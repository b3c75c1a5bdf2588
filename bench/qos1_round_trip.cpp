#include "qos1_round_trip.hpp"

#include "tcp_nodelay.hpp"
#include "test_site.hpp"

#include <mqtt/async_client.h>
#include <nlohmann/json.hpp>

#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_set>

namespace platslage::bench {

namespace {

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

mqtt::connect_options options(const std::string& url, const std::string& user, int inflight) {
    // Clean session: a benchmark run starts from nothing and leaves nothing queued behind.
    // Logged in as `user`, over TLS for an ssl:// broker, as the hub's clients are.
    auto o = test::connect_options_for(url, user);
    o.set_max_inflight(inflight);
    return o;
}

// Collects answers on the Paho callback thread and wakes the publishing thread.
class Answers : public mqtt::callback {
public:
    explicit Answers(RoundTrip& trip) : trip_(trip) {}

    void message_arrived(mqtt::const_message_ptr msg) override {
        auto at = Clock::now();
        auto j = nlohmann::json::parse(msg->get_payload_str(), nullptr, false);
        if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) return;
        std::string status = j.contains("status") && j["status"].is_string() ? j["status"].get<std::string>() : "echo";
        std::lock_guard lock(mutex);
        auto it = trip_.sent_at.find(j["id"].get<std::string>());
        if (it == trip_.sent_at.end() || !answered_ids.insert(it->first).second) return; // not ours, or twice
        trip_.delay_ms.push_back(ms_between(it->second, at));
        ++trip_.by_status[status];
        ++trip_.answered;
        last = at;
        woken.notify_all();
    }

    std::mutex mutex;
    std::condition_variable woken;
    Clock::time_point last{};
    std::unordered_set<std::string> answered_ids;

private:
    RoundTrip& trip_;
};

} // namespace

int port_of(const std::string& url) { return std::stoi(url.substr(url.rfind(':') + 1)); }

RoundTrip qos1_round_trip(const std::string& url, const std::string& user, const std::string& client_id, const std::vector<Outgoing>& messages,
                          const std::string& answer_filter, int window, std::chrono::seconds limit, bool nagle_off,
                          std::chrono::milliseconds pause) {
    RoundTrip trip;
    trip.sent_at.reserve(messages.size());
    mqtt::async_client client(url, client_id, static_cast<mqtt::iclient_persistence*>(nullptr));
    Answers answers(trip);
    client.set_callback(answers);
    client.connect(options(url, user, window + 16))->wait();
    client.subscribe(answer_filter, 1)->wait();
    if (nagle_off) disable_nagle_towards(port_of(url));

    Clock::time_point first{};
    for (const auto& m : messages) {
        if (pause.count() > 0 && trip.sent > 0) std::this_thread::sleep_for(pause);
        {
            std::unique_lock lock(answers.mutex);
            // Keep `window` unanswered, like a fleet of handhelds; give up if answers stop.
            if (!answers.woken.wait_for(lock, limit, [&] { return trip.sent - trip.answered < static_cast<std::size_t>(window); }))
                break;
            auto now = Clock::now();
            if (trip.sent == 0) first = now;
            trip.sent_at.emplace(m.id, now);
            ++trip.sent;
        }
        client.publish(m.topic, m.payload.data(), m.payload.size(), 1, false);
    }
    {
        std::unique_lock lock(answers.mutex);
        answers.woken.wait_for(lock, limit, [&] { return trip.answered == trip.sent; });
        trip.seconds = trip.answered > 0 ? ms_between(first, answers.last) / 1000.0 : 0;
    }
    try {
        client.disconnect()->wait_for(std::chrono::seconds(5));
    } catch (const mqtt::exception&) {
    }
    std::lock_guard lock(answers.mutex); // the callback thread is done with `trip`
    return trip;
}

struct Echo::Impl : mqtt::callback {
    Impl(const std::string& url, std::string in, std::string out, std::string login)
        : user(std::move(login)), client(url, "platslage-bench-echo", static_cast<mqtt::iclient_persistence*>(nullptr)), in_filter(std::move(in)),
          out_topic(std::move(out)) {}

    void message_arrived(mqtt::const_message_ptr msg) override {
        // Straight back, QoS 1, without waiting on the token: what a relay does at best.
        client.publish(out_topic, msg->get_payload_str().data(), msg->get_payload_str().size(), 1, false);
    }

    std::string user;
    mqtt::async_client client;
    std::string in_filter, out_topic;
};

Echo::Echo(const std::string& url, const std::string& user, const std::string& in_filter, std::string out_topic, bool nagle_off)
    : impl_(std::make_unique<Impl>(url, in_filter, std::move(out_topic), user)) {
    impl_->client.set_callback(*impl_);
    impl_->client.connect(options(url, user, 1024))->wait();
    // Only the echo's connection exists to the broker now: the sender connects later.
    if (nagle_off && disable_nagle_towards(port_of(url)) != 1)
        throw std::runtime_error("echo: could not turn Nagle's algorithm off");
    impl_->client.subscribe(in_filter, 1)->wait();
}

Echo::~Echo() {
    try {
        impl_->client.disconnect()->wait_for(std::chrono::seconds(5));
    } catch (const mqtt::exception&) {
    }
}

} // namespace platslage::bench
