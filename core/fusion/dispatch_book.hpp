#pragma once
// Every dispatch order's life: sent to a team, answered (or not, in time), on scene,
// finished with an outcome, or withdrawn. Pure, with time-driven steps at their due
// times, like the alert book, so a replay of the log gives the same orders.
#include "checked.hpp"
#include "dispatch.hpp"
#include "presence.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace platslage {

struct DispatchSettings {
    Millis answer_within{std::chrono::minutes(2)};     // an order not answered by then comes back
    Millis team_silent_after{std::chrono::minutes(20)}; // a team not heard from this long is not sent anywhere
    Millis keep_finished{std::chrono::hours(1)};        // finished orders stay in view this long
    bool operator==(const DispatchSettings&) const = default;
};

class DispatchBook {
public:
    explicit DispatchBook(DispatchSettings settings) : settings_(settings) {}

    struct Sent {
        std::string id;
        std::optional<std::string> withdrawn; // the alert's earlier order, now replaced
    };
    // A new order for `team` to the alert's zone; the alert's active order, if any, is withdrawn.
    Sent send(const Alert& alert, const std::string& team, const std::string& by, TimePoint at);

    // An answer or outcome the book would take: the order exists, was sent to this team,
    // and its state allows it. A repeat of what the book already has is not refused here.
    std::optional<Rejection> check(const DispatchAnswer& a) const;
    std::optional<Rejection> check(const DispatchOutcome& o) const;
    // The same message again (a QoS 1 redelivery, a handheld's resend): nothing to store.
    bool is_repeat(const DispatchAnswer& a) const;
    bool is_repeat(const DispatchOutcome& o) const;

    // Each returns true when the order changed.
    bool answer(const DispatchAnswer& a, TimePoint at);
    bool finish(const DispatchOutcome& o, TimePoint at);
    // The team's own status: arriving on scene stamps its active order.
    std::optional<std::string> on_team_status(const std::string& team, TeamStatus status, TimePoint at);
    // The alert closed without the team's outcome (an operator resolved it): an order not yet
    // on scene is withdrawn. One on scene is kept, so what the team records is not lost.
    std::optional<std::string> withdraw_for_alert(const std::string& alert, TimePoint at);

    struct Changes {
        std::vector<std::string> unanswered; // orders whose answer time passed, in time order
        std::vector<std::string> dropped;    // finished orders leaving the view
    };
    Changes advance(TimePoint now);

    const Dispatch* find(const std::string& id) const;
    // The order the team is busy with (sent, accepted or on scene), if any.
    const Dispatch* active_for_team(const std::string& team) const;
    const Dispatch* active_for_alert(const std::string& alert) const;
    const std::map<std::string, Dispatch>& dispatches() const { return dispatches_; }
    const DispatchSettings& settings() const { return settings_; }

    nlohmann::json save() const;
    void load(const nlohmann::json& j);

private:
    Dispatch* get(const std::string& id);
    Dispatch* active_order_of(const std::string& alert);
    void finished(Dispatch& d, DispatchState how, TimePoint at);

    DispatchSettings settings_;
    std::map<std::string, Dispatch> dispatches_; // active, and finished ones still in view
    std::int64_t next_number_ = 1;
};

} // namespace platslage
