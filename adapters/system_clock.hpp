#pragma once
// The real clock, for programs. The core only ever sees the Clock interface.
#include "clock.hpp"

namespace platslage {

class SystemClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now()); }
};

} // namespace platslage
