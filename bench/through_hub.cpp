#include "through_hub.hpp"

#include "baselines.hpp"
#include "thread_cpu.hpp"

#include "wire.hpp"
#include "zmq_frames.hpp"

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace platslage::bench {

namespace {

using Clock = std::chrono::steady_clock;

// Watches the hub's PUB socket for report/ keys and notes when each report id first appears.
class ReportWatch {
public:
    ReportWatch(zmq::context_t& ctx, const test::HubPorts& ports, const std::optional<CurveClientKeys>& keys)
        : sub_(ctx, zmq::socket_type::sub) {
        sub_.set(zmq::sockopt::linger, 0);
        sub_.set(zmq::sockopt::rcvhwm, 0); // keep every update: the count is checked
        sub_.set(zmq::sockopt::subscribe, "report/");
        secure_client(sub_, keys);
        sub_.connect(test::loopback(ports.pub));
        std::this_thread::sleep_for(std::chrono::milliseconds(200)); // the subscription reaches the PUB
        thread_ = std::thread([this] { run(); });
    }
    ~ReportWatch() {
        stop_ = true;
        if (thread_.joinable()) thread_.join();
    }
    ReportWatch(const ReportWatch&) = delete;
    ReportWatch& operator=(const ReportWatch&) = delete;

    std::size_t count() const { return count_; }

    // After the thread has stopped: report id → when it was seen.
    std::unordered_map<std::string, Clock::time_point> finish() {
        stop_ = true;
        if (thread_.joinable()) thread_.join();
        return std::move(seen_);
    }

private:
    void run() {
        while (!stop_) {
            zmq::pollitem_t items[] = {{sub_.handle(), 0, ZMQ_POLLIN, 0}};
            zmq::poll(items, 1, std::chrono::milliseconds(50));
            while (auto f = recv_frames(sub_, true)) {
                auto at = Clock::now();
                auto p = decode_published(*f);
                if (!p || p->heartbeat || p->update.body.empty()) continue;
                auto j = nlohmann::json::parse(p->update.body, nullptr, false);
                if (j.is_object() && j.contains("id") && j["id"].is_string() && seen_.emplace(j["id"].get<std::string>(), at).second)
                    ++count_;
            }
        }
    }

    zmq::socket_t sub_;
    std::atomic<bool> stop_{false};
    std::atomic<std::size_t> count_{0};
    std::unordered_map<std::string, Clock::time_point> seen_;
    std::thread thread_;
};

std::int64_t events_in(test::Hub& hub) { return hub.status()["events_in"].get<std::int64_t>(); }

} // namespace

ReportRun hub_reports(test::Hub& hub, const std::string& broker_url, const std::vector<Outgoing>& reports, int window) {
    zmq::context_t ctx(1);
    ReportWatch watch(ctx, hub.ports(), hub.endpoints("viewer-1").keys);
    auto stored_before = test::sql_count(hub.db(), "SELECT count(*) FROM guard_reports");
    auto cpu_before = thread_cpu(hub.process().pid());
    auto trip = qos1_round_trip(broker_url, "sim", "platslage-bench-handhelds", reports, "platslage/v1/+/guard/+/receipt", window,
                                std::chrono::seconds(60), /*nagle_off=*/true, quiet_pause(window));
    // Published after the commit and the receipt, so the last few may still be on their way.
    test::eventually([&] { return watch.count() >= reports.size(); }, std::chrono::seconds(10));
    auto seen = watch.finish();
    auto cpu_after = thread_cpu(hub.process().pid());

    auto stored = test::sql_count(hub.db(), "SELECT count(*) FROM guard_reports") - stored_before;
    if (trip.answered != reports.size() || trip.by_status["stored"] != reports.size() ||
        stored != static_cast<std::int64_t>(reports.size()))
        throw std::runtime_error("hub reports: " + std::to_string(trip.by_status["stored"]) + " receipted stored, " +
                                 std::to_string(stored) + " in SQLite, of " + std::to_string(reports.size()));
    std::vector<double> to_pub;
    Clock::time_point last{};
    Clock::time_point first = Clock::time_point::max();
    for (const auto& [id, sent] : trip.sent_at) {
        first = std::min(first, sent);
        auto it = seen.find(id);
        if (it == seen.end()) continue;
        to_pub.push_back(std::chrono::duration<double, std::milli>(it->second - sent).count());
        last = std::max(last, it->second);
    }
    if (to_pub.size() != reports.size())
        throw std::runtime_error("hub reports: " + std::to_string(to_pub.size()) + " of " + std::to_string(reports.size()) +
                                 " seen on the PUB socket");
    ReportRun run;
    bool single = window == 1;
    run.receipt.path = single ? "one at a time: report → hub → receipt" : "report → hub (checked, committed) → receipt";
    run.receipt.baseline = echo_path(window, true);
    run.receipt.messages = trip.answered;
    run.receipt.seconds = trip.seconds;
    run.receipt.delay = spread(trip.delay_ms);
    run.receipt.has_delay = true;
    run.receipt.cpu_us_per_message = cpu_us_per_message(cpu_before, cpu_after, reports.size());
    run.published.path = single ? "one at a time: report → hub → update on the PUB" : "report → hub → update on the consoles' PUB";
    run.published.baseline = run.receipt.baseline;
    run.published.messages = to_pub.size();
    run.published.seconds = std::chrono::duration<double>(last - first).count();
    run.published.delay = spread(std::move(to_pub));
    run.published.has_delay = true;
    run.receipt.paced = run.published.paced = single;
    return run;
}

Result hub_samples(test::Hub& hub, const std::vector<std::string>& samples) {
    zmq::context_t ctx(1);
    zmq::socket_t push(ctx, zmq::socket_type::push);
    push.set(zmq::sockopt::linger, 5000);
    secure_client(push, hub.endpoints("sensor").keys);
    push.connect(test::loopback(hub.ports().ingest));
    auto before = events_in(hub);
    auto target = before + static_cast<std::int64_t>(samples.size());
    auto cpu_before = thread_cpu(hub.process().pid());
    auto start = Clock::now();
    for (const auto& s : samples) send_frames(push, encode_occupancy(s));
    // STATUS is answered between batches, so it never sees half a commit.
    Clock::time_point done{};
    bool all = test::eventually(
        [&] {
            if (events_in(hub) < target) return false;
            done = Clock::now();
            return true;
        },
        std::chrono::seconds(120));
    auto cpu_after = thread_cpu(hub.process().pid());
    auto stored = test::sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='occupancy'");
    if (!all || stored < static_cast<std::int64_t>(samples.size()))
        throw std::runtime_error("hub samples: " + std::to_string(events_in(hub) - before) + " taken, " + std::to_string(stored) +
                                 " in SQLite, of " + std::to_string(samples.size()));
    Result r;
    r.path = "sample → hub (checked, committed, fused, published)";
    r.baseline = "libzmq PUSH → PULL";
    r.messages = samples.size();
    r.seconds = std::chrono::duration<double>(done - start).count();
    r.cpu_us_per_message = cpu_us_per_message(cpu_before, cpu_after, samples.size());
    return r;
}

} // namespace platslage::bench
