#include "hub_link.hpp"

#include "replica_driver.hpp"
#include "system_clock.hpp"

#include <spdlog/spdlog.h>

namespace platslage::console {

namespace {
// Three heartbeats (1 s each by default) without a word: the hub is silent.
constexpr Millis silence_limit{3500};
// A busy hub can change the picture thousands of times a second; an operator needs it
// at most this often (the UI still wakes at once for the first change).
constexpr Millis min_picture_interval{50};
constexpr Millis command_timeout{3000};
// Counting a winter takes the hub seconds, more while it is busy; after this the operator is
// told and may ask again.
constexpr Millis statistics_timeout{60000};
constexpr Millis search_timeout{30000};
} // namespace

HubLink::HubLink(HubEndpoints hub, std::function<void()> changed)
    : hub_(std::move(hub)), changed_(std::move(changed)),
      picture_(std::make_shared<const Picture>()) {
    thread_ = std::thread([this] { run(); });
}

HubLink::~HubLink() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

std::uint64_t HubLink::send_command(std::string json) {
    std::lock_guard lock(mutex_);
    outbox_.push_back(std::move(json));
    return ++queued_;
}

std::uint64_t HubLink::commands_queued() const {
    std::lock_guard lock(mutex_);
    return queued_;
}

std::optional<HubLink::Answer> HubLink::answer_to(std::uint64_t ticket) const {
    std::lock_guard lock(mutex_);
    for (const auto& a : recent_answers_)
        if (a.number == ticket) return a;
    return std::nullopt;
}

void HubLink::request_history(std::string zone) {
    std::lock_guard lock(mutex_);
    history_asked_ = zone;
    history_wanted_ = std::move(zone);
}

bool HubLink::history_pending() const {
    std::lock_guard lock(mutex_);
    return !history_asked_.empty() && (!history_ || history_->zone != history_asked_);
}

std::shared_ptr<const ZoneHistory> HubLink::history() const {
    std::lock_guard lock(mutex_);
    return history_;
}

void HubLink::request_audit(std::string alert) {
    std::lock_guard lock(mutex_);
    audit_wanted_ = std::move(alert);
}

std::shared_ptr<const AlertAudit> HubLink::audit() const {
    std::lock_guard lock(mutex_);
    return audit_;
}

void HubLink::request_statistics(const StatsQuery& q) {
    std::lock_guard lock(mutex_);
    stats_wanted_ = q;
    statistics_.pending = true;
    statistics_.problem.clear();
}

void HubLink::request_search(const LogQuery& q) {
    std::lock_guard lock(mutex_);
    search_wanted_ = q;
    search_.pending = true;
    search_.problem.clear();
}

HubLink::Search HubLink::search() const {
    std::lock_guard lock(mutex_);
    return search_;
}

HubLink::Statistics HubLink::statistics() const {
    std::lock_guard lock(mutex_);
    return statistics_;
}

HubLink::Answer HubLink::last_answer() const {
    std::lock_guard lock(mutex_);
    return answer_;
}

std::shared_ptr<const Picture> HubLink::picture() const {
    std::lock_guard lock(mutex_);
    return picture_;
}

void HubLink::publish_picture(const Replica& replica) {
    auto next = std::make_shared<const Picture>(builder_.build(replica));
    {
        std::lock_guard lock(mutex_);
        picture_ = std::move(next);
    }
    if (changed_) changed_();
}

void HubLink::run() {
    SystemClock clock;
    zmq::context_t ctx(1);
    ReplicaDriver picture(ctx, hub_, silence_limit, clock.now());
    // Commands go on a DEALER of their own, one at a time: each answer belongs to the
    // command before it. No answer in time: the operator is told, and may try again.
    HubRequests commands(ctx, hub_);
    bool awaiting = false;
    TimePoint sent_at{};
    auto answered = [&](bool ok, std::string text) {
        {
            std::lock_guard lock(mutex_);
            answer_ = Answer{answer_.number + 1, ok, std::move(text)};
            recent_answers_.push_back(answer_);
            if (recent_answers_.size() > 32) recent_answers_.pop_front();
        }
        awaiting = false;
        if (changed_) changed_();
    };
    // Zone histories and audit trails: their own DEALER; only the newest wish matters.
    HubRequests lookups(ctx, hub_);
    HubRequests stats(ctx, hub_);
    HubRequests searches(ctx, hub_);

    std::uint64_t shown = ~std::uint64_t{0};
    TimePoint last_shown{};
    while (!stop_) {
        auto [sub, snapshot] = picture.poll_items();
        zmq::pollitem_t items[] = {sub, snapshot, commands.poll_item(), lookups.poll_item(), stats.poll_item(), searches.poll_item()};
        try {
            zmq::poll(items, std::size(items), std::chrono::milliseconds(awaiting ? 20 : 100));
        } catch (const zmq::error_t& e) {
            if (e.num() != EINTR) throw;
        }
        auto now = clock.now();
        picture.pump(now);
        while (auto r = commands.receive()) {
            if (!awaiting) continue; // the answer to a command we gave up on
            if (!*r) answered(false, "unreadable answer: " + r->rejection().detail);
            else answered(r->value().kind == Reply::Kind::ok, r->value().text);
        }
        if (awaiting && now - sent_at > command_timeout) {
            commands.reset(); // so a late answer cannot be taken for the next command's
            answered(false, "no answer from the hub within 3 s; the command may or may not have been carried out");
        }
        if (!awaiting) {
            std::string next;
            {
                std::lock_guard lock(mutex_);
                if (!outbox_.empty()) {
                    next = std::move(outbox_.front());
                    outbox_.erase(outbox_.begin());
                }
            }
            if (!next.empty()) {
                commands.send(encode_command_request(next));
                awaiting = true;
                sent_at = now;
            }
        }
        take_lookups(lookups);
        take_answers(stats, stats_wanted_, statistics_, stats_sent_at_, now, statistics_timeout,
                     [](const StatsQuery& q) { return encode_stats_request(stats_query_json(q)); },
                     [](const Reply& r, std::string& problem) -> std::shared_ptr<const StatsAnswer> {
                         if (r.kind != Reply::Kind::stats) {
                             problem = "an answer that is no statistics";
                             return nullptr;
                         }
                         auto answer = decode_stats_answer(r.text);
                         if (!answer) {
                             problem = "unreadable tables: " + answer.rejection().detail;
                             return nullptr;
                         }
                         return std::make_shared<const StatsAnswer>(std::move(answer).value());
                     });
        take_answers(searches, search_wanted_, search_, search_sent_at_, now, search_timeout,
                     [](const LogQuery& q) { return encode_search_request(log_query_json(q)); },
                     [](const Reply& r, std::string& problem) -> std::shared_ptr<const LogHits> {
                         auto hits = r.kind == Reply::Kind::ok ? parse_log_hits(r.text) : std::nullopt;
                         if (!hits) {
                             problem = "an answer that is no search result";
                             return nullptr;
                         }
                         return std::make_shared<const LogHits>(std::move(*hits));
                     });
        bool due = picture.check(now);
        if (due) spdlog::info("resync ({})", picture.replica().why());
        if (due || resync_requested_.exchange(false)) {
            publish_picture(picture.replica()); // show "stale" before the new snapshot arrives
            picture.resync(now);
        }
        if (picture.replica().version() != shown && now - last_shown >= min_picture_interval) {
            shown = picture.replica().version();
            last_shown = now;
            publish_picture(picture.replica());
        }
    }
}

void HubLink::take_lookups(HubRequests& lookups) {
    std::string zone, alert;
    {
        std::lock_guard lock(mutex_);
        zone.swap(history_wanted_);
        alert.swap(audit_wanted_);
    }
    if (!zone.empty()) lookups.send(encode_history_request(zone));
    if (!alert.empty()) lookups.send(encode_audit_request(alert));
    while (auto r = lookups.receive()) {
        if (!*r) continue;
        bool got = false;
        if (r->value().kind == Reply::Kind::history) {
            if (auto h = parse_history(r->value().text)) {
                std::lock_guard lock(mutex_);
                history_ = std::make_shared<const ZoneHistory>(std::move(*h));
                got = true;
            }
        } else if (r->value().kind == Reply::Kind::ok) {
            if (auto a = parse_audit(r->value().text)) {
                std::lock_guard lock(mutex_);
                audit_ = std::make_shared<const AlertAudit>(std::move(*a));
                got = true;
            }
        }
        if (got && changed_) changed_();
    }
}

template <class Query, class T, class Encode, class Decode>
void HubLink::take_answers(HubRequests& socket, std::optional<Query>& wanted_slot, Answered<T>& result, TimePoint& sent_at,
                           TimePoint now, Millis timeout, Encode encode, Decode decode) {
    std::optional<Query> wanted;
    {
        std::lock_guard lock(mutex_);
        wanted.swap(wanted_slot);
    }
    if (wanted) {
        // Only the newest query is waited for: an older one's answer is forgotten with its socket.
        if (sent_at != TimePoint{}) socket.reset();
        if (socket.send(encode(*wanted))) {
            sent_at = now;
        } else {
            std::lock_guard lock(mutex_);
            result.pending = false;
            result.problem = "the request could not be queued; ask again";
            ++result.number;
        }
    }
    auto finish = [&](std::shared_ptr<const T> answer, std::string problem) {
        {
            std::lock_guard lock(mutex_);
            if (answer) result.answer = std::move(answer);
            result.problem = std::move(problem);
            result.pending = wanted_slot.has_value();
            ++result.number;
        }
        sent_at = TimePoint{};
        if (changed_) changed_();
    };
    while (auto r = socket.receive()) {
        if (sent_at == TimePoint{}) continue; // nothing asked: not ours
        if (!*r) {
            finish(nullptr, "unreadable answer: " + r->rejection().detail);
        } else if (r->value().kind == Reply::Kind::error) {
            finish(nullptr, r->value().text);
        } else {
            std::string problem;
            auto answer = decode(r->value(), problem);
            finish(answer, answer ? std::string() : problem);
        }
    }
    if (sent_at != TimePoint{} && now - sent_at > timeout) {
        socket.reset();
        finish(nullptr, "no answer from the hub within " + std::to_string(timeout.count() / 1000) + " s; ask again");
    }
}

} // namespace platslage::console

