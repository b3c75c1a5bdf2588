#pragma once
// Outreach dispatch: an operator sends a team to an alert's zone, the team's handheld
// answers, goes, and reports how it went. The order carries the zone, what was reported
// (counts and categories) and the alert's id; the outcome carries what happened and, only
// for follow-up statistics, coarse descriptors. Never who.
#include "alert.hpp"
#include "checked.hpp"
#include "clock.hpp"
#include "person_counts.hpp"
#include "topic.hpp"
#include "zone_map.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platslage {

inline constexpr std::size_t max_dispatch_message_bytes = 1024;
inline constexpr std::size_t max_contact_id_chars = 32;

// What the team reports, and where a referral sends someone: core/protocol/person_counts.hpp.
// Coarse descriptors for follow-up only, optional, and never enough to single anyone out.
inline constexpr std::array<std::string_view, 3> gender_values{"woman", "man", "unknown"};
inline constexpr std::array<std::string_view, 4> age_bands{"under_18", "18-25", "26-64", "65+"};

// sent → accepted → on_scene → completed, with the ways out: declined by the team,
// unanswered in time (it comes back to the operator), withdrawn when the alert went to
// another team or closed without it.
enum class DispatchState { sent, accepted, on_scene, completed, declined, unanswered, withdrawn };
std::string_view dispatch_state_name(DispatchState s);
std::optional<DispatchState> dispatch_state_from_name(std::string_view name);
// Still waiting for the team: an order the team may still answer or finish.
inline bool is_active(DispatchState s) {
    return s == DispatchState::sent || s == DispatchState::accepted || s == DispatchState::on_scene ||
           s == DispatchState::unanswered;
}

struct Dispatch {
    std::string id; // "D-000042": numbered in order of sending
    std::string alert;
    std::string team;
    std::string station;
    std::string zone;
    std::string by; // the operator position that sent it
    Severity severity = Severity::minor;
    int persons = 0;
    std::vector<std::string> categories;
    std::string summary;
    DispatchState state = DispatchState::sent;
    // The response chain, for follow-up: alert raised → acknowledged by an operator →
    // dispatched → accepted by the team → on scene → finished with an outcome.
    TimePoint raised_at;
    std::optional<TimePoint> acknowledged_at;
    TimePoint dispatched_at;
    TimePoint answer_due;
    std::optional<TimePoint> answered_at;
    std::optional<TimePoint> on_scene_at;
    std::optional<TimePoint> finished_at;
    std::string outcome;
    std::string referred_to;
    std::string gender;
    std::string age_band;
    int outcome_persons = 0; // people the team met; 0 when nobody was found
};

nlohmann::json to_json(const Dispatch& d);
Dispatch dispatch_from_json(const nlohmann::json& j);
// The order as the team's handheld receives it on platslage/v1/<station>/outreach/<team>/dispatch.
nlohmann::json order_json(const Dispatch& d, const ZoneMap& zones);

// Team → hub: platslage/v1/<station>/outreach/<team>/ack. `accept: false` declines the
// order (the team cannot go), which brings it back to the operator at once.
struct DispatchAnswer {
    std::string station;
    std::string team;
    std::string dispatch;
    TimePoint ts;
    bool accepted = true;
};

// Team → hub: platslage/v1/<station>/outreach/<team>/outcome. Either an order's outcome
// (`dispatch` set) or a contact of the team's own round (`dispatch` empty; then `contact`, the
// team's own id for it, and `zone` say which and where).
struct DispatchOutcome {
    std::string station;
    std::string team;
    std::string dispatch;
    TimePoint ts;
    std::string outcome;
    std::string referred_to; // only with "referred", and required there
    std::string gender;      // optional
    std::string age_band;    // optional
    int persons = 1;         // people the team met (0 with nobody_found)
    std::optional<int> women = std::nullopt, men = std::nullopt; // counts among `persons`; the rest unknown
    std::vector<OutcomeResult> results = {}; // one visit, several results; empty: all under `outcome`
    std::string contact = {};                // a round contact's id, chosen by the team's handheld
    std::string zone = {};                   // where a round contact was made
    bool is_round_contact() const { return dispatch.empty(); }
};

bool is_dispatch_id(std::string_view s);

Checked<DispatchAnswer> parse_dispatch_answer(const Topic& topic, std::string_view payload, const ZoneMap& zones,
                                              TimePoint now);
Checked<DispatchOutcome> parse_dispatch_outcome(const Topic& topic, std::string_view payload, const ZoneMap& zones,
                                                TimePoint now);
nlohmann::json to_json(const DispatchAnswer& a);
nlohmann::json to_json(const DispatchOutcome& o);

} // namespace platslage
