#pragma once
// The optional HTTP side that takes pushed live sums (--http-listen): POST the live sum's
// JSON to /axis/live-sum. The server (cpp-httplib) runs its own threads; each push is handed
// to the adapter's loop, which reads it exactly as a polled one and decides the answer
// (live_sum_exchange.hpp: 204 taken, 400 refused with the reason). Bodies over the live
// sum's limit are answered 413 by the server before anything reads them.
#include "live_sum_exchange.hpp"
#include "mailbox.hpp"

#include <memory>
#include <future>
#include <string>
#include <string_view>
#include <thread>

namespace httplib {
class Server;
}

namespace platslage::counters {

inline constexpr std::string_view live_sum_push_path = "/axis/live-sum";

struct PushedLiveSum {
    std::string body;
    std::string peer; // the pushing side's address, for log lines
    // Unset for a body the server already answered 413: handed over only to be logged and counted.
    std::shared_ptr<std::promise<PushVerdict>> verdict;
};

class LiveSumListener {
public:
    // Binds at once: throws std::runtime_error when the address cannot be had.
    LiveSumListener(const std::string& host, int port, Mailbox<PushedLiveSum>& inbox);
    ~LiveSumListener();
    LiveSumListener(const LiveSumListener&) = delete;
    LiveSumListener& operator=(const LiveSumListener&) = delete;

    void stop();

private:
    std::unique_ptr<httplib::Server> server_;
    std::thread thread_;
};

} // namespace platslage::counters
