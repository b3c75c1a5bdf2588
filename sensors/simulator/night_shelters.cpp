#include "night_shelters.hpp"

#include "seeded_draw.hpp"
#include "stockholm_time.hpp"
#include "time_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace platslage::sim {

namespace {
constexpr std::uint32_t shelter_role = 5, women_role = 6;
// On an extra cold night the City opens more places and more people take one.
constexpr double cold_night_extra = 0.15;

// Share of the night's guests inside at a local hour: in from 19:00, all in by 23:00, out by 09:00.
double inside_share(double hour) {
    if (hour >= 19 && hour < 23) return (hour - 19) / 4.0;
    if (hour >= 23 || hour < 7) return 1.0;
    if (hour < 9) return (9 - hour) / 2.0;
    return 0.0;
}
} // namespace

int NightShelters::night_guests(std::size_t shelter, std::chrono::sys_days night, bool extra_cold) const {
    auto day = static_cast<std::uint32_t>(night.time_since_epoch().count());
    std::mt19937 rng(actor_seed(seed_, shelter_role, day * 4u + static_cast<std::uint32_t>(shelter)));
    double share = std::clamp(usual_share_ + (extra_cold ? cold_night_extra : 0.0) + 0.08 * normal(rng), 0.3, 1.0);
    return static_cast<int>(std::lround(share * stockholm_night_shelters[shelter].places));
}

double NightShelters::women_share(std::size_t shelter, std::chrono::sys_days night) const {
    auto day = static_cast<std::uint32_t>(night.time_since_epoch().count());
    std::mt19937 rng(actor_seed(seed_, women_role, day * 4u + static_cast<std::uint32_t>(shelter)));
    return std::clamp(0.33 + 0.06 * normal(rng), 0.1, 0.6);
}

std::vector<ShelterCount> NightShelters::at(const SimMoment& m, bool extra_cold) const {
    // A night is named by its evening: 03:00 belongs to the night before.
    auto local_day = std::chrono::sys_days{stockholm_date(m.at)};
    auto night = m.hour < 12 ? local_day - std::chrono::days{1} : local_day;
    std::vector<ShelterCount> out;
    for (std::size_t i = 0; i < stockholm_night_shelters.size(); ++i) {
        int guests = night_guests(i, night, extra_cold);
        int inside = static_cast<int>(std::lround(guests * inside_share(m.hour)));
        out.push_back(ShelterCount{std::string(stockholm_night_shelters[i].id), stockholm_night_shelters[i].places, inside,
                                   static_cast<int>(std::lround(inside * women_share(i, night)))});
    }
    return out;
}

std::string shelter_json(const ShelterCount& c, TimePoint ts) {
    return nlohmann::json{{"shelter", c.shelter},   {"ts", format_rfc3339(ts)},       {"places", c.places},
                          {"occupied", c.occupied}, {"women", c.women},                {"men", c.occupied - c.women}}
        .dump();
}

} // namespace platslage::sim
