#pragma once
// The picture's entries about joint deployment meetings (docs/protocol.md, "Meetings in the
// picture"): a plan (`meeting/<id>`) and a decision or action item (`note/<id>`). The hub
// publishes them with to_json(MeetingPlan, now) and to_json(MeetingNote) (meeting.hpp); the
// consoles read them back here into the same types, without throwing. A missing or mistyped
// field reads as absent; an entry without its id is refused, since nothing could refer to it.
#include "meeting.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace platslage {

// A plan as published at some moment: with the meeting under way or next, and the last one.
struct MeetingEntry {
    MeetingPlan plan;
    std::optional<TimePoint> next;
    std::optional<TimePoint> previous;
};

std::optional<MeetingEntry> meeting_entry_from(const nlohmann::json& object);
std::optional<MeetingNote> note_entry_from(const nlohmann::json& object);

} // namespace platslage
