#pragma once
// The control room's shift log: what operators write down during a shift (a call that came,
// a promise made to a team, a door found open) and the handover to the next shift, which
// says in words what was promised and lists, as the hub saw it at that moment, what is
// still open. Situations, never persons: every text is scrubbed like a report's note.
//
// The picture carries the log as one entry (key `shift`): the newest handover and the notes
// written since, so a console that logs in shows the handover at once.
#include "clock.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace platslage {

inline constexpr std::size_t max_shift_note_chars = 500;
inline constexpr std::size_t max_handover_chars = 1000;
// The notes since the last handover that the picture carries; older ones are in the database.
inline constexpr std::size_t shift_notes_shown = 100;

struct ShiftNote {
    std::string id; // "S-000001"
    TimePoint at;
    std::string by;    // an operator position
    std::string text;  // scrubbed of identity and phone numbers
    std::string zone;  // what it is about, when it is about a place
    std::string alert; // or about an alert
};

struct Handover {
    std::string id; // "H-000001"
    TimePoint at;
    std::string by;
    std::string text;              // what was promised, in the operator's words; scrubbed
    std::vector<std::string> open; // what was open, one line each (handover_items.hpp)
};

// What the picture's `shift` entry holds.
struct ShiftLog {
    std::optional<Handover> handover; // the newest
    std::vector<ShiftNote> notes;     // written since it, oldest first, at most shift_notes_shown
};

nlohmann::json to_json(const ShiftNote& n);
nlohmann::json to_json(const Handover& h);
nlohmann::json to_json(const ShiftLog& log);
// Read back leniently (a console reading the picture, the hub its own rows): missing fields
// read as empty; none when the body is not an object.
std::optional<ShiftNote> shift_note_from(const nlohmann::json& j);
std::optional<Handover> handover_from(const nlohmann::json& j);
std::optional<ShiftLog> shift_log_from(const nlohmann::json& j);

// The log as the hub keeps it: numbering, and what the picture shows.
class ShiftBook {
public:
    // The hub's start: the newest handover, the notes written since it (oldest first), and
    // how many notes and handovers were numbered so far (the highest numbers stored), which
    // need not be among those notes: a shift may not have written one yet.
    void restore(std::optional<Handover> newest, const std::vector<ShiftNote>& notes, long long notes_numbered,
                 long long handovers_numbered);

    std::string next_note_id() const;
    std::string next_handover_id() const;
    void add(ShiftNote n);
    void add(Handover h);
    const ShiftLog& log() const { return log_; }

private:
    ShiftLog log_;
    long long notes_ = 0, handovers_ = 0; // numbered so far
};

} // namespace platslage
