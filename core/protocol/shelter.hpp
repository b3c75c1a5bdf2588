#pragma once
// Night shelter places: how many beds the shelters for vulnerable EU citizens have free
// tonight. When they are full on an extra cold night, people stay at the station, so the
// control room and outreach see it beside the weather. Counts of beds, never of who.
#include "checked.hpp"
#include "clock.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace platslage {

inline constexpr std::size_t max_shelter_bytes = 512;

struct KnownShelter {
    std::string_view id;
    std::string_view name;
    int places; // the usual number of places; a reading may say otherwise on a surge night
};
// The three shelters of the domain brief: 115 places in all.
inline constexpr std::array<KnownShelter, 3> known_shelters{{
    {"filadelfia", "Filadelfia (Slakthusområdet)", 50},
    {"fralsningsarmen", "Frälsningsarmén (Västberga)", 45},
    {"convictus", "Convictus (Hjorthagen)", 20},
}};

struct ShelterReading {
    std::string shelter; // one of known_shelters
    TimePoint ts;
    int places = 0;   // places open tonight, 1-500
    int occupied = 0; // 0 to places
    // Of the places occupied tonight, how many by women and by men (the IOP report's nights
    // by gender); optional, together at most `occupied`, the rest unknown.
    std::optional<int> women = std::nullopt, men = std::nullopt;
};

Checked<ShelterReading> parse_shelter_reading(std::string_view payload, TimePoint now);
nlohmann::json to_json(const ShelterReading& s);

} // namespace platslage
