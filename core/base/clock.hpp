#pragma once
// Time in Platsläge: wall-clock milliseconds (UTC). The core never reads a clock itself;
// whoever needs "now" is handed a Clock, so tests and replays control time.
#include <chrono>

namespace platslage {

using Millis = std::chrono::milliseconds;
using TimePoint = std::chrono::sys_time<Millis>;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

// A clock that only moves when told to: for tests and for replaying the event log.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start) : now_(start) {}
    TimePoint now() const override { return now_; }
    void set(TimePoint t) { now_ = t; }
    void advance(Millis d) { now_ += d; }

private:
    TimePoint now_;
};

} // namespace platslage
