#include "recorded_day.hpp"

#include "day_curve.hpp"
#include "report_generator.hpp"
#include "seeded_draw.hpp"
#include "stockholm_time.hpp"
#include "team_round.hpp"

#include <algorithm>
#include <map>

namespace platslage::sim {

namespace {
using namespace std::chrono;

constexpr Millis heard_after{250}; // the network's delay, fixed so the day replays exactly

// The UTC instant of `hour` (may pass 24) on the local date.
TimePoint local(year_month_day date, double hour) {
    auto guess = TimePoint{sys_days{date}} + Millis{static_cast<std::int64_t>(hour * 3600000.0)};
    return guess - stockholm_offset(guess);
}

struct Shift {
    const char* station;
    const char* device;
    double from, to; // local hours on the day, may pass 24
};
struct TeamDay {
    const char* station;
    const char* team;
    const char* org;
    double from, to;
};
} // namespace

std::vector<HeardEvent> record_day(const ZoneMap& zones, year_month_day date, std::uint32_t seed) {
    std::vector<HeardEvent> out;
    auto add = [&](TimePoint ts, Event e) { out.push_back({ts + heard_after, std::move(e)}); };
    const TimePoint start = local(date, 6), end = local(date, 30);

    // Guards: a day and a night shift per station, two handhelds each.
    const Shift shifts[] = {{"centralen", "hh-01", 6, 18},  {"centralen", "hh-02", 6, 18},
                            {"centralen", "hh-01", 18, 30}, {"centralen", "hh-02", 18, 30},
                            {"cityterminalen", "hh-03", 6, 18}, {"cityterminalen", "hh-03", 18, 30}};
    std::uint32_t n = 0;
    for (const auto& s : shifts) {
        ++n;
        ReportGenerator gen(s.station, s.device, zones.zones_of(s.station), seed * 7919u + n, "s" + std::to_string(n));
        auto t = local(date, s.from);
        add(t, ShiftEvent{s.station, s.device, t, true, 2});
        add(t + seconds(1), DeviceOnline{s.station, s.device, true, t + seconds(1)});
        const auto stop = local(date, s.to);
        for (t += minutes(1); t < stop; t += gen.gap_after(stockholm_hour(t))) add(t, gen.next(t, stockholm_hour(t)));
        add(stop, ShiftEvent{s.station, s.device, stop, false, 2});
    }
    // Outreach pairs: the city's by day and evening, Capio's in the evening and night.
    const TeamDay teams[] = {{"centralen", "team-01", "socialforvaltningen", 8, 22},
                             {"cityterminalen", "team-02", "socialforvaltningen", 10, 20},
                             {"centralen", "team-03", "capio", 18, 26}};
    for (const auto& d : teams) {
        TeamRound round(d.station, d.team, d.org, zones.zones_of(d.station), seed * 104729u + (++n));
        auto t = local(date, d.from);
        add(t, round.first(t));
        const auto stop = local(date, d.to);
        for (t += round.gap_after(); t < stop; t += round.gap_after()) add(t, round.next(t, stockholm_hour(t)));
        add(stop, round.off_duty(stop));
    }
    // A counter per zone, every twenty minutes (the live simulator samples far more often).
    std::mt19937 rng(seed * 15485863u + 3);
    std::map<std::string, CountNoise> noise;
    for (auto t = start; t < end; t += minutes(20))
        for (const auto& z : zones.zones())
            add(t, OccupancySample{"sim-" + z.id.substr(z.id.find('.') + 1), z.id, t,
                                   sample_count(z.kind, z.capacity, stockholm_hour(t), noise[z.id], rng)});
    // The weather: a clear autumn day turning extra cold at night (SMHI observations hourly).
    for (int h = 6; h < 30; ++h) {
        double temperature = h < 15 ? -2.0 : h < 21 ? -2.0 - (h - 15) * 1.0 : -8.5;
        auto t = local(date, h);
        add(t, WeatherReading{"smhi", t, temperature, std::nullopt});
    }
    std::stable_sort(out.begin(), out.end(), [](const HeardEvent& a, const HeardEvent& b) { return a.heard < b.heard; });
    return out;
}

} // namespace platslage::sim
