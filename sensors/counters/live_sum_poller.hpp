#pragma once
// Polls the [[live-sum]] cameras over HTTP (cpp-httplib) on their own thread, one camera at
// a time, each on its period (poll_schedule.hpp), and hands every answer, or the lack of
// one, to the adapter's loop. What an answer means is decided there (live_sum_exchange.hpp),
// so this thread only moves bytes and never touches the counts or the hub's socket.
#include "live_sum_camera.hpp"
#include "live_sum_exchange.hpp"
#include "mailbox.hpp"

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

namespace platslage::counters {

struct PolledLiveSum {
    std::size_t camera; // index into the cameras the poller was given
    LiveSumAnswer answer;
};

class LiveSumPoller {
public:
    LiveSumPoller(std::vector<LiveSumCamera> cameras, Mailbox<PolledLiveSum>& out);
    ~LiveSumPoller();
    LiveSumPoller(const LiveSumPoller&) = delete;
    LiveSumPoller& operator=(const LiveSumPoller&) = delete;

    // Waits for a poll under way (at most its camera's timeouts) and ends the thread.
    void stop();

private:
    void run();

    std::vector<LiveSumCamera> cameras_;
    Mailbox<PolledLiveSum>& out_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

// One GET of a camera's live sum. Blocks for at most the camera's timeouts.
LiveSumAnswer fetch_live_sum(const LiveSumCamera& camera);

} // namespace platslage::counters
