#pragma once
// What an operator does to an alert from a console, sent over the hub's ROUTER:
// acknowledge, assign to an outreach team, dispatch a team (an order to its handheld,
// docs/protocol.md), resolve with an outcome, or add a note.
// `by` is the operator's position ("kc-1", "jernhusen-vakt"), never a person's name.
#include "checked.hpp"
#include "clock.hpp"
#include "person_counts.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platslage {

inline constexpr std::size_t max_command_bytes = 2048;
inline constexpr std::size_t max_alert_note_chars = 500;

enum class AlertOp { acknowledge, assign, resolve, note, dispatch };
std::string_view op_name(AlertOp op);
// "A-000042": how the hub numbers alerts.
bool is_alert_id(std::string_view s);
std::optional<AlertOp> alert_op_from_name(std::string_view name);

struct AlertCommand {
    AlertOp op = AlertOp::acknowledge;
    std::string alert;   // "A-000042"
    std::string by;      // operator position
    std::string team;    // assign, dispatch
    std::string outcome; // resolve
    std::string note;    // note, or with resolve; scrubbed of identity and phone numbers
    int note_redactions = 0;
    // resolve only, all optional: the people it was about, for follow-up (person_counts.hpp)
    int persons = 0; // 0: not given
    std::optional<int> women = std::nullopt, men = std::nullopt;
    std::vector<OutcomeResult> results = {};
};

Checked<AlertCommand> parse_alert_command(std::string_view payload);
nlohmann::json to_json(const AlertCommand& c);

} // namespace platslage
