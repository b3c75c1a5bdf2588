#include "day_curve.hpp"

#include "seeded_draw.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace platslage::sim {

namespace {

// Crowd share at each full hour 00..24 (24 repeats 00); linear in between.
constexpr std::array<double, 25> crowd_by_hour{
    0.18, 0.08, 0.04, 0.03, 0.03, 0.07, 0.30, 0.75, 0.95, 0.65, 0.42, 0.45, 0.52,
    0.48, 0.46, 0.58, 0.85, 0.95, 0.72, 0.50, 0.40, 0.33, 0.28, 0.22, 0.18};

// At weekends: no commuter peaks, a broad day, and people out late on Friday and Saturday nights.
constexpr std::array<double, 25> weekend_crowd_by_hour{
    0.30, 0.18, 0.10, 0.05, 0.04, 0.05, 0.10, 0.18, 0.28, 0.40, 0.52, 0.62, 0.68,
    0.70, 0.70, 0.68, 0.65, 0.60, 0.55, 0.50, 0.45, 0.42, 0.40, 0.36, 0.30};

// A train's swell ebbs with this time constant: most of its travellers are off the
// platform within a few minutes.
constexpr double swell_ebb_min = 3.0;

double wrap_hour(double hour) {
    double h = std::fmod(hour, 24.0);
    return h < 0 ? h + 24.0 : h;
}

// Where people settle to rest: halls, waiting areas, the sheltered lower level.
bool resting_place(std::string_view kind, int level) {
    return kind == "hall" || kind == "waiting" || level < 0;
}

// 0 in the morning, rising through the evening to 1 at midnight: when intoxication and
// young people alone at the station are more common.
double evening_share(double hour) {
    double h = wrap_hour(hour);
    if (h >= 18) return (h - 18) / 6.0;
    if (h < 4) return 1.0;
    if (h < 6) return (6 - h) / 2.0;
    return 0;
}

} // namespace

double night_share(double hour) {
    double h = wrap_hour(hour);
    if (h >= 23 || h < 5) return 1;
    if (h >= 21) return (h - 21) / 2.0;
    if (h < 7) return (7 - h) / 2.0;
    return 0;
}

namespace {
double interpolate(const std::array<double, 25>& by_hour, double hour) {
    double h = wrap_hour(hour);
    auto i = static_cast<std::size_t>(h);
    double f = h - static_cast<double>(i);
    return by_hour[i] * (1 - f) + by_hour[i + 1] * f;
}
} // namespace

double crowd_profile(double hour) { return interpolate(crowd_by_hour, hour); }

double crowd_profile(DayMoment m) { return interpolate(m.weekend ? weekend_crowd_by_hour : crowd_by_hour, m.hour); }

double SiteMix::occupancy_of(std::string_view kind) const {
    auto it = occupancy.find(kind);
    return it == occupancy.end() ? 1.0 : it->second;
}

double SiteMix::resting_of(std::string_view kind, int level) const {
    auto it = resting.find(kind);
    double r = it == resting.end() ? 1.0 : it->second;
    if (level < 0)
        if (auto lower = resting.find("lower-level"); lower != resting.end()) r *= lower->second;
    return r;
}

double train_swell_factor(double hour, const SiteMix& mix) {
    if (mix.train_arrivals_per_hour <= 0 || mix.train_swell <= 0) return 1.0;
    double minutes_between = 60.0 / mix.train_arrivals_per_hour;
    double since_arrival = std::fmod(wrap_hour(hour) * 60.0, minutes_between);
    return 1.0 + mix.train_swell * std::exp(-since_arrival / swell_ebb_min);
}

double peak_share(std::string_view kind) {
    if (kind == "platform") return 0.85;
    if (kind == "waiting") return 0.60;
    if (kind == "hall" || kind == "tunnel") return 0.55;
    if (kind == "entrance" || kind == "passage" || kind == "restroom") return 0.45;
    if (kind == "service") return 0.30;
    return 0.40;
}

double resting_count(std::string_view kind, int capacity, double hour) {
    double share = kind == "waiting" ? 0.04 : kind == "hall" ? 0.01 : kind == "tunnel" || kind == "passage" ? 0.005 : 0;
    return share * capacity * night_share(hour);
}

double outdoor_temperature(unsigned month, double hour) {
    static const double mean[12] = {-3, -3, 0, 5, 11, 15, 18, 17, 12, 7, 3, -1};
    double m = mean[(std::clamp(month, 1u, 12u) - 1)];
    // Rising for ten hours from the low at 05:00 to the high at 15:00, falling for fourteen.
    if (hour >= 5 && hour < 15) return m - 3.0 * std::cos((hour - 5.0) / 10.0 * std::numbers::pi);
    double since_high = hour >= 15 ? hour - 15.0 : hour + 9.0;
    return m + 3.0 * std::cos(since_high / 14.0 * std::numbers::pi);
}

double expected_count(std::string_view kind, int capacity, double hour) {
    return capacity * peak_share(kind) * crowd_profile(hour) + resting_count(kind, capacity, hour);
}

double expected_count(const Zone& zone, DayMoment m, const SiteMix& mix) {
    double passing = zone.capacity * peak_share(zone.kind) * crowd_profile(m) * mix.occupancy_of(zone.kind);
    if (zone.kind == "platform") passing *= train_swell_factor(m.hour, mix);
    return passing + resting_count(zone.kind, zone.capacity, m.hour) * mix.resting_of(zone.kind, zone.level);
}

double CountNoise::next(std::mt19937& rng) {
    // Stationary deviation 0.06 / sqrt(1 - 0.8²) = 0.10.
    level_ = 0.8 * level_ + 0.06 * normal(rng);
    return level_;
}

namespace {
// The count drawn around `mean`: relative drift plus a counting error of a few people.
int noisy_count(double mean, int capacity, CountNoise& noise, std::mt19937& rng) {
    double relative = noise.next(rng);
    // Counting error of a few people on top, which matters for small rooms.
    double jitter = normal(rng) * 0.5 * std::sqrt(mean);
    double count = mean * std::max(0.0, 1.0 + relative) + jitter;
    return static_cast<int>(std::lround(std::clamp(count, 0.0, 1.5 * capacity)));
}
} // namespace

int sample_count(std::string_view kind, int capacity, double hour, CountNoise& noise, std::mt19937& rng) {
    return noisy_count(expected_count(kind, capacity, hour), capacity, noise, rng);
}

int sample_count(const Zone& zone, DayMoment m, const SiteMix& mix, CountNoise& noise, std::mt19937& rng) {
    return noisy_count(expected_count(zone, m, mix), zone.capacity, noise, rng);
}

CategoryWeights category_weights(std::string_view kind, int level, double hour, ReportKind report) {
    return category_weights(kind, level, hour, report, SiteMix{});
}

CategoryWeights category_weights(std::string_view kind, int level, double hour, ReportKind report, const SiteMix& mix) {
    double n = night_share(hour);
    double e = evening_share(hour);
    // People who rest settle where the scenario says, at night: its resting multiplier bends the night's part.
    double nr = n * mix.resting_of(kind, level);
    double sleeping = kind == "platform" ? 0.05 + 0.15 * nr : resting_place(kind, level) ? 1.0 + 6.0 * nr : 0.4 + 1.5 * nr;
    CategoryWeights w{
        sleeping,
        1.5 + 1.0 * e,         // intoxicated
        1.2,                   // distress
        0.35,                  // needs_care
        0.15 + 0.2 * e,        // minor
        0.05 + 0.3 * (1 - n),  // family_with_children: rarely at night
        0.35,                  // elderly
    };
    if (report == ReportKind::incident) { // incidents are about acute states, seldom sleep
        w[0] *= 0.3;
        w[1] *= 2;
        w[2] *= 2;
        w[3] *= 3;
    }
    for (std::size_t i = 0; i < w.size(); ++i) w[i] *= mix.categories[i];
    return w;
}

std::array<double, 3> report_kind_weights(double hour) {
    double n = night_share(hour);
    return {5.0, 0.5 + 0.5 * n, 5.0}; // observation, incident, patrol
}

std::array<double, 3> report_kind_weights(double hour, const SiteMix& mix) {
    auto w = report_kind_weights(hour);
    for (std::size_t i = 0; i < w.size(); ++i) w[i] *= mix.report_kinds[i];
    return w;
}

double observation_zone_weight(std::string_view kind, int level, double hour) {
    return observation_zone_weight(kind, level, hour, SiteMix{});
}

double observation_zone_weight(std::string_view kind, int level, double hour, const SiteMix& mix) {
    double base = kind == "hall" || kind == "waiting" ? 3.0
                  : kind == "service"                 ? 0.7
                  : kind == "passage" || kind == "restroom" ? 1.0
                                                      : 1.5;
    return resting_place(kind, level) ? base * (1 + 3 * night_share(hour) * mix.resting_of(kind, level)) : base;
}

double reports_per_hour(double hour) { return 12.0 + 6.0 * night_share(hour); }

double reports_per_hour(double hour, const SiteMix& mix) {
    // Each kind keeps its usual share of a shift's reports, times its multiplier.
    auto usual = report_kind_weights(hour);
    auto mixed = report_kind_weights(hour, mix);
    double u = usual[0] + usual[1] + usual[2], m = mixed[0] + mixed[1] + mixed[2];
    return reports_per_hour(hour) * m / u;
}

} // namespace platslage::sim
