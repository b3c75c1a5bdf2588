#include "follow_up_worker.hpp"

#include "follow_up.hpp"
#include "table_codec.hpp"
#include "thread_name.hpp"
#include "time_text.hpp"
#include "zmq_frames.hpp"

#include <spdlog/spdlog.h>

namespace platslage {

namespace {
// A message between the threads: [n] [envelope × n] [the rest]; the envelope rides along
// untouched, so the worker needs to know nothing of who asked.
Frames wrap(const Frames& envelope, const Frames& rest) {
    Frames out{std::to_string(envelope.size())};
    out.insert(out.end(), envelope.begin(), envelope.end());
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}
std::optional<std::pair<Frames, Frames>> unwrap(const Frames& f) {
    if (f.empty()) return std::nullopt;
    auto n = parse_decimal(f[0]);
    if (!n || *n + 1 > f.size()) return std::nullopt;
    auto split = f.begin() + static_cast<std::ptrdiff_t>(*n + 1);
    return std::pair{Frames(f.begin() + 1, split), Frames(split, f.end())};
}

std::string worker_endpoint(const void* self) {
    return "inproc://platslage-follow-up-" + std::to_string(reinterpret_cast<std::uintptr_t>(self));
}
} // namespace

FollowUpWorker::FollowUpWorker(zmq::context_t& ctx, std::string db_path, const ZoneMap& zones)
    : db_path_(std::move(db_path)), zones_(zones), endpoint_(worker_endpoint(this)),
      loop_side_(ctx, zmq::socket_type::pair) {
    loop_side_.set(zmq::sockopt::linger, 0);
    loop_side_.bind(endpoint_);
    zmq::socket_t worker_side(ctx, zmq::socket_type::pair);
    worker_side.set(zmq::sockopt::linger, 0);
    worker_side.connect(endpoint_);
    thread_ = std::thread([this, s = std::move(worker_side)]() mutable {
        name_this_thread("follow-up");
        zmq::socket_t socket = std::move(s);
        while (!stop_) {
            zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
            try {
                zmq::poll(&item, 1, std::chrono::milliseconds(200));
            } catch (const zmq::error_t& e) {
                if (e.num() != EINTR) break;
                continue;
            }
            while (!stop_) {
                auto frames = recv_frames(socket, /*dont_wait=*/true);
                if (!frames) break;
                auto parts = unwrap(*frames);
                if (!parts) continue; // never expected: the loop wrote it
                // Every job gets an answer, or the loop would count it as waiting for ever.
                auto reply = work(parts->second);
                if (stop_) break;
                send_frames(socket, wrap(parts->first, reply));
            }
        }
        std::lock_guard lock(log_mutex_);
        log_.reset();
        finished_ = true;
    });
}

FollowUpWorker::~FollowUpWorker() {
    stop_ = true;
    // A count reads in several statements: each is interrupted until the thread is done.
    while (!finished_) {
        {
            std::lock_guard lock(log_mutex_);
            if (log_) log_->interrupt();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (thread_.joinable()) thread_.join();
}

bool FollowUpWorker::ask(const Frames& envelope, const StatsQuery& q, TimePoint now) {
    return queue(envelope, Frames{"stats", stats_query_json(q), std::to_string(to_epoch_ms(now))});
}

bool FollowUpWorker::ask(const Frames& envelope, const LogQuery& q) { return queue(envelope, Frames{"search", log_query_json(q)}); }

bool FollowUpWorker::queue(const Frames& envelope, Frames job) {
    if (waiting_ >= max_follow_up_waiting) {
        ++counts_.busy;
        return false;
    }
    if (!send_frames(loop_side_, wrap(envelope, job), /*dont_wait=*/true)) {
        ++counts_.busy;
        return false;
    }
    ++waiting_;
    return true;
}

std::optional<Frames> FollowUpWorker::take() {
    auto frames = recv_frames(loop_side_, /*dont_wait=*/true);
    if (!frames) return std::nullopt;
    if (waiting_ > 0) --waiting_;
    auto parts = unwrap(*frames);
    if (!parts) return std::nullopt;
    auto reply = decode_reply(parts->second);
    if (reply && reply->kind == Reply::Kind::stats)
        ++counts_.answered;
    else if (reply && reply->kind == Reply::Kind::ok)
        ++counts_.searched;
    else
        ++counts_.failed;
    Frames out = std::move(parts->first);
    out.insert(out.end(), parts->second.begin(), parts->second.end());
    return out;
}

// On the worker's thread, from here on.
Frames FollowUpWorker::work(const Frames& job) {
    if (job.size() == 3 && job[0] == "stats") {
        auto query = parse_stats_query(job[1]);
        auto now = parse_decimal(job[2]);
        if (query && now) return count(*query, TimePoint{Millis{static_cast<std::int64_t>(*now)}});
    }
    if (job.size() == 2 && job[0] == "search")
        if (auto query = parse_log_query(job[1])) return search(*query);
    return encode_error("failed: the query did not reach the counting thread whole");
}

EventLog& FollowUpWorker::log() {
    std::lock_guard lock(log_mutex_);
    if (!log_) log_ = std::make_unique<EventLog>(db_path_);
    return *log_;
}

Frames FollowUpWorker::search(const LogQuery& q) {
    try {
        auto found = log().search(q);
        return encode_ok(log_hits_json(q, found.hits, found.more));
    } catch (const std::exception& e) {
        spdlog::error("search: {} not answered: {}", log_query_json(q), e.what());
        return encode_error(std::string("failed: the event log could not be read; ask again later"));
    }
}

Frames FollowUpWorker::count(const StatsQuery& q, TimePoint now) {
    try {
        auto counted = follow_up_tables(log(), zones_, q, now);
        if (counted.unreadable > 0)
            spdlog::warn("statistics: {} rows of the log did not read back and are in no figure", counted.unreadable);
        return encode_stats(encode_stats_answer(StatsAnswer{q, now, std::move(counted.tables)}));
    } catch (const std::exception& e) {
        spdlog::error("statistics: {} not counted: {}", stats_query_json(q), e.what());
        return encode_error(std::string("failed: the event log could not be read; ask again later"));
    }
}

} // namespace platslage
