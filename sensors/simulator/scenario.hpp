#pragma once
// A scenario: what kind of day or night the simulator plays, as a TOML file in
// sensors/scenarios/ that partners can read and change (docs/simulation.md). It sets the
// simulated start, the weather, the guards and the outreach pairs with their shifts, and
// how the day is bent: report rates, what guards see, the crowd, trains, where people rest
// and how full the night shelters are. A misspelt or unknown setting, a wrong type or a
// value out of range refuses the whole file with its line named: a typo must never quietly
// fall back to a default.
#include "day_curve.hpp"
#include "team_shifts.hpp"
#include "weather_curve.hpp"
#include "zone_map.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace platslage::sim {

struct TeamPlan {
    std::string id;           // "team-01": a team, never a person
    std::string station;      // where its rounds are
    std::string organisation; // an organisation id of the protocol, e.g. "socialforvaltningen"
    std::vector<ShiftWindow> shifts; // none: always on duty
};

struct Scenario {
    std::string name;        // the file's stem, or "now"
    std::string description;
    bool starts_now = true;  // no file: the present Stockholm moment, the month's usual weather
    std::chrono::weekday start_day = std::chrono::Tuesday;
    double start_hour = 0;   // local
    unsigned month = 11;     // the season: usual temperatures, and the simulated date
    std::vector<WeatherPoint> weather;
    int handhelds = 4;       // guard handhelds on shift, shared between the stations in turn
    int guards_per_handheld = 2;
    std::vector<TeamPlan> teams;
    double decline_share = 0.05; // orders a team declines: it cannot leave what it is doing
    SiteMix mix;
    double shelter_occupancy = 0.8; // the night shelters' usual share of places taken
};

// The run without a scenario file: four handhelds and three pairs always on duty, from the
// present moment, in Stockholm's usual weather for the month.
Scenario default_scenario(const ZoneMap& zones);

// A name ("extra-cold-night": `dir`/extra-cold-night.toml) or a path (with a '/' or ending in .toml).
std::string scenario_path(const std::string& name_or_path, const std::string& dir);

// Throws std::runtime_error naming the file, the line and what is wrong.
Scenario load_scenario(const std::string& path, const ZoneMap& zones);
// The same from text; `source` names it in messages and gives the name its stem.
Scenario parse_scenario(std::string_view toml_text, const std::string& source, const ZoneMap& zones);

// --teams N: the first N of the scenario's pairs; more than it has repeats its plans under new ids.
void resize_teams(Scenario& s, int n);

} // namespace platslage::sim
