#pragma once
// The whole simulated site: counters in every zone, guard handhelds and outreach pairs
// shared between the stations, and the loop that drives them. The loop runs its passes in
// a fixed order each turn: clocks, counters, handhelds, teams, summary.
#include "guard_handheld.hpp"
#include "occupancy_feed.hpp"
#include "outreach_team.hpp"
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
    Simulation(const SimOptions& options, const ZoneMap& zones, zmq::context_t& ctx);

    // Runs until `stop` is set or --duration has passed.
    void run(const std::atomic<bool>& stop);
    // Every device ends its shift or duty and goes offline; clients disconnect.
    void close();

    // "summary: samples=… reports created=… sent=… …": one line for stdout.
    std::string summary_line() const;

private:
    const SimOptions& options_;
    OccupancyFeed feed_;
    // Devices stay put: Paho holds a reference to each as its callback.
    std::vector<std::unique_ptr<GuardHandheld>> handhelds_;
    std::vector<std::unique_ptr<OutreachTeam>> teams_;
};

} // namespace platslage::sim
