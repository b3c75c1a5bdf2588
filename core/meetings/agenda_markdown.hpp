#pragma once
// The agenda as a Markdown handout: what the partners read on paper or on a screen at the
// meeting. Times are Stockholm wall-clock times; durations in minutes.
#include "agenda.hpp"

#include <cstddef>
#include <string>

namespace platslage {

// Open and escalated alerts are counted by kind, and the first this many listed.
inline constexpr std::size_t agenda_alert_rows = 5;

std::string agenda_markdown(const Agenda& a);

} // namespace platslage
