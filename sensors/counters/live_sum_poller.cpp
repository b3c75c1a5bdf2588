#include "live_sum_poller.hpp"

#include "axis_live_sum.hpp"
#include "poll_schedule.hpp"

#include <httplib.h>

namespace platslage::counters {

LiveSumAnswer fetch_live_sum(const LiveSumCamera& camera) {
    httplib::Client client(camera.origin);
    client.set_connection_timeout(camera.timeout);
    client.set_read_timeout(camera.timeout);
    client.set_write_timeout(camera.timeout);
    if (camera.credentials) {
        if (camera.credentials->digest)
            client.set_digest_auth(camera.credentials->user, camera.credentials->password);
        else
            client.set_basic_auth(camera.credentials->user, camera.credentials->password);
    }
    LiveSumAnswer answer;
    bool too_large = false;
    auto result = client.Get(
        camera.target,
        [&](const httplib::Response&) {
            // Digest authentication is a second request: only the last answer's body counts.
            answer.body.clear();
            return true;
        },
        [&](const char* data, std::size_t n) {
            if (answer.body.size() + n > live_sum_max_bytes) {
                too_large = true;
                return false; // stop reading: no live sum is this long
            }
            answer.body.append(data, n);
            return true;
        });
    if (result) {
        answer.status = result->status;
        return answer;
    }
    answer.body.clear();
    answer.transport_detail = httplib::to_string(result.error());
    switch (result.error()) {
    case httplib::Error::Canceled:
        answer.transport = too_large ? LiveSumAnswer::Transport::too_large : LiveSumAnswer::Transport::unreachable;
        break;
    case httplib::Error::ConnectionTimeout:
    case httplib::Error::Read: // the read timeout, or the camera hung up mid-answer
        answer.transport = LiveSumAnswer::Transport::timeout;
        break;
    default: answer.transport = LiveSumAnswer::Transport::unreachable;
    }
    return answer;
}

LiveSumPoller::LiveSumPoller(std::vector<LiveSumCamera> cameras, Mailbox<PolledLiveSum>& out)
    : cameras_(std::move(cameras)), out_(out), thread_([this] { run(); }) {}

LiveSumPoller::~LiveSumPoller() { stop(); }

void LiveSumPoller::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void LiveSumPoller::run() {
    std::vector<std::chrono::seconds> periods;
    for (const auto& c : cameras_) periods.push_back(c.every);
    PollSchedule schedule(periods, std::chrono::steady_clock::now());
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        for (auto i : schedule.take_due(std::chrono::steady_clock::now())) {
            lock.unlock();
            auto answer = fetch_live_sum(cameras_[i]);
            lock.lock();
            if (stopping_) return;
            out_.push({i, std::move(answer)});
        }
        if (schedule.empty())
            wake_.wait(lock, [this] { return stopping_; });
        else
            wake_.wait_until(lock, schedule.next_due(), [this] { return stopping_; });
    }
}

} // namespace platslage::counters
