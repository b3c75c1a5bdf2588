#pragma once
// A zone's people counts over the last 24 hours, as the hub answers HISTORY, and the
// evenly spaced values the chart draws.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace platslage::console {

struct ZoneHistory {
    std::string zone;
    int capacity = 0;
    std::int64_t from_ms = 0, to_ms = 0, bucket_ms = 300000;
    std::vector<std::pair<std::int64_t, int>> counts; // bucket start, last count in it
};

std::optional<ZoneHistory> parse_history(const std::string& json);

// One value per bucket from `from_ms` to `to_ms`. A bucket without a sample keeps the
// count before it (counts are state); before the first sample, no count is known: 0.
std::vector<float> chart_values(const ZoneHistory& h);

} // namespace platslage::console
