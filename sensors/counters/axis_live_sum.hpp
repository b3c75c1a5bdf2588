#pragma once
// AXIS People Counter's live sum (VAPIX, `/local/tvpc/.api?live-sum.json`): the running
// totals of one counter for the current day, in the camera's local time without an offset.
//   {"serial":"00408CAC512B","name":"Exit south","timestamp":"20170503112756","in":12,"out":318}
// The cameras at the stations run on Stockholm time.
#include "checked.hpp"
#include "line_occupancy.hpp"

#include <cstddef>
#include <string_view>

namespace platslage::counters {

// The largest payload read: the documented one is under 100 bytes, so anything near this is
// not a live sum. Polled answers and pushes over it are refused before they are parsed.
inline constexpr std::size_t live_sum_max_bytes = 1024;

Checked<LineReading> parse_axis_live_sum(std::string_view payload);

} // namespace platslage::counters
