#pragma once
// Simulated time. A run starts at its scenario's moment (weekday and time of day, in the
// scenario's month) and runs `speed` times as fast as the wall clock; everything the
// simulated people do follows this clock: the crowd, the shifts, the weather, the night.
// What a live run sends is still stamped with the wall clock, since the hub refuses times
// far from its own (docs/simulation.md, "Two clocks"). Pure.
#include "clock.hpp"
#include "day_curve.hpp"
#include "scenario.hpp"

#include <chrono>
#include <optional>

namespace platslage::sim {

// A simulated instant as Stockholm sees it.
struct SimMoment {
    TimePoint at;
    double hour = 0;                   // local hour of the day, [0, 24)
    std::chrono::weekday day;          // local weekday
    unsigned month = 1;
    DayMoment day_moment() const { return DayMoment{hour, day == std::chrono::Saturday || day == std::chrono::Sunday}; }
};
SimMoment moment_of(TimePoint simulated);

// Where a scenario starts on the timeline: its weekday and time in its month of 2026 (the
// first such weekday from the 8th on), or on `date` at its time of day when one is given. A
// run without a scenario file starts at `wall_now`.
TimePoint scenario_start(const Scenario& s, TimePoint wall_now,
                         std::optional<std::chrono::year_month_day> date = std::nullopt);

class SimClock {
public:
    SimClock(TimePoint start, double speed) : start_(start), speed_(speed) {}
    // The simulated instant after `real_elapsed` of wall-clock time.
    TimePoint at(std::chrono::duration<double> real_elapsed) const {
        return start_ + Millis{static_cast<Millis::rep>(real_elapsed.count() * speed_ * 1000.0)};
    }
    TimePoint start() const { return start_; }

private:
    TimePoint start_;
    double speed_;
};

} // namespace platslage::sim
