#pragma once
// The agenda of a joint deployment meeting, built from what was recorded since the
// previous meeting of the same plan (or the week before the first): where it was hottest
// and why, where people were seen day after day, where alerts went without a team on
// scene, the alerts still open and those that escalated, how fast dispatches went, how
// they ended (women / men / unknown, as the partners' follow-up tables count), and the
// action items still open. Every number can be checked against the event log.
#include "dispatch.hpp"
#include "meeting.hpp"
#include "shelter.hpp"
#include "weather.hpp"
#include "stockholm_time.hpp"
#include "zone_map.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace platslage {

// A guard report as the agenda counts it.
struct AgendaReport {
    std::string zone;
    TimePoint at; // the report's own time
    int persons = 0;
    std::vector<std::string> categories;
};

// An alert's life in short, from its stored steps.
struct AgendaAlert {
    std::string id;
    std::string rule;
    std::string zone; // empty for station-wide alerts
    std::string severity; // the latest
    TimePoint raised;
    bool escalated = false;
    std::optional<TimePoint> closed; // resolved or expired
    std::string summary;             // the detail it was raised with
    std::string zone_name;           // as people call it; set by the agenda
    std::string station = {};        // where it was raised
};

struct AgendaInput {
    MeetingPlan plan;
    TimePoint held_at;               // the meeting the agenda is for
    std::optional<TimePoint> previous; // the plan's meeting before it
    std::vector<AgendaReport> reports;   // reported in [since, held_at)
    std::vector<AgendaAlert> alerts;     // raised before held_at and open at since or later
    std::vector<Dispatch> dispatches;    // sent in [since, held_at)
    std::vector<MeetingNote> open_actions; // still open at held_at
    std::vector<MeetingNote> last_notes;   // recorded at the previous meeting
    // The city's night shelters' counts and the weather in [since, held_at): the meeting
    // weighs tonight's options and the cold. The same readings the picture had.
    std::vector<ShelterReading> shelter_readings = {};
    std::vector<WeatherReading> weather_readings = {};
};
// Without a previous meeting the agenda looks back this far.
inline constexpr std::chrono::days agenda_default_window{7};
TimePoint agenda_since(const AgendaInput& in);

struct HotZone {
    std::string zone, name;
    int reports = 0, persons = 0, at_night = 0;
    int alerts = 0, serious_alerts = 0; // serious: major or critical
    std::vector<std::pair<std::string, int>> categories; // most reported first, at most three
    std::string why;
};
struct RepeatedPresence {
    std::string zone, name;
    int days = 0; // days (06:00 to 06:00) with at least one report
    int persons = 0;
};
struct CoverageGap {
    std::string zone, name;
    int alerts = 0;
    int reached = 0;     // alerts a team was on scene for
    int unanswered = 0;  // orders not answered in time or declined
};
struct ResponseStep {
    std::string from, to;
    int measured = 0;
    std::optional<Millis> median, p90;
};
struct OutcomeRow {
    std::string outcome;
    int women = 0, men = 0, unknown = 0, total = 0;
};

// A night shelter's nights in the period: each night (18:00 to 06:00 is one night, as the
// shelters count) counted by its last reading.
struct AgendaShelter {
    std::string id, name;
    int places = 0;      // as last reported
    int nights = 0;      // nights with a reading
    int full_nights = 0; // nights whose last reading had no place free
    int occupied = 0;    // places taken, summed over the nights (the IOP report's nights used)
    int last_free = 0;   // free places in the newest reading
};
struct AgendaWeather {
    int readings = 0;
    std::optional<double> coldest_c;
    int extra_cold_nights = 0; // nights with a reading at or below the rule's cold, or a warning from its class
    int worst_warning = 0;     // SMHI's class, 0 none
};

struct Agenda {
    MeetingPlan plan;
    TimePoint held_at, since;
    bool first_meeting = false;
    std::string zone_name;
    std::vector<HotZone> hottest;
    std::vector<RepeatedPresence> repeated;
    std::vector<CoverageGap> gaps;
    std::vector<AgendaAlert> open_alerts, escalated;
    int dispatches = 0, completed = 0, declined = 0, unanswered = 0, withdrawn = 0;
    std::vector<ResponseStep> response;
    std::vector<OutcomeRow> outcomes;
    std::vector<std::pair<std::string, int>> referrals;
    std::vector<MeetingNote> open_actions;
    std::vector<std::string> overdue; // ids of open action items past their due date
    std::vector<MeetingNote> last_notes;
    std::vector<AgendaShelter> shelters = {}; // the known shelters, each once
    AgendaWeather weather = {};
};

inline constexpr int agenda_hot_zones = 5;
inline constexpr int repeated_presence_days = 3;

// Counts only what happened at the plan's station: its zones' reports, its alerts and its
// orders (the shelters and the weather are the city's, and count for every station).
Agenda build_agenda(const AgendaInput& in, const ZoneMap& zones, NightHours night, ColdNightRule cold = {});
nlohmann::json to_json(const Agenda& a);

} // namespace platslage
