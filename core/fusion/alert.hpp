#pragma once
// An alert: something on site that needs someone now, with its one life from raised to
// resolved or expired. Alerts are about situations in zones (and equipment), never about
// who is there: the people reported are counts and categories.
#include "clock.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platslage {

// In rising order: escalation moves one step up.
enum class Severity { warning, minor, major, critical };
inline constexpr std::size_t severity_count = 4;
std::string_view severity_name(Severity s);
std::optional<Severity> severity_from_name(std::string_view name);
Severity raised_one_step(Severity s);

enum class AlertRule {
    needs_care,        // someone needs care
    child,             // a minor, or a family with children
    sleeping,          // someone sleeping at the station; raised on an extra cold night
    crowding,          // a zone above its capacity
    repeated_presence, // people reported in the zone on several of the recent nights
    coverage_gap,      // a hot zone without an outreach visit for hours
    sensor_silent,     // a people counter stopped reporting
    handheld_offline,  // a guard's handheld lost its connection on shift (its last will)
    dispatch_unanswered, // an outreach team did not answer a dispatch in time, or declined it
};
inline constexpr std::size_t rule_count = 9;
std::string_view rule_name(AlertRule r);
std::optional<AlertRule> rule_from_name(std::string_view name);

enum class AlertState { raised, acknowledged, assigned, resolved, expired };
std::string_view state_name(AlertState s);
std::optional<AlertState> alert_state_from_name(std::string_view name);
inline bool is_open(AlertState s) { return s != AlertState::resolved && s != AlertState::expired; }

// Who closed it, and how. Outreach outcomes follow the partners' follow-up; the rest are
// for alerts that needed no one.
inline constexpr std::array<std::string_view, 10> alert_outcomes{
    "contact_made", "support_offered", "support_accepted", "referred", "declined",
    "nobody_found", "handled_by_guard", "false_alarm", "cleared", "duplicate"};
bool is_outcome(std::string_view o);

// One step in an alert's life, stored and published as it happens.
struct AlertTransition {
    TimePoint at;
    std::string what;   // raised, joined, raised_severity, escalated, reannounced, acknowledged,
                        // assigned, note, resolved, expired
    std::string by;     // "hub" for the hub's own rules and clock, else an operator position
    Severity severity;  // after the step
    std::string detail; // outcome, team, note text (scrubbed), or why
};

struct Alert {
    std::string id; // "A-000042": numbered in order of raising
    AlertRule rule;
    std::string station;
    std::string zone;    // the zone it is about; empty for equipment without a zone
    std::string subject; // the device or sensor for equipment alerts; empty otherwise
    Severity severity = Severity::warning;
    AlertState state = AlertState::raised;
    TimePoint raised_at;
    TimePoint last_signal;  // the newest report or reading that fed it
    TimePoint ack_due;      // escalates if not acknowledged by then
    TimePoint expires_at;   // expires if nothing new by then (unless assigned)
    int signals = 1;        // how many reports or readings joined it
    int persons = 0;        // people in the newest report (0 for equipment)
    std::vector<std::string> categories; // everything reported in it, by name
    std::string summary;    // one line for the queue: "2 sleeping, 1 needs care"
    int escalations = 0;     // times escalated or announced again
    int reannounced = 0;     // of those, at the rule's ceiling
    std::string assigned_to; // an outreach team id
    std::string outcome;
    std::vector<AlertTransition> history;
};

// The whole alert with every step: what a snapshot keeps, and alert_from_json reads back.
nlohmann::json to_json(const Alert& a);
Alert alert_from_json(const nlohmann::json& j);

// How many steps of an alert's history the consoles are sent: the raising step and the newest
// ones. A zone reported all night gathers a "joined" step per report, and the alert is sent
// again on every change, so sending them all made each report cost more than the one before.
inline constexpr std::size_t alert_steps_shown = 24;

// The alert as published to the consoles: as to_json, but `history` holds the raising step
// and the newest steps (at most alert_steps_shown), and `steps` counts them all. Every step
// is in the log's alert_steps table.
nlohmann::json to_published_json(const Alert& a);
// Its parts, for writing it out a step at a time (alert_texts.hpp): the alert with `history`
// empty and `steps` counting them all, and one step as `history` holds it.
nlohmann::json to_published_json_without_steps(const Alert& a);
nlohmann::json to_json(const AlertTransition& t);

} // namespace platslage
