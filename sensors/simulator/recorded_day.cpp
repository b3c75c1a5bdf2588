#include "recorded_day.hpp"

#include "day_curve.hpp"
#include "report_generator.hpp"
#include "seeded_draw.hpp"
#include "stockholm_time.hpp"
#include "occupancy_feed.hpp"
#include "sim_clock.hpp"
#include "team_duty.hpp"
#include "team_round.hpp"
#include "time_text.hpp"
#include "weather_curve.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
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

namespace {
// Seed roles, as the live simulator's (simulation.cpp): each actor its own stream.
constexpr std::uint32_t handheld_role = 1, team_role = 2, counter_role = 3;

// "20261117T2100": the recording's start in every report id, so two recorded days replayed
// into one hub do not take each other's reports for duplicates.
std::string start_tag(TimePoint start) {
    std::string tag;
    for (char c : format_rfc3339(start).substr(0, 16))
        if (c != '-' && c != ':') tag += c;
    return tag;
}

// The next 06:00 or 18:00 (local) after `t`: when guards hand over.
TimePoint next_handover(TimePoint t) {
    double h = stockholm_hour(t);
    double to = h < 6 ? 6 - h : h < 18 ? 18 - h : 30 - h;
    auto next = t + Millis{static_cast<std::int64_t>(std::llround(to * 3600000.0))};
    return next <= t ? next + hours(12) : next;
}
} // namespace

std::vector<HeardEvent> record_scenario_day(const ZoneMap& zones, const Scenario& scenario, TimePoint start,
                                            std::uint32_t seed, bool teams) {
    std::vector<HeardEvent> out;
    auto add = [&](TimePoint ts, Event e) { out.push_back({ts + heard_after, std::move(e)}); };
    const TimePoint end = start + hours(24);
    const auto stations = zones.stations();
    const std::string tag = start_tag(start);

    for (int i = 0; i < scenario.handhelds && !stations.empty(); ++i) {
        const auto& station = stations[static_cast<std::size_t>(i) % stations.size()];
        char device[16];
        std::snprintf(device, sizeof device, "hh-%02d", i + 1);
        ReportGenerator gen(station, device, zones.zones_of(station), actor_seed(seed, handheld_role, static_cast<std::uint32_t>(i)),
                            tag, &scenario.mix);
        for (TimePoint from = start; from < end;) {
            TimePoint to = std::min(next_handover(from), end);
            add(from, ShiftEvent{station, device, from, true, scenario.guards_per_handheld});
            add(from + seconds(1), DeviceOnline{station, device, true, from + seconds(1)});
            for (auto t = from + minutes(1); t < to; t += gen.gap_after(stockholm_hour(t))) add(t, gen.next(t, stockholm_hour(t)));
            add(to, ShiftEvent{station, device, to, false, scenario.guards_per_handheld});
            from = to;
        }
    }
    for (std::size_t i = 0; teams && i < scenario.teams.size(); ++i) {
        TeamDuty duty(scenario.teams[i], zones, actor_seed(seed, team_role, static_cast<std::uint32_t>(i)), scenario.decline_share);
        // Step to whatever is due, and at least every minute to see shifts begin and end.
        for (TimePoint t = start; t < end;) {
            for (auto& m : duty.step(moment_of(t), t, false))
                std::visit([&](auto& v) { add(t, v); }, m);
            TimePoint next = std::min(duty.next_due(), TimePoint{floor<minutes>(t) + minutes(1)});
            t = next > t ? next : t + minutes(1);
        }
        if (auto home = duty.go_home(end)) add(end, *home);
    }
    std::mt19937 rng(actor_seed(seed, counter_role, 0));
    std::vector<std::string> taken;
    std::vector<std::pair<const Zone*, std::string>> counters;
    for (const auto& z : zones.zones()) counters.emplace_back(&z, sensor_id(z.id, taken));
    std::map<std::string, CountNoise> noise;
    for (auto t = start; t < end; t += minutes(20)) {
        auto moment = moment_of(t).day_moment();
        for (const auto& [z, sensor] : counters)
            add(t, OccupancySample{sensor, z->id, t, sample_count(*z, moment, scenario.mix, noise[z->id], rng)});
    }
    WeatherCurve weather(scenario.weather, moment_of(start).month);
    for (auto t = start; t < end; t += minutes(30)) {
        auto w = weather.at(stockholm_hour(t));
        add(t, WeatherReading{"sim-smhi", t, std::round(w.temperature_c * 10) / 10, w.warning_class});
    }
    std::stable_sort(out.begin(), out.end(), [](const HeardEvent& a, const HeardEvent& b) { return a.heard < b.heard; });
    return out;
}

} // namespace platslage::sim
