#pragma once
// The agenda as a Markdown handout: what the partners read on paper or on a screen at the
// meeting. Times are Stockholm wall-clock times; durations in minutes.
#include "agenda.hpp"

#include <string>

namespace platslage {

std::string agenda_markdown(const Agenda& a);

// "2026-12-01 09:00", Stockholm time.
std::string stockholm_minute_text(TimePoint utc);

} // namespace platslage
