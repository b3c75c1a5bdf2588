#include "live_sum_listener.hpp"

#include "axis_live_sum.hpp"

#include <httplib.h>

#include <chrono>
#include <stdexcept>

namespace platslage::counters {

namespace {
// The loop answers within a turn (250 ms at most); longer means it is stopping.
constexpr auto verdict_wait = std::chrono::seconds(3);
} // namespace

LiveSumListener::LiveSumListener(const std::string& host, int port, Mailbox<PushedLiveSum>& inbox)
    : server_(std::make_unique<httplib::Server>()) {
    server_->set_payload_max_length(live_sum_max_bytes);
    server_->set_read_timeout(std::chrono::seconds(5));
    server_->Post(std::string(live_sum_push_path), [&inbox](const httplib::Request& req, httplib::Response& res) {
        auto verdict = std::make_shared<std::promise<PushVerdict>>();
        auto answer = verdict->get_future();
        inbox.push(PushedLiveSum{req.body, req.remote_addr, std::move(verdict)});
        if (answer.wait_for(verdict_wait) != std::future_status::ready) {
            res.status = 503;
            res.set_content("the adapter is stopping; push again later\n", "text/plain");
            return;
        }
        auto v = answer.get();
        res.status = v.status;
        if (!v.body.empty()) res.set_content(v.body, "text/plain");
    });
    // The server's own refusals get a line saying what to do, like the adapter's own.
    server_->set_error_handler([&inbox](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        if (res.status == 413) {
            res.set_content("refused (oversize): a live sum is at most " + std::to_string(live_sum_max_bytes) + " bytes\n",
                            "text/plain");
            inbox.push(PushedLiveSum{{}, req.remote_addr, nullptr}); // counted and logged like every refusal
        } else if (res.status == 404)
            res.set_content("POST live sums to " + std::string(live_sum_push_path) + "\n", "text/plain");
    });
    if (!server_->bind_to_port(host, port))
        throw std::runtime_error("--http-listen: cannot listen on " + host + ":" + std::to_string(port));
    thread_ = std::thread([this] { server_->listen_after_bind(); });
}

LiveSumListener::~LiveSumListener() { stop(); }

void LiveSumListener::stop() {
    server_->stop();
    if (thread_.joinable()) thread_.join();
}

} // namespace platslage::counters
