#pragma once
// The counters config: which counting line on which device leads into which zone, and
// which of its directions walks in. Partners edit it when a camera is mounted or moved, so
// it is checked against the maps and refused whole, with the file and the line named,
// rather than half used.
//
//   reset-hour = 4                      # every zone starts empty at this Stockholm hour
//
//   [[line]]
//   device = "00408CAC512B"             # the camera's serial, as its payload names it
//   line = "Door east"                  # the counter's name on the camera
//   sensor = "axis-vh-east"             # the id the hub sees
//   zone = "cityterminalen.vanthall"
//   in-enters = true                    # false when the camera's "out" walks into the zone
#include "line_occupancy.hpp"
#include "zone_map.hpp"

#include <string>
#include <vector>

namespace platslage::sim {

struct CountersConfig {
    int reset_hour = 4;
    std::vector<CountingLine> lines;
};

// Throws std::runtime_error naming the file and what is wrong.
CountersConfig load_counters_config(const std::string& path, const ZoneMap& zones);

} // namespace platslage::sim
