#pragma once
// A tip entered at the console: what a member of the public, a relative, the police or a
// district office told the control room (by telephone, at the desk). It becomes a report like
// a guard's: the same fields, the same checks, the same scrub of the note, and the same alerts;
// it is stored under the device "console-<position>" with `tip_from` saying what kind of
// source told of it. Never who: the form has no field for the caller.
#include "checked.hpp"
#include "clock.hpp"
#include "guard_report.hpp"
#include "zone_map.hpp"

#include <string>
#include <string_view>

namespace platslage {

// What a tip command may weigh (a 500-character note in three-byte letters, and the rest).
inline constexpr std::size_t max_tip_command_bytes = 4096;
// A tip about something seen longer ago than this is history, not a situation: the shift
// log is the place for it.
inline constexpr Millis max_tip_age{std::chrono::hours(24)};

bool is_tip_op(std::string_view op);

struct TipCommand {
    std::string by;     // the operator position that entered it
    GuardReport report; // as stored: device "console-<by>", tip_from set
};

// {"op":"tip","by","id","from","zone","seen","persons","categories"?,"note"?,"women"?,"men"?,
// "kind"?} (docs/protocol.md, "Tips"). `by`, when given, is the position the command acts as
// (its key's), whatever the text says.
Checked<TipCommand> parse_tip_command(std::string_view payload, const ZoneMap& zones, TimePoint now,
                                      const std::string* by = nullptr);

} // namespace platslage
