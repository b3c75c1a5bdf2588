#pragma once
// People in a zone from counting lines at its doors: entries minus exits. Counters report
// running totals since their own reset (midnight, a reboot); the deltas between readings
// are what moved. Drift (a missed crossing here and there) is corrected by never going
// below zero and by starting every zone from zero at a daily reset hour, when the stations
// are at their emptiest. Pure: readings carry their time.
#include "checked.hpp"
#include "occupancy.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace platslage::counters {

// One counting line, from the counters config: which device and line, the zone it leads
// into, and which of its directions enters the zone.
struct CountingLine {
    std::string device; // the counter's serial or id, as its payload names it
    std::string line;   // the line or counter name on the device
    std::string sensor; // the id the hub sees (1-32 of A-Z a-z 0-9 _ -)
    std::string zone;
    bool in_enters = true; // false: the device's "out" direction walks into the zone
};

// Running totals from one line, as the device reports them.
struct LineReading {
    std::string device;
    std::string line;
    TimePoint ts;
    std::int64_t in = 0;
    std::int64_t out = 0;
};

// Crossings counted within one bin (Xovis line pushes) or between two events (Xovis live
// data), as the device reports them: not totals, so there is no baseline and no reset to
// detect. Bins may arrive late or twice; repeats are the parser's to drop.
struct LineDelta {
    std::string device;
    std::string line;
    TimePoint ts;        // by when the crossings had happened (a bin's end)
    std::int64_t in = 0; // crossings in the device's "in" (forward) direction
    std::int64_t out = 0;
};

class LineOccupancy {
public:
    // `largest_jump`: more people than this across one line between two readings is a
    // glitch, not a crowd: refused, and the line starts counting afresh from there.
    LineOccupancy(std::vector<CountingLine> lines, int reset_hour = 4, std::int64_t largest_jump = 5000);

    // The zone's count after this reading, or why the reading was refused.
    Checked<OccupancySample> apply(const LineReading& r);
    // The zone's count after these crossings. Under the same rules as totals (never below
    // zero, empty at the daily reset, a jump too large refused), but order within a day does
    // not matter: bins from several sensors of one zone interleave. A bin of a counting day
    // already closed is refused; the sample carries the zone's latest time, so the hub never
    // sees the count go back in time.
    Checked<OccupancySample> apply_delta(const LineDelta& d);

    // What a restart must not lose: each line's last totals (the baseline its next reading
    // is counted from) and each zone's count, counting day and time. Lines and zones no
    // longer in the config are dropped on load; a broken state throws (the caller starts afresh).
    nlohmann::json save() const;
    void load(const nlohmann::json& j);

private:
    struct LineState {
        bool seen = false;
        std::int64_t in = 0, out = 0;
    };
    struct ZoneState {
        std::int64_t count = 0;
        std::int64_t day = 0; // the counting day (days since 1970) the count belongs to
        TimePoint last{};
    };
    const CountingLine* find(const std::string& device, const std::string& line) const;
    std::int64_t counting_day(TimePoint t) const;
    std::int64_t delta(std::int64_t now, std::int64_t before) const;

    std::vector<CountingLine> lines_;
    int reset_hour_;
    std::int64_t largest_jump_;
    std::map<std::string, LineState> line_state_; // by device + "\n" + line
    std::map<std::string, ZoneState> zones_;
};

} // namespace platslage::counters
