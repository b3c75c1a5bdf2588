#pragma once
// Every alert's life: raised by a rule (or joined to the open one of its kind), escalated
// when no one acknowledges it in time, acknowledged, assigned, resolved with an outcome, or
// expired when nothing new came. Time-driven steps happen at their due time, not at the
// time someone looked, so a replay of the same log gives the same alerts.
#include "alert.hpp"
#include "alert_command.hpp"
#include "checked.hpp"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace platslage {

struct RuleSettings {
    Severity severity = Severity::minor;
    Millis join_window{std::chrono::minutes(30)}; // a new signal this soon after the last joins the open alert
    Millis expire_after{std::chrono::hours(2)};   // no new signal this long: expires; 0: only cleared by its condition
    bool enabled = true;
    Severity escalate_to = Severity::critical; // escalation stops here: a silent counter is not an emergency
    bool operator==(const RuleSettings&) const = default;
};

struct AlertSettings {
    std::array<RuleSettings, rule_count> rules = default_rules();
    // How long an alert of each severity may wait unacknowledged before it escalates.
    std::array<Millis, severity_count> ack_within{std::chrono::minutes(30), std::chrono::minutes(15),
                                                  std::chrono::minutes(5), std::chrono::minutes(2)};
    Millis keep_closed{std::chrono::hours(1)}; // resolved and expired alerts stay in view this long
    bool operator==(const AlertSettings&) const = default;

    RuleSettings& of(AlertRule r) { return rules[static_cast<std::size_t>(r)]; }
    const RuleSettings& of(AlertRule r) const { return rules[static_cast<std::size_t>(r)]; }
    static std::array<RuleSettings, rule_count> default_rules();
};

// Something that raises an alert or feeds the open one.
struct Signal {
    AlertRule rule;
    std::string station;
    std::string zone;
    std::string subject;
    Severity severity;
    TimePoint at;
    int persons = 0;
    std::vector<std::string> categories;
    std::string summary;
};

class AlertBook {
public:
    explicit AlertBook(AlertSettings settings) : settings_(std::move(settings)) {}

    // Raises a new alert, or joins the open one with the same rule, zone and subject when
    // its last signal is within the rule's join window. Returns the alert's id.
    std::string signal(const Signal& s);
    // The condition behind an open alert ended by itself (the sensor is back, the crowd
    // thinned): resolved as "cleared" by the hub. Returns the id if one was open.
    std::optional<std::string> clear(AlertRule rule, const std::string& zone, const std::string& subject, TimePoint at,
                                     const std::string& why);

    // Adds a step to an alert's history that changes nothing else: a team's answer, its
    // arrival, an order gone unanswered. Returns false when the alert has left the view.
    bool step(const std::string& id, TimePoint at, std::string what, std::string by, std::string detail);

    // Raises an open alert's severity now (an extra cold night began). Returns true if it rose.
    bool lift(const std::string& id, Severity to, TimePoint at, const std::string& why);

    struct Changes {
        std::vector<std::string> changed; // ids whose alert changed
        std::vector<std::string> dropped; // closed alerts that leave the view
    };
    // Escalations, expiries and closed alerts leaving the view, due up to `now`, each at
    // its own due time and in time order.
    Changes advance(TimePoint now);

    // Would this command be accepted now? `team_known` says whether a team id is known.
    std::optional<Rejection> check(const AlertCommand& c, const std::function<bool(const std::string&)>& team_known) const;
    // Carries out a command that check() accepted. Returns the alert's id.
    std::string apply(const AlertCommand& c, TimePoint at);

    const Alert* find(const std::string& id) const;
    const Alert* open_for(AlertRule rule, const std::string& zone, const std::string& subject) const;
    const std::map<std::string, Alert>& alerts() const { return alerts_; }
    std::size_t open_count() const;
    std::array<std::size_t, severity_count> open_by_severity(const std::string& station) const;
    const AlertSettings& settings() const { return settings_; }

    nlohmann::json save() const;
    void load(const nlohmann::json& j);

private:
    // What an open alert is about: a signal joins, and a clearing condition closes, the open
    // alert of its rule, zone and subject.
    using About = std::tuple<AlertRule, std::string, std::string>;
    static About about(const Alert& a) { return {a.rule, a.zone, a.subject}; }

    std::string raise(const Signal& s);
    void close(Alert& a, AlertState how, TimePoint at, const std::string& by, const std::string& detail);
    // The open alerts about this, lowest id first (as alerts_ holds them); empty when none.
    const std::set<std::string>& open_about(const About& key) const;
    void index_open();

    AlertSettings settings_;
    std::map<std::string, Alert> alerts_; // open, and closed ones still in view
    std::map<std::string, TimePoint> closed_at_;
    std::int64_t next_number_ = 1;
    // The open alerts by what they are about. Every counter's sample asks whether its zone has
    // a silent-counter or crowding alert to clear, and every report which open alert it joins:
    // a walk over every alert in view each time, hundreds on a busy night.
    std::map<About, std::set<std::string>> open_;
    // advance()'s earliest step due when it last looked, valid until an alert changes: most
    // events come minutes before any escalation, expiry or drop is due, and need no walk.
    std::optional<TimePoint> nothing_due_before_;
};

} // namespace platslage
