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
constexpr std::uint32_t handheld_role = 1, team_role = 2, counter_role = 3;

Millis seconds(double s) { return Millis{static_cast<Millis::rep>(s * 1000)}; }

// This run's start, "20261123T232634": keeps report ids of reruns apart.
std::string run_tag(TimePoint start) {
    auto text = format_rfc3339(start); // "2026-11-23T23:26:34.000Z"
    std::string tag;
    for (char c : text.substr(0, 19))
        if (c != '-' && c != ':') tag += c;
    return tag;
}

std::string numbered(const char* prefix, int n) {
    char id[16];
    std::snprintf(id, sizeof id, "%s-%02d", prefix, n);
    return id;
}

} // namespace

Simulation::Simulation(const SimOptions& o, const ZoneMap& zones, zmq::context_t& ctx)
    : options_(o),
      feed_(ctx, o.ingest, zones, actor_seed(o.seed, counter_role, 0), seconds(o.sample_every_s), o.temperature_c) {
    auto stations = zones.stations();
    if (stations.empty()) throw std::runtime_error("the maps hold no stations");
    const std::string run = run_tag(SystemClock().now());
    for (int i = 0; i < o.guards; ++i) {
        const auto& station = stations[static_cast<std::size_t>(i) % stations.size()];
        ReportGenerator reports(station, numbered("hh", i + 1), zones.zones_of(station),
                                actor_seed(o.seed, handheld_role, static_cast<std::uint32_t>(i)), run);
        handhelds_.push_back(std::make_unique<GuardHandheld>(o.mqtt, std::move(reports), 2, seconds(o.resend_after_s)));
    }
    for (int i = 0; i < o.teams; ++i) {
        const auto& station = stations[static_cast<std::size_t>(i) % stations.size()];
        std::string team = numbered("team", i + 1);
        // Most pairs are the city's outreach workers; one is a mobile care team from Capio.
        std::string org = o.teams > 1 && i == o.teams - 1 ? "capio" : "socialforvaltningen";
        TeamRound round(station, team, org, zones.zones_of(station),
                        actor_seed(o.seed, team_role, static_cast<std::uint32_t>(i)));
        teams_.push_back(std::make_unique<OutreachTeam>(o.mqtt, std::move(round), station, team));
    }
    spdlog::info("simulating {} counters, {} handhelds, {} outreach pairs at speed {} (seed {})", zones.zones().size(),
                 handhelds_.size(), teams_.size(), o.speed, o.seed);
}

void Simulation::run(const std::atomic<bool>& stop) {
    SystemClock wall;
    const auto started = std::chrono::steady_clock::now();
    auto next_summary = started + seconds(options_.summary_every_s);
    const auto until = started + seconds(options_.duration_s);
    while (!stop) {
        auto t = std::chrono::steady_clock::now();
        if (options_.duration_s > 0 && t >= until) break;
        // Simulated time runs `speed` times faster; what is sent is stamped with the wall clock.
        Millis sim_now = seconds(std::chrono::duration<double>(t - started).count() * options_.speed);
        TimePoint now = wall.now();
        double hour = stockholm_hour(now);

        feed_.tick(now, hour);
        for (auto& h : handhelds_) h->tick(now, sim_now, hour);
        for (auto& team : teams_) team->tick(now, sim_now, hour);
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
    std::uint64_t statuses = 0;
    for (const auto& team : teams_) statuses += team->statuses_sent();
    return "summary: samples_sent=" + std::to_string(feed_.samples_sent()) +
           " samples_dropped=" + std::to_string(feed_.samples_dropped()) +
           " reports_created=" + std::to_string(all.created) + " reports_sent=" + std::to_string(all.sent) +
           " resent=" + std::to_string(all.resent) + " stored=" + std::to_string(all.stored) +
           " refused=" + std::to_string(all.refused) + " pending=" + std::to_string(all.pending) +
           " statuses_sent=" + std::to_string(statuses);
}

} // namespace platslage::sim
