#include "frame_pacing.hpp"

namespace platslage::console {

namespace {
constexpr Millis past_the_change{4};
}

bool flash_lit(TimePoint now) { return (now.time_since_epoch().count() / 1000) % 2 == 0; }

Millis sleep_until_next_second(TimePoint now) {
    const auto into = now.time_since_epoch().count() % 1000;
    return Millis(1000 - into) + past_the_change;
}

} // namespace platslage::console
