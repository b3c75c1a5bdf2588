#include "sim_clock.hpp"

#include "stockholm_time.hpp"

#include <cmath>

namespace platslage::sim {

using namespace std::chrono;

SimMoment moment_of(TimePoint simulated) {
    auto date = stockholm_date(simulated);
    return SimMoment{simulated, stockholm_hour(simulated), weekday{sys_days{date}}, static_cast<unsigned>(date.month())};
}

TimePoint scenario_start(const Scenario& s, TimePoint wall_now, std::optional<year_month_day> date) {
    if (s.starts_now && !date) return wall_now;
    year_month_day day = date.value_or(year_month_day{});
    if (!date) {
        // The first such weekday on or after the 8th, away from the turn of the month.
        sys_days d{year{2026} / month{s.month} / 8};
        while (weekday{d} != s.start_day) d += days{1};
        day = year_month_day{d};
    }
    auto minutes_in = static_cast<std::int64_t>(std::lround(s.start_hour * 60.0));
    return from_stockholm_local(local_days{day} + minutes{minutes_in});
}

} // namespace platslage::sim
