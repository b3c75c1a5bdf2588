#pragma once
// The joint deployment meetings (utsättningsmöten) as the console's Meetings window shows
// them, decided without a window: the hub's `meeting/` and `note/` keys read into rows,
// times in Stockholm wall-clock text, the form's fields checked and turned into the
// commands of docs/protocol.md ("Meeting commands"), and the agenda reply made a file.
#include "clock.hpp"
#include "form_command.hpp"
#include "zone_map.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace platslage::console {

struct MeetingRow {
    std::string id, title, station, zone, zone_name;
    std::string first, next, previous;   // RFC 3339, empty when the plan has none
    std::string next_text;               // "Tue 2026-11-24 09:00" Stockholm time, or "none planned"
    std::string repeat;                  // once | weekly | fortnightly
    std::vector<std::string> organisations;
    std::string organisations_text;      // their titles, comma separated
    int duration_min = 0;
    bool cancelled = false;
};

struct NoteRow {
    std::string id, kind, meeting, held_at, text, by, recorded_at;
    std::string owner, owner_title, due, state; // action items only
    bool overdue = false;                       // an open action item past its due date
    bool is_action() const { return kind == "action"; }
    bool open() const { return is_action() && state == "open"; }
};

struct MeetingBook {
    std::vector<MeetingRow> meetings; // planned ones first, soonest next meeting first; cancelled last
    std::vector<NoteRow> notes;       // by id: in the order they were recorded
    std::size_t undecodable = 0;
};

// Reads the picture's meeting entries (key → JSON). `today` is the Stockholm date, for
// overdue action items.
MeetingBook meeting_book(const std::map<std::string, std::string>& entries, const ZoneMap& zones,
                         std::chrono::year_month_day today);
// A meeting's open action items (oldest first) and its latest decisions (newest first, at most `n`).
std::vector<const NoteRow*> open_actions(const MeetingBook& b, const std::string& meeting);
std::vector<const NoteRow*> recent_decisions(const MeetingBook& b, const std::string& meeting, std::size_t n = 5);

// "Tue 2026-11-24 09:00" on the Stockholm wall clock; "?" when it cannot be read.
std::string stockholm_text(const std::string& rfc3339);
// "2026-11-24": the Stockholm date.
std::string stockholm_date_text(TimePoint t);
// once → "once", weekly → "every week", fortnightly → "every other week".
std::string repeat_words(const std::string& repeat);
// The repeats the form offers, in order.
const std::vector<std::string>& repeat_choices();

// A Stockholm date and time as typed ("2026-11-24", "09:00") on the timeline; none when
// either does not read as such or is not a real date or time.
std::optional<TimePoint> stockholm_local(const std::string& date, const std::string& time);
// "2026-11-24" with a real calendar date.
bool is_date_text(const std::string& date);


struct PlanForm {
    std::string title;
    std::string zone;
    std::vector<std::string> organisations;
    std::string date; // YYYY-MM-DD, Stockholm
    std::string time; // HH:MM, Stockholm
    std::string repeat = "once";
    int duration_min = 60;
};
Command plan_command(const PlanForm& f, const std::string& by, const ZoneMap& zones, TimePoint now);
Command decision_command(const std::string& meeting, const std::string& text, const std::string& by);
Command action_command(const std::string& meeting, const std::string& text, const std::string& owner,
                       const std::string& due, const std::string& by);
Command close_action_command(const std::string& meeting, const std::string& note, const std::string& closing_text,
                             const std::string& by);
Command agenda_command(const std::string& meeting, const std::string& by);
// Ends a plan: no meetings of it from now on; its notes and past agendas stay.
Command cancel_command(const std::string& meeting, const std::string& by);

// The hub's answer to `agenda`: the handout's Markdown and the meeting's start.
struct AgendaReply {
    std::string meeting, held_at, markdown;
};
std::optional<AgendaReply> parse_agenda_reply(const std::string& text);
// "agenda-M-000001-2026-11-24.md": the meeting and its Stockholm date.
std::string agenda_file_name(const AgendaReply& a);
// Writes `text` to `dir`/`name` through `name`.tmp and a rename, so a reader never sees half
// a file. Returns the path written, or none with `error` saying why.
std::optional<std::filesystem::path> write_file_atomically(const std::filesystem::path& dir, const std::string& name,
                                                           const std::string& text, std::string& error);

} // namespace platslage::console
