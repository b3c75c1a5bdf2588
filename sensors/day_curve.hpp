#pragma once
// How the stations fill and empty over the local day, and what guards tend to see where
// and when. Pure: the hour and a seeded generator come in, numbers go out.
// Figures are plausible, not measured: rush 07-09 and 16-18, quiet 01-05; the people
// who rest at the station are there mostly at night, in the halls, waiting areas and on
// the lower level (domain brief, "The two stations").
#include "guard_report.hpp"

#include <array>
#include <random>
#include <string_view>

namespace platslage::sim {

// 1 from 23 to 05, ramping over two hours either side, 0 in the day.
double night_share(double hour);

// The crowd present at `hour` as a share of the day's peak (0..1).
double crowd_profile(double hour);

// Share of capacity filled at the day's peak: platforms swell, service rooms stay small.
double peak_share(std::string_view kind);

// People resting in the zone overnight, on top of the passing crowd.
double resting_count(std::string_view kind, int capacity, double hour);

// Outdoor temperature in Stockholm, °C: the month's mean (SMHI normals, rounded) swinging
// three degrees either side over the day, coldest at 05 and warmest at 15.
double outdoor_temperature(unsigned month, double hour);

// The count a counter would show on average, before noise.
double expected_count(std::string_view kind, int capacity, double hour);

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

// Relative weights of what an observation shows, indexed by Category.
using CategoryWeights = std::array<double, 7>;
CategoryWeights category_weights(std::string_view kind, int level, double hour, ReportKind report);

// Relative weights of observation, incident, patrol (indexed by ReportKind).
std::array<double, 3> report_kind_weights(double hour);

// How likely a guard comes across people who need something in a zone of this kind.
double observation_zone_weight(std::string_view kind, int level, double hour);

// Reports one handheld sends per simulated hour.
double reports_per_hour(double hour);

} // namespace platslage::sim
