#include "stockholm_time.hpp"

#include <cstdio>

namespace platslage {

namespace {
using namespace std::chrono;

sys_seconds last_sunday_0100_utc(year y, month m) {
    return sys_seconds{sys_days{year_month_weekday_last{y, m, weekday_last{Sunday}}}} + hours(1);
}
} // namespace

hours stockholm_offset(TimePoint utc) {
    auto y = year_month_day{floor<days>(utc)}.year();
    auto summer_from = last_sunday_0100_utc(y, March);
    auto summer_to = last_sunday_0100_utc(y, October);
    return utc >= summer_from && utc < summer_to ? hours(2) : hours(1);
}

double stockholm_hour(TimePoint utc) {
    auto local = utc + stockholm_offset(utc);
    auto since_midnight = local - floor<days>(local);
    return duration<double, std::ratio<3600>>(since_midnight).count();
}

std::string stockholm_clock_text(TimePoint utc) {
    auto local = floor<seconds>(utc + stockholm_offset(utc));
    hh_mm_ss<seconds> t{local - floor<days>(local)};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", static_cast<int>(t.hours().count()),
                  static_cast<int>(t.minutes().count()), static_cast<int>(t.seconds().count()));
    return buf;
}

std::string stockholm_minute_text(TimePoint utc) {
    auto local = floor<minutes>(utc + stockholm_offset(utc));
    auto day = floor<days>(local);
    year_month_day ymd{day};
    hh_mm_ss<minutes> t{local - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(t.hours().count()), static_cast<int>(t.minutes().count()));
    return buf;
}

std::string stockholm_day_and_time_text(TimePoint utc) {
    static constexpr const char* day_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    return std::string(day_names[weekday{sys_days{stockholm_date(utc)}}.c_encoding()]) + " " + stockholm_minute_text(utc);
}

TimePoint from_stockholm_local(local_time<Millis> local) {
    auto as_utc = TimePoint{local.time_since_epoch()};
    auto summer = as_utc - hours(2);
    if (stockholm_offset(summer) == hours(2)) return summer;
    return as_utc - hours(1);
}

year_month_day stockholm_date(TimePoint utc) { return year_month_day{floor<days>(utc + stockholm_offset(utc))}; }

bool is_night(TimePoint utc, NightHours h) {
    double hour = stockholm_hour(utc);
    return h.start_hour > h.end_hour ? (hour >= h.start_hour || hour < h.end_hour)
                                     : (hour >= h.start_hour && hour < h.end_hour);
}

sys_days night_of(TimePoint utc, NightHours h) {
    auto local_day = sys_days{floor<days>(utc + stockholm_offset(utc))};
    // Before the morning's end the night began the evening before.
    if (h.start_hour > h.end_hour && stockholm_hour(utc) < h.end_hour) return local_day - days(1);
    return local_day;
}

} // namespace platslage
