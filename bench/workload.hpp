#pragma once
// The messages a benchmark sends: guard reports and occupancy samples as the stations'
// devices send them, spread over every zone of both stations. Generated, never recorded
// from people: counts and categories only.
#include "qos1_round_trip.hpp"
#include "zone_map.hpp"

#include <string>
#include <vector>

namespace platslage::bench {

// `n` guard reports from `devices` handhelds per station, numbered from `first`: ids unique
// in the run as long as the ranges of two calls do not overlap.
std::vector<Outgoing> guard_reports(const ZoneMap& zones, std::size_t n, int devices, std::size_t first = 0);

// `n` occupancy samples (the JSON of an OCCUPANCY frame), one counter per zone, counts moving.
std::vector<std::string> occupancy_samples(const ZoneMap& zones, std::size_t n);

} // namespace platslage::bench
