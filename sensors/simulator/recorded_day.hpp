#pragma once
// A whole simulated day at both stations as the hub would have heard it, without a broker
// or a socket: the same generators the live simulator drives, stepped through simulated
// time. Same date and seed, same events, byte for byte: the recorded day the fusion's
// golden test replays, and a day anyone can replay through a hub.
#include "event_record.hpp"
#include "scenario.hpp"
#include "zone_map.hpp"

#include <chrono>
#include <cstdint>
#include <vector>

namespace platslage::sim {

struct HeardEvent {
    TimePoint heard;
    Event event;
};

// From 06:00 on `local_date` to 06:00 the next morning, Stockholm time: two guard shifts
// per station, outreach pairs by day and evening, a counter per zone every 20 minutes, and
// the weather turning extra cold in the evening. In the order the hub hears them.
std::vector<HeardEvent> record_day(const ZoneMap& zones, std::chrono::year_month_day local_date, std::uint32_t seed);

// A scenario's first 24 simulated hours from `start` (scenario_start): its handhelds on
// shift all day, changing shift at 06:00 and 18:00; its pairs in their shifts, on their
// rounds (no orders: nobody dispatches in a recording); a counter per zone every 20 minutes
// with the scenario's crowd; its weather every half hour. Every stamp is simulated time.
// The same scenario, start and seed give the same events, byte for byte. Without `teams`
// the pairs are left out (a recorded period works them itself, on orders too).
std::vector<HeardEvent> record_scenario_day(const ZoneMap& zones, const Scenario& scenario, TimePoint start,
                                            std::uint32_t seed, bool teams = true);

} // namespace platslage::sim
