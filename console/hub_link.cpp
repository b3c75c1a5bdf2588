#include "hub_link.hpp"

#include "system_clock.hpp"
#include "zmq_frames.hpp"

#include <spdlog/spdlog.h>

namespace platslage::console {

namespace {
// Three heartbeats (1 s each by default) without a word: the hub is silent.
constexpr Millis silence_limit{3500};
// A busy hub can change the picture thousands of times a second; an operator needs it
// at most this often (the UI still wakes at once for the first change).
constexpr Millis min_picture_interval{50};
constexpr Millis command_timeout{3000};
} // namespace

HubLink::HubLink(std::string router, std::string pub, std::function<void()> changed)
    : router_(std::move(router)), pub_(std::move(pub)), changed_(std::move(changed)),
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
    history_wanted_ = std::move(zone);
}

std::shared_ptr<const ZoneHistory> HubLink::history() const {
    std::lock_guard lock(mutex_);
    return history_;
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
    zmq::socket_t sub(ctx, zmq::socket_type::sub);
    sub.set(zmq::sockopt::linger, 0);
    sub.set(zmq::sockopt::subscribe, "");
    sub.connect(pub_);
    std::unique_ptr<zmq::socket_t> dealer;
    Replica replica(silence_limit);

    auto start_sync = [&] {
        // A fresh DEALER each time: replies to an abandoned request must not be mistaken
        // for the new snapshot.
        dealer = std::make_unique<zmq::socket_t>(ctx, zmq::socket_type::dealer);
        dealer->set(zmq::sockopt::linger, 0);
        dealer->connect(router_);
        replica.begin_sync(clock.now());
        send_frames(*dealer, encode_snapshot_request(""), /*dont_wait=*/true);
    };

    // Commands go on a DEALER of their own, one at a time: each answer belongs to the
    // command before it. No answer in time: the operator is told, and may try again.
    zmq::socket_t commands(ctx, zmq::socket_type::dealer);
    commands.set(zmq::sockopt::linger, 0);
    commands.connect(router_);
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

    // History requests: their own DEALER; only the newest wish matters.
    zmq::socket_t history(ctx, zmq::socket_type::dealer);
    history.set(zmq::sockopt::linger, 0);
    history.connect(router_);

    std::uint64_t shown = ~std::uint64_t{0};
    TimePoint last_shown{};
    start_sync();
    while (!stop_) {
        zmq::pollitem_t items[] = {{sub.handle(), 0, ZMQ_POLLIN, 0},
                                   {dealer->handle(), 0, ZMQ_POLLIN, 0},
                                   {commands.handle(), 0, ZMQ_POLLIN, 0},
                                   {history.handle(), 0, ZMQ_POLLIN, 0}};
        try {
            zmq::poll(items, 4, std::chrono::milliseconds(awaiting ? 20 : 100));
        } catch (const zmq::error_t& e) {
            if (e.num() != EINTR) throw;
        }
        auto now = clock.now();
        for (int i = 0; i < 10000; ++i) { // bounded, so a flood cannot starve the checks below
            auto f = recv_frames(sub, true);
            if (!f) break;
            auto p = decode_published(*f);
            if (p) replica.on_published(p.value(), now);
        }
        while (auto f = recv_frames(*dealer, true)) {
            auto r = decode_reply(*f);
            if (!r) continue;
            if (r->kind == Reply::Kind::item) replica.on_snapshot_item(r->item, now);
            else if (r->kind == Reply::Kind::end) replica.on_snapshot_end(r->seq, r->epoch, now);
            else if (r->kind == Reply::Kind::error) replica.on_snapshot_refused(r->text, now);
        }
        while (auto f = recv_frames(commands, true)) {
            auto r = decode_reply(*f);
            if (!awaiting) continue; // the answer to a command we gave up on
            if (!r) answered(false, "unreadable answer: " + r.rejection().detail);
            else answered(r->kind == Reply::Kind::ok, r->text);
        }
        if (awaiting && now - sent_at > command_timeout) {
            // A fresh socket, so a late answer cannot be taken for the next command's.
            commands = zmq::socket_t(ctx, zmq::socket_type::dealer);
            commands.set(zmq::sockopt::linger, 0);
            commands.connect(router_);
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
                send_frames(commands, encode_command_request(next), /*dont_wait=*/true);
                awaiting = true;
                sent_at = now;
            }
        }
        std::string wanted;
        {
            std::lock_guard lock(mutex_);
            wanted.swap(history_wanted_);
        }
        if (!wanted.empty()) send_frames(history, encode_history_request(wanted), /*dont_wait=*/true);
        while (auto f = recv_frames(history, true)) {
            auto r = decode_reply(*f);
            if (!r || r->kind != Reply::Kind::history) continue;
            if (auto h = parse_history(r->text)) {
                {
                    std::lock_guard lock(mutex_);
                    history_ = std::make_shared<const ZoneHistory>(std::move(*h));
                }
                if (changed_) changed_();
            }
        }
        replica.check(now);
        if (replica.needs_resync() || resync_requested_.exchange(false)) {
            if (replica.needs_resync()) spdlog::info("resync ({})", replica.why());
            publish_picture(replica); // show "stale" before the new snapshot arrives
            start_sync();
        }
        if (replica.version() != shown && now - last_shown >= min_picture_interval) {
            shown = replica.version();
            last_shown = now;
            publish_picture(replica);
        }
    }
}

} // namespace platslage::console
