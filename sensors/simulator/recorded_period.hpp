#pragma once
// Months of both stations as the hub would hear them, with a control room at work: a winter
// for the partnership's follow-up to be tried on (platslage-sim --record-period). Each day is
// the scenario's recorded day (recorded_day.hpp) without its outreach pairs, plus the night
// shelters' readings; the pairs work the whole span, on their rounds and on orders; and
// simulated operators work every alert by a fixed rule (docs/simulation.md):
//
//   - every alert is acknowledged 1-4 minutes after it is raised;
//   - an alert about people who may need support (tally.hpp needs_support) is dispatched 1-3
//     minutes after that to the first pair of its station on duty and free; with none free,
//     or when the pair declines and no other is free, the operator resolves it 20-40 minutes
//     later as handled_by_guard, counting its people;
//   - nine in ten of the other alerts (crowding, equipment, a late answer) are resolved as
//     cleared 10-30 minutes after the acknowledgement; the tenth is left to expire on the
//     hub's clock;
//   - a pair that was engaged with someone on its round records that contact when it moves on.
//
// To know the ids the hub will give alerts and orders, the recording runs the core's fusion
// beside it with the hub's default settings: imported into an empty event log
// (platslage-hub --import), the same records raise the same alerts and orders. Pure and
// seeded: the same span, scenario and seed give the same records, byte for byte.
#include "recorded_day.hpp"
#include "scenario.hpp"

#include <chrono>
#include <cstdint>
#include <functional>

namespace platslage::sim {

// The recording's counters report every 20 minutes (as the recorded day's), so its fusion,
// and the hub that imports it, take a counter for silent after this long, not the live
// default of 2 minutes. The recording says so on its first line, which the import reads:
// {"recording":{"sensor_silent_s":1800}}.
inline constexpr std::chrono::seconds recorded_sensor_silent{1800};

struct PeriodSummary {
    std::size_t events = 0, reports = 0, alerts = 0, orders = 0, outcomes = 0, round_contacts = 0, resolves = 0;
};

// From 00:00 on `first` to 24:00 on `last`, Stockholm time; each event to `heard` in the
// order the hub hears it.
PeriodSummary record_period(const ZoneMap& zones, const Scenario& scenario, std::chrono::year_month_day first,
                            std::chrono::year_month_day last, std::uint32_t seed,
                            const std::function<void(const HeardEvent&)>& heard);

} // namespace platslage::sim
