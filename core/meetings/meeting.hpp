#pragma once
// Joint deployment meetings (gemensamma utsättningsmöten): the partners meet on site, at a
// zone of the station, once or on a rhythm ("every Tuesday at 09:00", "the second Tuesday of
// every quarter" for the steering group), look at what
// happened since the last meeting, decide who goes where, and leave with action items.
// A recurring meeting keeps its Stockholm wall-clock time across summer and winter time.
#include "clock.hpp"
#include "organisation.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace platslage {

// Monthly and quarterly meetings keep the first one's weekday and its place in the month
// ("the second Tuesday"), as a steering group plans them; a first meeting on the fifth such
// weekday of its month repeats on the last.
enum class Repeat { once, weekly, fortnightly, monthly, quarterly };
std::string_view repeat_name(Repeat r);
std::span<const std::string_view> repeat_names();
std::optional<Repeat> repeat_from_name(std::string_view name);

struct MeetingPlan {
    std::string id;    // "M-000001"
    std::string title; // "Utsättningsmöte Centralen"; scrubbed like any free text
    std::string station;
    std::string zone; // where on site the partners meet
    std::vector<std::string> organisations; // organisation ids
    TimePoint first; // the first meeting's start
    Repeat repeat = Repeat::once;
    int duration_min = 60;
    std::string planned_by; // operator position, never a name
    TimePoint planned_at;
    std::optional<TimePoint> cancelled_at; // no meetings from then on
};

// The k-th meeting of the plan (k = 0 is the first), at the first one's local clock time.
TimePoint occurrence(const MeetingPlan& p, int k);
// The meeting under way at `t` or the next to start after it; none when the plan has ended.
std::optional<TimePoint> current_or_next(const MeetingPlan& p, TimePoint t);
// The last meeting that started before `t`; none before the first.
std::optional<TimePoint> previous_before(const MeetingPlan& p, TimePoint t);
bool is_occurrence(const MeetingPlan& p, TimePoint t);

// Decisions and action items are recorded at one meeting of a plan. An action item stays
// open, and on every following agenda, until someone closes it.
enum class NoteKind { decision, action };
struct MeetingNote {
    std::string id; // "N-000001"
    NoteKind kind = NoteKind::decision;
    std::string meeting;  // the plan's id
    TimePoint held_at;    // which of its meetings
    std::string text;     // scrubbed of identity and phone numbers
    std::string owner;    // the organisation owning an action item (required for one)
    std::string due;      // "YYYY-MM-DD", action items only
    std::string by;       // who recorded it (a position)
    TimePoint recorded_at;
    std::optional<TimePoint> closed_at; // action items
    std::string closed_by;
    std::string closing_note;
};

inline bool is_open_action(const MeetingNote& n, TimePoint at) {
    return n.kind == NoteKind::action && (!n.closed_at || *n.closed_at > at);
}

nlohmann::json to_json(const MeetingPlan& p, TimePoint now);
MeetingPlan meeting_from_json(const nlohmann::json& j);
nlohmann::json to_json(const MeetingNote& n);
MeetingNote note_from_json(const nlohmann::json& j);

} // namespace platslage
