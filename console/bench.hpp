#pragma once
// The console's cost, measured rather than assumed (docs/performance.md): a busy night's
// picture made up in memory, and the statistics of frame times and CPU use.
#include "clock.hpp"
#include "zone_map.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace platslage::console {

// Every zone and station of the maps, and `alerts` alerts spread over the zones, the
// severities and the last day: the entries a hub would send, so the real decoding runs.
std::map<std::string, std::string> busy_night_entries(const ZoneMap& zones, int alerts, TimePoint now);

// One of those alerts, acknowledged: the change a bench frame applies.
std::string acknowledged_alert(const std::string& body, int n);

class Timings {
public:
    void add(double ms) { ms_.push_back(ms); }
    // count, mean, p50, p99, max, in milliseconds.
    nlohmann::json summary() const;

private:
    std::vector<double> ms_;
};

// CPU time (user + system) this process has used, in seconds.
double process_cpu_seconds();

} // namespace platslage::console
