#pragma once
// What the console does with joint deployment meetings, sent over the hub's ROUTER like
// an alert command: plan one, cancel it, record a decision or an action item at it, close
// an action item, ask for an agenda. `by` is a position, never a person's name.
#include "checked.hpp"
#include "clock.hpp"
#include "meeting.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace platslage {

// A meeting command is at most this many bytes (oversize); no command of the protocol is larger.
inline constexpr std::size_t max_meeting_command_bytes = 4096;
inline constexpr std::size_t max_meeting_text_chars = 500;
inline constexpr std::size_t max_meeting_title_chars = 80;

enum class MeetingOp { plan, cancel, decide, add_action, close_action, agenda };
std::string_view op_name(MeetingOp op);
// Does this command JSON's "op" belong to meetings? (Alert commands are the rest.)
bool is_meeting_op(std::string_view op);

struct MeetingCommand {
    MeetingOp op = MeetingOp::plan;
    std::string by;
    std::string meeting; // every op but plan
    std::string note;    // close_action: the action item's id
    // plan
    std::string title;
    std::string zone;
    std::vector<std::string> organisations;
    TimePoint starts{};
    Repeat repeat = Repeat::once;
    int duration_min = 60;
    // decide, add_action, close_action (its closing note)
    std::string text;
    int redactions = 0;
    std::string owner;                 // add_action: an organisation id
    std::string due;                   // add_action, "YYYY-MM-DD"
    std::optional<TimePoint> at;       // agenda: which meeting (default: the one under way or next)
};

Checked<MeetingCommand> parse_meeting_command(std::string_view payload, TimePoint now);
nlohmann::json to_json(const MeetingCommand& c);

} // namespace platslage
