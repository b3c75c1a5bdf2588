#pragma once
// The shift log's commands, sent over the hub's ROUTER like an alert command:
//   {"op":"shift_note","by":"kc-1","text":"…","zone"?:"centralen.vantsal","alert"?:"A-000042"}
//   {"op":"handover","by":"kc-1","text":"…"}
// `text` is scrubbed of identity and phone numbers as a report's note is.
#include "checked.hpp"
#include "zone_map.hpp"

#include <string>
#include <string_view>

namespace platslage {

inline constexpr std::size_t max_shift_command_bytes = 4096;

bool is_shift_op(std::string_view op);

struct ShiftCommand {
    bool handover = false; // else a note
    std::string by;
    std::string text;
    int redactions = 0;
    std::string zone;
    std::string alert;
};

// `by`, when given, is the position the command acts as (its key's), whatever the text says.
Checked<ShiftCommand> parse_shift_command(std::string_view payload, const ZoneMap& zones, const std::string* by = nullptr);

} // namespace platslage
