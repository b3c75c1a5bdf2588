#pragma once
// The console's network side: one thread owns the SUB and DEALER sockets (sockets never
// cross threads), keeps a Replica in step with the hub and resyncs it by itself, and hands
// the UI a new immutable Picture after every visible change.
#include "audit_view.hpp"
#include "hub_requests.hpp"
#include "log_search.hpp"
#include "picture.hpp"
#include "table_codec.hpp"
#include "zone_history.hpp"

#include <atomic>
#include <deque>
#include <optional>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace platslage::console {

class HubLink {
public:
    // `changed` runs on the network thread after each new picture: it should only wake the UI.
    HubLink(HubEndpoints hub, std::function<void()> changed);
    ~HubLink();
    HubLink(const HubLink&) = delete;
    HubLink& operator=(const HubLink&) = delete;

    std::shared_ptr<const Picture> picture() const;
    // Ask for a fresh snapshot now (the operator's Reconnect).
    void resync() { resync_requested_ = true; }

    // An operator's command (docs/protocol.md, Commands): sent by the network thread; the
    // hub's answer becomes last_answer(). The alert itself changes through the picture.
    // Returns the command's ticket: the Answer::number its answer will carry (every command
    // gets exactly one answer, in the order sent).
    std::uint64_t send_command(std::string json);
    struct Answer {
        std::uint64_t number = 0; // counts commands answered, so the UI sees each new one
        bool ok = false;
        std::string text;         // the alert JSON, or "reason: detail", or why there was no answer
    };
    Answer last_answer() const;
    // The answer with this ticket, while it is among the last few; none before it came.
    std::optional<Answer> answer_to(std::uint64_t ticket) const;
    // Commands queued so far: all are answered when last_answer().number reaches this.
    std::uint64_t commands_queued() const;

    // Asks the hub for a zone's last 24 hours; history() has it once it came.
    void request_history(std::string zone);
    std::shared_ptr<const ZoneHistory> history() const;
    // A zone's history was asked for and its answer has not come yet (a screenshot waits for it).
    bool history_pending() const;

    // Asks the hub who did what to an alert (its audit trail); audit() has it once it came.
    void request_audit(std::string alert);
    std::shared_ptr<const AlertAudit> audit() const;

    // Asks the hub for the partnership's tables (STATS); statistics() has them once they came.
    // A new query replaces one not yet sent; the newest answer is kept.
    void request_statistics(const StatsQuery& q);
    // A query the hub answers off its loop (tables, searches): the newest answer that came.
    template <class T>
    struct Answered {
        std::shared_ptr<const T> answer; // the newest that came, if any
        bool pending = false;            // a query is asked and not yet answered
        std::string problem;             // the last query's refusal or timeout, else empty
        std::uint64_t number = 0;        // counts answers and problems, so the UI sees each new one
    };
    using Statistics = Answered<StatsAnswer>;
    Statistics statistics() const;

    // Searches the event log (SEARCH); search() has the newest hits once they came.
    void request_search(const LogQuery& q);
    using Search = Answered<LogHits>;
    Search search() const;

private:
    void run();
    // The partnership's tables and searches of the log: each a DEALER of its own, as the hub
    // answers them off its loop (a winter's tables take seconds). Only the newest query asked
    // is waited for, at most `timeout`; `decode` reads an OK reply, or says why not.
    template <class Query, class T, class Encode, class Decode>
    void take_answers(HubRequests& socket, std::optional<Query>& wanted, Answered<T>& result, TimePoint& sent_at, TimePoint now,
                      Millis timeout, Encode encode, Decode decode);
    // Zone histories and audit trails: asked on one DEALER, only the newest wish of each.
    void take_lookups(HubRequests& lookups);
    void publish_picture(const Replica& replica);

    HubEndpoints hub_;
    std::function<void()> changed_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> resync_requested_{false};
    mutable std::mutex mutex_;
    std::shared_ptr<const Picture> picture_;
    PictureBuilder builder_; // network thread only
    std::vector<std::string> outbox_; // commands waiting for the network thread
    std::string history_wanted_;      // a zone whose history the UI asked for, until it is sent
    std::string history_asked_;       // the last zone asked for
    std::shared_ptr<const ZoneHistory> history_;
    std::string audit_wanted_;        // an alert whose audit trail the UI asked for
    std::shared_ptr<const AlertAudit> audit_;
    std::optional<StatsQuery> stats_wanted_; // asked by the UI, not yet sent
    Statistics statistics_;
    TimePoint stats_sent_at_{};              // network thread only
    std::optional<LogQuery> search_wanted_;  // asked by the UI, not yet sent
    Search search_;
    TimePoint search_sent_at_{};             // network thread only
    Answer answer_;
    std::deque<Answer> recent_answers_; // the last few, so each panel finds the answer to its own command
    std::uint64_t queued_ = 0;
    std::thread thread_;
};

} // namespace platslage::console
