#include "simulation.hpp"

#include "seeded_draw.hpp"
#include "stockholm_time.hpp"
#include "system_clock.hpp"
#include "time_text.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <thread>

namespace platslage::sim {

namespace {

// Seed roles: each kind of actor draws from its own stream.
constexpr std::uint32_t handheld_role = 1, team_role = 2, counter_role = 3, shelter_role = 4;

Millis seconds(double s) { return Millis{static_cast<Millis::rep>(s * 1000)}; }


std::string weekday_text(std::chrono::weekday d) {
    static const char* names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    return names[d.c_encoding()];
}

std::string numbered(const char* prefix, int n) {
    char id[16];
    std::snprintf(id, sizeof id, "%s-%02d", prefix, n);
    return id;
}

} // namespace

Simulation::Simulation(const SimOptions& o, const Scenario& scenario, const ZoneMap& zones, zmq::context_t& ctx)
    : options_(o), scenario_(scenario), clock_(scenario_start(scenario, SystemClock().now()), o.speed),
      feed_(ctx, o.ingest, load_hub_keys(o.key_files), zones, actor_seed(o.seed, counter_role, 0), seconds(o.sample_every_s), scenario.mix,
            [&] {
                WeatherCurve w(scenario.weather, moment_of(clock_.start()).month);
                w.fix_temperature(o.temperature_c);
                return w;
            }(),
            o.shelters ? std::optional<NightShelters>(NightShelters(actor_seed(o.seed, shelter_role, 0), scenario.shelter_occupancy))
                       : std::nullopt) {
    auto stations = zones.stations();
    if (stations.empty()) throw std::runtime_error("the maps hold no stations");
    const std::string run = run_tag(SystemClock().now());
    MqttSessionOptions broker;
    broker.uri = o.mqtt;
    apply_broker_login(o.login, broker);
    for (int i = 0; i < scenario.handhelds; ++i) {
        const auto& station = stations[static_cast<std::size_t>(i) % stations.size()];
        ReportGenerator reports(station, numbered("hh", i + 1), zones.zones_of(station),
                                actor_seed(o.seed, handheld_role, static_cast<std::uint32_t>(i)), run, &scenario.mix);
        handhelds_.push_back(std::make_unique<GuardHandheld>(broker, std::move(reports), scenario.guards_per_handheld,
                                                             seconds(o.resend_after_s)));
    }
    for (std::size_t i = 0; i < scenario.teams.size(); ++i) {
        TeamDuty duty(scenario.teams[i], zones, actor_seed(o.seed, team_role, static_cast<std::uint32_t>(i)),
                      scenario.decline_share);
        teams_.push_back(std::make_unique<OutreachTeam>(broker, std::move(duty), seconds(o.resend_after_s)));
    }
    auto start = moment_of(clock_.start());
    spdlog::info("scenario {}: starts {} {} (Stockholm), {} counters, {} handhelds, {} outreach pairs, speed {}, seed {}{}",
                 scenario.name, weekday_text(start.day), stockholm_clock_text(clock_.start()), zones.zones().size(),
                 handhelds_.size(), teams_.size(), o.speed, o.seed, o.shelters ? ", night shelters on" : "");
}

void Simulation::run(const std::atomic<bool>& stop) {
    SystemClock wall;
    const auto started = std::chrono::steady_clock::now();
    auto next_summary = started + seconds(options_.summary_every_s);
    const auto until = started + seconds(options_.duration_s);
    while (!stop) {
        auto t = std::chrono::steady_clock::now();
        if (options_.duration_s > 0 && t >= until) break;
        // Simulated time runs `speed` times faster from the scenario's start; what is sent is stamped with the wall clock.
        last_ = moment_of(clock_.at(t - started));
        Millis sim_elapsed = std::chrono::duration_cast<Millis>(last_.at - clock_.start());
        TimePoint stamp = wall.now();

        feed_.tick(stamp, last_);
        for (auto& h : handhelds_) h->tick(stamp, sim_elapsed, last_.hour);
        bool cold = feed_.weather_at(last_).extra_cold();
        for (auto& team : teams_) team->tick(stamp, last_, cold);
        if (t >= next_summary) {
            next_summary += seconds(options_.summary_every_s);
            std::cout << summary_line() << std::endl;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

void Simulation::close() {
    SystemClock wall;
    for (auto& h : handhelds_) h->close(wall.now());
    for (auto& team : teams_) team->close(wall.now());
    std::cout << summary_line() << std::endl;
}

std::string Simulation::summary_line() const {
    HandheldCounts all;
    for (const auto& h : handhelds_) {
        auto c = h->counts();
        all.created += c.created;
        all.sent += c.sent;
        all.resent += c.resent;
        all.stored += c.stored;
        all.refused += c.refused;
        all.pending += c.pending;
    }
    TeamCounts teams;
    for (const auto& team : teams_) {
        const auto& c = team->counts();
        teams.statuses += c.statuses;
        teams.orders += c.orders;
        teams.answers += c.answers;
        teams.outcomes += c.outcomes;
        teams.refused += c.refused;
    }
    return "summary: samples_sent=" + std::to_string(feed_.samples_sent()) +
           " samples_dropped=" + std::to_string(feed_.samples_dropped()) +
           " reports_created=" + std::to_string(all.created) + " reports_sent=" + std::to_string(all.sent) +
           " resent=" + std::to_string(all.resent) + " stored=" + std::to_string(all.stored) +
           " refused=" + std::to_string(all.refused) + " pending=" + std::to_string(all.pending) +
           " statuses_sent=" + std::to_string(teams.statuses) + " orders=" + std::to_string(teams.orders) +
           " answers=" + std::to_string(teams.answers) + " outcomes=" + std::to_string(teams.outcomes) +
           " team_refused=" + std::to_string(teams.refused) +
           (last_.at == TimePoint{} ? std::string() : " simulated=" + weekday_text(last_.day) + "-" + stockholm_clock_text(last_.at));
}

} // namespace platslage::sim
