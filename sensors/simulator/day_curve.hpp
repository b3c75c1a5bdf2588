#pragma once
// How the stations fill and empty over the local day, and what guards tend to see where
// and when. Pure: the hour and a seeded generator come in, numbers go out.
// Figures are plausible, not measured: rush 07-09 and 16-18, quiet 01-05; the people
// who rest at the station are there mostly at night, in the halls, waiting areas and on
// the lower level (domain brief, "The two stations").
#include "guard_report.hpp"
#include "zone_map.hpp"

#include <array>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <string_view>

namespace platslage::sim {

// Relative weights of what an observation shows, indexed by Category.
using CategoryWeights = std::array<double, 7>;

// How a scenario bends the usual day (sensors/scenarios/*.toml). Every multiplier 1 and no
// trains is the usual day, exactly as the functions without a mix compute it.
struct SiteMix {
    std::map<std::string, double, std::less<>> occupancy; // zone kind → multiplier on the passing crowd
    std::map<std::string, double, std::less<>> resting;   // zone kind, or "lower-level" → multiplier on people resting
    std::array<double, 3> report_kinds{1, 1, 1};          // observation, incident, patrol: multipliers on their rate
    CategoryWeights categories{1, 1, 1, 1, 1, 1, 1};      // multipliers on what observations show
    double train_arrivals_per_hour = 0;                   // 0: platforms follow the crowd alone
    double train_swell = 0;                               // a platform's extra share of its crowd as a train arrives

    double occupancy_of(std::string_view kind) const;
    // The kind's multiplier, times "lower-level" below street level.
    double resting_of(std::string_view kind, int level) const;
};

// When the simulated moment falls: the local hour and whether it is a weekend day.
struct DayMoment {
    double hour = 0;
    bool weekend = false;
};

// 1 from 23 to 05, ramping over two hours either side, 0 in the day.
double night_share(double hour);

// The crowd present at `hour` as a share of the day's peak (0..1).
double crowd_profile(double hour);
// At weekends no commuter rush: a late, broad midday and busy late evenings.
double crowd_profile(DayMoment m);

// A platform's crowd right after a train arrives, as a factor (1 between arrivals): trains
// come evenly, `train_arrivals_per_hour` of them, and each swell ebbs within minutes.
double train_swell_factor(double hour, const SiteMix& mix);

// Share of capacity filled at the day's peak: platforms swell, service rooms stay small.
double peak_share(std::string_view kind);

// People resting in the zone overnight, on top of the passing crowd.
double resting_count(std::string_view kind, int capacity, double hour);

// Outdoor temperature in Stockholm, °C: the month's mean (SMHI normals, rounded) swinging
// three degrees either side over the day, coldest at 05 and warmest at 15.
double outdoor_temperature(unsigned month, double hour);

// The count a counter would show on average, before noise.
double expected_count(std::string_view kind, int capacity, double hour);
double expected_count(const Zone& zone, DayMoment m, const SiteMix& mix);

// Slowly wandering relative error (AR(1)), so successive samples of one zone drift
// rather than jump. Standard deviation about 10 %.
class CountNoise {
public:
    double next(std::mt19937& rng);

private:
    double level_ = 0;
};

// One counter reading: never negative; above capacity only now and then at rush.
int sample_count(std::string_view kind, int capacity, double hour, CountNoise& noise, std::mt19937& rng);
int sample_count(const Zone& zone, DayMoment m, const SiteMix& mix, CountNoise& noise, std::mt19937& rng);

CategoryWeights category_weights(std::string_view kind, int level, double hour, ReportKind report);
CategoryWeights category_weights(std::string_view kind, int level, double hour, ReportKind report, const SiteMix& mix);

// Relative weights of observation, incident, patrol (indexed by ReportKind).
std::array<double, 3> report_kind_weights(double hour);
std::array<double, 3> report_kind_weights(double hour, const SiteMix& mix);

// How likely a guard comes across people who need something in a zone of this kind.
double observation_zone_weight(std::string_view kind, int level, double hour);
double observation_zone_weight(std::string_view kind, int level, double hour, const SiteMix& mix);

// Reports one handheld sends per simulated hour.
double reports_per_hour(double hour);
// With the mix's multipliers on each kind of report.
double reports_per_hour(double hour, const SiteMix& mix);

} // namespace platslage::sim
