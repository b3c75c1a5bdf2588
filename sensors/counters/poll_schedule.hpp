#pragma once
// When each polled camera is asked next. Every camera is asked at once at start (its first
// answer is the baseline its counts start from), then once per its period. A turn missed
// because an earlier camera took its whole timeout is taken late, once, not made up for in
// a burst: a live sum is a running total, so one late answer carries everything missed.
// Pure: steady time is handed in.
#include <chrono>
#include <cstddef>
#include <vector>

namespace platslage::counters {

class PollSchedule {
public:
    using Time = std::chrono::steady_clock::time_point;

    PollSchedule(const std::vector<std::chrono::seconds>& periods, Time start);

    // The cameras (by index) whose turn it is at `now`, each moved on to its next turn.
    std::vector<std::size_t> take_due(Time now);
    // The earliest next turn: how long the poller may sleep.
    Time next_due() const;
    bool empty() const { return turns_.empty(); }

private:
    struct Turn {
        std::chrono::steady_clock::duration every;
        Time next;
    };
    std::vector<Turn> turns_;
};

} // namespace platslage::counters
