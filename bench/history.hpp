#pragma once
// A hub after a winter: how fast it serves again after a stop or a crash, and how fast a
// late-joining console gets its picture, with a long event log behind it. The log is written
// straight into the database the way the hub writes it (its own EventLog), one event a second
// ending now: counters' samples from every zone and guard reports among them.
#include "measure.hpp"
#include "system_under_test.hpp"
#include "zone_map.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <vector>

namespace platslage::bench {

// Appends `events` events to the log at `db`, one a second from `first` on (counters' samples
// for every zone, a guard report every 20th event); returns the time after the last.
TimePoint write_history(const std::filesystem::path& db, const ZoneMap& zones, std::size_t events, TimePoint first);

// The figures for one log size.
struct HistoryRun {
    std::size_t events = 0;
    double first_start_ms = 0;         // no snapshot yet: the last replay-hours of the log replayed
    Spread snapshot_ms;                // a late joiner's SNAPSHOT until its replica is live
    double clean_restart_ms = 0;       // after SIGTERM: the snapshot written at the stop
    double killed_restart_ms = 0;      // after SIGKILL: the snapshot and the events after it
    std::size_t after_snapshot = 0;    // events stored after that snapshot (a snapshot interval's)
};

// Measures a hub whose log holds `events` events, in `dir`, through the broker at `broker_url`:
// start-ups to the first STATUS answered, and `joiners` late joiners one after another.
HistoryRun measure_history(const std::filesystem::path& dir, const std::string& broker_url, const ZoneMap& zones,
                           std::size_t events, int joiners);

// The table's lines for one run: each start-up against the empty log's, each snapshot against
// the smallest log's.
std::vector<Result> history_results(const std::vector<HistoryRun>& runs);
nlohmann::json history_json(const std::vector<HistoryRun>& runs);
// Issue 16's targets for these figures, by name, each with its value, limit and whether it is
// met: a late joiner's snapshot under 100 ms with a million events (and the ratio to 10,000),
// serving within 1 s of a clean start and 2 s of a start after SIGKILL with the largest log.
nlohmann::json history_targets(const std::vector<HistoryRun>& runs);

} // namespace platslage::bench
