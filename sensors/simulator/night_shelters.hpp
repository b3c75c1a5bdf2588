#pragma once
// The night shelters for vulnerable EU citizens that outreach refers people to (domain
// brief, seed 002): Filadelfia 50 places, Frälsningsarmén 45, Convictus 20, 115 in all,
// about 80 % taken on average and fuller on extra cold nights. Each night's figure is drawn
// from the seed and the night's date alone, so a rerun, or a run that asks more often,
// sees the same nights. Doors open in the evening, the night's guests are in by 23:00 and
// gone by 09:00. Pure.
#include "sim_clock.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace platslage::sim {

struct Shelter {
    std::string_view id; // on the wire: "filadelfia"
    int places;
};
inline constexpr std::array<Shelter, 3> stockholm_night_shelters{
    {{"filadelfia", 50}, {"fralsningsarmen", 45}, {"convictus", 20}}};

struct ShelterCount {
    std::string shelter;
    int places = 0;
    int occupied = 0;
    int women = 0; // of `occupied`; the rest are men (the shelters register every guest's gender)
};

class NightShelters {
public:
    // `usual_share`: the average share of places taken (the scenario's [shelters] occupancy).
    NightShelters(std::uint32_t seed, double usual_share) : seed_(seed), usual_share_(usual_share) {}

    // Each shelter's guests at `m`; `extra_cold` fills them further.
    std::vector<ShelterCount> at(const SimMoment& m, bool extra_cold) const;
    // The night's full figure for one shelter (before doors open and after guests leave, fewer are in).
    int night_guests(std::size_t shelter, std::chrono::sys_days night, bool extra_cold) const;
    // The share of one night's guests who are women: about a third (33 % over the IOP report's
    // winter, 28-44 % by month), drawn apart from the guests so that adding it changed no count.
    double women_share(std::size_t shelter, std::chrono::sys_days night) const;

private:
    std::uint32_t seed_;
    double usual_share_;
};

// [PLS1][SHELTER][{"shelter":"filadelfia","ts":…,"places":50,"occupied":41,"women":14,"men":27}]: the message
// the simulator sends with --shelters (docs/simulation.md).
std::string shelter_json(const ShelterCount& c, TimePoint ts);

} // namespace platslage::sim
