#pragma once
// Stockholm local time from the UTC wall clock, without the process's TZ setting: the
// stations are in Stockholm whatever machine the hub, console or simulator runs on.
// Sweden follows the EU rule: CEST (UTC+2) from the last Sunday of March 01:00 UTC to the
// last Sunday of October 01:00 UTC, else CET (UTC+1).
#include "clock.hpp"

#include <chrono>
#include <string>

namespace platslage {

std::chrono::hours stockholm_offset(TimePoint utc);

// Hour of the local day as a fraction in [0, 24): 7.5 is half past seven.
double stockholm_hour(TimePoint utc);

// "HH:MM:SS" on the Stockholm wall clock, as the control room reads it.
std::string stockholm_clock_text(TimePoint utc);
// "2026-12-01 09:00", Stockholm time.
std::string stockholm_minute_text(TimePoint utc);
// "Tue 2026-11-24 09:00" on the Stockholm wall clock: a meeting's time as partners read it.
std::string stockholm_day_and_time_text(TimePoint utc);

// A Stockholm wall-clock time (as devices without a time zone report it) on the timeline.
// In the autumn hour that happens twice, the first (summer-time) one is taken; a time in
// the spring gap is taken as summer time.
TimePoint from_stockholm_local(std::chrono::local_time<Millis> local);

// The local calendar date.
std::chrono::year_month_day stockholm_date(TimePoint utc);

// Night as the partners count it: from `start_hour` in the evening to `end_hour` in the
// morning, local time. A night is named by the date of its evening, so 02:00 on a Tuesday
// belongs to Monday's night.
struct NightHours {
    int start_hour = 22;
    int end_hour = 6;
    bool operator==(const NightHours&) const = default;
};
bool is_night(TimePoint utc, NightHours h);
std::chrono::sys_days night_of(TimePoint utc, NightHours h);

} // namespace platslage
