#pragma once
// The hub's memory over a long run at twice the design load: both stations' counters every
// second, 60 guards' handhelds and 10 outreach pairs (the simulator, in real time), and a
// console keeping its replica. A hub that keeps something per input it should not (a map
// that only grows, a queue nobody drains) shows it here as resident size that keeps rising.
// The hub starts on a log of 100,000 events (a day and more), as one in service does.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace platslage::bench {

struct SoakRun {
    double seconds = 0;
    std::vector<std::pair<double, long>> rss_kb; // (seconds since start, VmRSS), every 10 s
    long rss_at_2_min_kb = 0, rss_at_end_kb = 0, rss_peak_after_2_min_kb = 0;
    std::int64_t events = 0, reports = 0; // stored in the run
    long growth_kb() const { return rss_at_end_kb - rss_at_2_min_kb; }
    // Flat: no more than 2 % (or 1 MB, whichever is more) above minute 2 at the end.
    bool flat() const { return static_cast<double>(growth_kb()) <= std::max(1024.0, 0.02 * static_cast<double>(rss_at_2_min_kb)); }
};

// Starts its own broker, hub and simulator in `dir` and ends them by PID.
SoakRun soak(const std::filesystem::path& dir, double seconds);
nlohmann::json soak_json(const SoakRun& run);

} // namespace platslage::bench
