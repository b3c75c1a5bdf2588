#pragma once
// The Statistics window's tables are counted off the hub's loop: a winter's tally takes
// seconds, and the loop must go on receipting reports meanwhile. One thread with a connection
// of its own to the event log (WAL lets it read while the loop writes) counts one STATS query
// at a time, and answers SEARCH queries (an operator looking back over a night) the same way. Queries and answers cross on an inproc PAIR, as the ZeroMQ guide has threads
// talk: no socket and no connection is shared between the threads.
#include "event_log.hpp"
#include "hub_status.hpp"
#include "log_search.hpp"
#include "stats_query.hpp"
#include "wire.hpp"
#include "zone_map.hpp"

#include <zmq.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace platslage {

// Queries being counted or waiting: a client asking in a loop gets "busy", not a queue.
inline constexpr std::size_t max_follow_up_waiting = 4;

class FollowUpWorker {
public:
    // `db_path`: the hub's event log, opened again by the worker at its first query.
    FollowUpWorker(zmq::context_t& ctx, std::string db_path, const ZoneMap& zones);
    // Stops a count under way (its client gets no answer) and joins the thread.
    ~FollowUpWorker();
    FollowUpWorker(const FollowUpWorker&) = delete;
    FollowUpWorker& operator=(const FollowUpWorker&) = delete;

    // Queues a checked query for the client behind `envelope`, counted as of `now`; false
    // (and counted busy) when max_follow_up_waiting are waiting already.
    bool ask(const Frames& envelope, const StatsQuery& q, TimePoint now);
    // The same for a search of the event log.
    bool ask(const Frames& envelope, const LogQuery& q);
    // An answer that is ready, with its envelope: [envelope…] [PLS1] [STATS|ERROR] […].
    std::optional<Frames> take();

    zmq::socket_t& socket() { return loop_side_; }
    FollowUpCounts counts() const { return counts_; }
    std::size_t waiting() const { return waiting_; }

private:
    bool queue(const Frames& envelope, Frames job);
    // On the worker's thread: the answer to one job.
    Frames work(const Frames& job);
    Frames count(const StatsQuery& q, TimePoint now);
    Frames search(const LogQuery& q);
    EventLog& log(); // the worker's connection, opened at its first job

    std::string db_path_;
    const ZoneMap& zones_;
    std::string endpoint_;
    zmq::socket_t loop_side_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> finished_{false};
    std::mutex log_mutex_;          // guards log_ while it is made or closed, so interrupt() never meets a closed one
    std::unique_ptr<EventLog> log_; // the worker's own connection; touched by the worker only, but for interrupt()
    std::size_t waiting_ = 0;       // the loop's side only
    FollowUpCounts counts_;         // the loop's side only
    std::thread thread_;
};

} // namespace platslage
