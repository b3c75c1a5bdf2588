#pragma once
// The whole simulated site as a scenario sets it: counters in every zone, the weather,
// guard handhelds and outreach pairs shared between the stations, and the loop that drives
// them on the simulated clock. The loop runs its passes in a fixed order each turn: clocks,
// counters and weather, handhelds, teams, summary.
#include "guard_handheld.hpp"
#include "occupancy_feed.hpp"
#include "outreach_team.hpp"
#include "scenario.hpp"
#include "sim_clock.hpp"
#include "sim_options.hpp"
#include "zone_map.hpp"

#include <zmq.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace platslage::sim {

class Simulation {
public:
    // `options` and `scenario` must outlive the simulation.
    Simulation(const SimOptions& options, const Scenario& scenario, const ZoneMap& zones, zmq::context_t& ctx);

    // Runs until `stop` is set or --duration has passed.
    void run(const std::atomic<bool>& stop);
    // Every device ends its shift or duty and goes offline; clients disconnect.
    void close();

    // "summary: samples=… reports created=… sent=… …": one line for stdout.
    std::string summary_line() const;

private:
    const SimOptions& options_;
    const Scenario& scenario_;
    SimClock clock_;
    OccupancyFeed feed_;
    // Devices stay put: Paho holds a reference to each as its callback.
    std::vector<std::unique_ptr<GuardHandheld>> handhelds_;
    std::vector<std::unique_ptr<OutreachTeam>> teams_;
    SimMoment last_{};
};

} // namespace platslage::sim
