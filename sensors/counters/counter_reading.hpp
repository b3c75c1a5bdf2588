#pragma once
// What one vendor payload says about a zone, before its count is worked out: the running
// totals of a line (AXIS crossline scenarios), the crossings within a bin or between two
// events (Xovis lines), or the people in the zone now (an AXIS area, a Xovis state counter),
// which needs no working out and is already the sample the hub takes.
#include "line_occupancy.hpp"
#include "occupancy.hpp"

#include <variant>

namespace platslage::counters {

using CounterReading = std::variant<LineReading, LineDelta, OccupancySample>;

inline TimePoint reading_time(const CounterReading& r) {
    return std::visit([](const auto& x) { return x.ts; }, r);
}

} // namespace platslage::counters
