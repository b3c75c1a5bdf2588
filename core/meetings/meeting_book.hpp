#pragma once
// The meetings the partners have planned and what they recorded at them. Pure: the hub
// stores every change in SQLite and hands the book what it stored when it starts.
#include "meeting.hpp"
#include "meeting_command.hpp"
#include "rejection.hpp"
#include "zone_map.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace platslage {

class MeetingBook {
public:
    // Would the command be carried out at `now`? The reason when not.
    std::optional<Rejection> check(const MeetingCommand& c, const ZoneMap& zones, TimePoint now) const;

    // Carries out a checked command (not agenda, which changes nothing). The ids of the
    // plan and the note it created or changed.
    struct Changed {
        std::optional<std::string> meeting;
        std::optional<std::string> note;
    };
    Changed apply(const MeetingCommand& c, const ZoneMap& zones, TimePoint now);

    // What was stored, at start.
    void restore(std::vector<MeetingPlan> plans, std::vector<MeetingNote> notes);

    const MeetingPlan* find(const std::string& id) const;
    const MeetingNote* note(const std::string& id) const;
    const std::map<std::string, MeetingPlan>& plans() const { return plans_; }
    const std::map<std::string, MeetingNote>& notes() const { return notes_; }

    // The meeting a decision or action item recorded now belongs to: the one under way,
    // else the last one held; an action item recorded before the first meeting, the first.
    std::optional<TimePoint> meeting_for_notes(const MeetingPlan& p, NoteKind kind, TimePoint now) const;
    // The meeting an agenda is asked for: `at` when it is one of the plan's, else the one
    // under way or next, else the last one held.
    std::optional<TimePoint> meeting_for_agenda(const MeetingPlan& p, std::optional<TimePoint> at, TimePoint now) const;

    // Action items of the plan still open at `at`, oldest first: they carry over.
    std::vector<MeetingNote> open_actions(const std::string& meeting, TimePoint at) const;
    // What was recorded at one meeting of the plan, in order.
    std::vector<MeetingNote> notes_at(const std::string& meeting, TimePoint held_at) const;

    // What the station's handhelds are told: the meetings there starting within `ahead`
    // (or under way), soonest first.
    nlohmann::json notice(const std::string& station, TimePoint now, Millis ahead) const;

private:
    std::map<std::string, MeetingPlan> plans_;
    std::map<std::string, MeetingNote> notes_;
    int last_meeting_ = 0;
    int last_note_ = 0;
};

} // namespace platslage
