#pragma once
// Where an agenda's numbers come from: the event log's guard reports, alert steps and
// dispatch orders since the plan's previous meeting, the night shelters' counts and the
// weather in the same period, and the book's open action items.
#include "agenda.hpp"
#include "event_log.hpp"
#include "meeting_book.hpp"

namespace platslage {

AgendaInput agenda_input(const EventLog& log, const MeetingBook& book, const MeetingPlan& plan, TimePoint held_at);

} // namespace platslage
