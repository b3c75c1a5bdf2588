#pragma once
// The counters config: which counting line, AOA scenario or Xovis counter on which device
// counts which zone, and which way walks in. Partners edit it when a camera is mounted or
// moved, so it is checked against the maps and refused whole, with the file and the entry
// named, rather than half used.
//
//   reset-hour = 4                      # every zone starts empty at this Stockholm hour
//
//   [[line]]                            # AXIS People Counter: a counter's live sum
//   device = "00408CAC512B"             # the camera's serial, as its payload names it
//   line = "Door east"                  # the counter's name on the camera
//   sensor = "axis-vh-east"             # the id the hub sees
//   zone = "cityterminalen.vanthall"
//   in-enters = true                    # false when the camera's "out" walks into the zone
//
//   [[live-sum]]                        # an AXIS People Counter to poll for its live sum
//   url = "http://10.0.0.5/local/tvpc/.api?live-sum.json"
//   every-s = 60                        # the poll period (1-3600 s)
//   timeout-s = 5                       # for connecting, and for the answer (1-60 s)
//   credentials-file = "/etc/platslage/camera-vh-east"   # "user:password"; or
//   credentials-env = "PLATSLAGE_CAMERA_VH_EAST"         # a variable holding the same
//   auth = "digest"                     # digest (default) | basic
//
//   [[aoa]]                             # AXIS Object Analytics over MQTT
//   device = "ACCC8E012345"             # the camera's serial (in its MQTT topic)
//   scenario = 1                        # N in Device1ScenarioN
//   kind = "crossline-in"               # crossline-in | crossline-out | area
//   sensor = "aoa-vt-north-in"
//   zone = "centralen.vantytor"
//
//   [[xovis]]                           # a Xovis sensor's line element or v5 counter
//   device = "00:6E:02:08:12:A4"        # the sensor's serial, colons or not
//   element = "Stairs line"             # the element's name, or (v5) the logic's name
//   counter = "Forward"                 # v5 only: the counter's name within the logic
//   kind = "in"                         # line (element, fw and bw) | in | out | state (v5 counters)
//   forward-enters = true               # kind line only: fw walks into the zone
//   sensor = "xovis-p2-stairs"
//   zone = "cityterminalen.gater"
//
// Serials are kept normalised (device_serial.hpp). A zone is counted either by lines or by
// one area or state counter, never both: two counts of one zone would overwrite each other.
#include "axis_object_analytics.hpp"
#include "line_occupancy.hpp"
#include "live_sum_camera.hpp"
#include "xovis_live.hpp"
#include "zone_map.hpp"

#include <string>
#include <vector>

namespace platslage::counters {

struct CountersConfig {
    int reset_hour = 4;
    std::vector<CountingLine> lines; // the [[line]] entries
    std::vector<AoaScenario> aoa;
    std::vector<XovisCounter> xovis;
    std::vector<LiveSumCamera> live_sum; // cameras polled for the [[line]] entries' live sums
};

// Throws std::runtime_error naming the file and what is wrong.
CountersConfig load_counters_config(const std::string& path, const ZoneMap& zones);

// Every line LineOccupancy counts: the [[line]] entries, the crossline scenarios and the
// Xovis line elements and line counters.
std::vector<CountingLine> counting_lines(const CountersConfig& cfg);

} // namespace platslage::counters
