#include "meeting_entries.hpp"

#include "entry_reader.hpp"

namespace platslage {

using nlohmann::json;

namespace {
constexpr std::size_t repeat_count = 3;
} // namespace

std::optional<MeetingEntry> meeting_entry_from(const json& object) {
    EntryReader r(object);
    MeetingEntry e;
    MeetingPlan& p = e.plan;
    p.id = r.text("id");
    if (p.id.empty()) return std::nullopt;
    p.title = r.text("title");
    p.station = r.text("station");
    p.zone = r.text("zone");
    p.organisations = r.texts("organisations");
    p.first = r.time("first").value_or(TimePoint{});
    p.repeat = r.named<Repeat>("repeat", repeat_count, repeat_name).value_or(Repeat::once);
    p.duration_min = r.integer("duration_min");
    p.planned_by = r.text("planned_by");
    p.planned_at = r.time("planned_at").value_or(TimePoint{});
    p.cancelled_at = r.time("cancelled_at");
    e.next = r.time("next");
    e.previous = r.time("previous");
    return e;
}

std::optional<MeetingNote> note_entry_from(const json& object) {
    EntryReader r(object);
    MeetingNote n;
    n.id = r.text("id");
    if (n.id.empty()) return std::nullopt;
    n.kind = r.text("kind") == "action" ? NoteKind::action : NoteKind::decision;
    n.meeting = r.text("meeting");
    n.held_at = r.time("held_at").value_or(TimePoint{});
    n.text = r.text("text");
    n.by = r.text("by");
    n.recorded_at = r.time("recorded_at").value_or(TimePoint{});
    n.owner = r.text("owner");
    n.due = r.text("due");
    n.closed_at = r.time("closed_at");
    n.closed_by = r.text("closed_by");
    n.closing_note = r.text("closing_note");
    return n;
}

} // namespace platslage
