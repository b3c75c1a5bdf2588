#include "agenda_source.hpp"

namespace platslage {

AgendaInput agenda_input(const EventLog& log, const MeetingBook& book, const MeetingPlan& plan, TimePoint held_at) {
    AgendaInput in;
    in.plan = plan;
    in.held_at = held_at;
    in.previous = previous_before(plan, held_at);
    auto since = agenda_since(in);
    in.reports = log.reports_between(since, held_at);
    in.alerts = log.alerts_between(since, held_at);
    in.dispatches = log.dispatches_between(since, held_at);
    in.shelter_readings = log.shelter_readings_between(since, held_at);
    in.weather_readings = log.weather_readings_between(since, held_at);
    in.open_actions = book.open_actions(plan.id, held_at);
    if (in.previous) in.last_notes = book.notes_at(plan.id, *in.previous);
    return in;
}

} // namespace platslage
