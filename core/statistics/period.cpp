#include "period.hpp"

#include "stockholm_time.hpp"

#include <array>
#include <charconv>
#include <cstdio>

namespace platslage {

namespace {
using namespace std::chrono;

// ISO 8601 week: weeks start on Monday, and week 1 is the one holding the year's first Thursday.
std::pair<int, unsigned> iso_week(sys_days day) {
    weekday wd{day};
    auto thursday = day + (days{3} - (wd - Monday)); // the Thursday of this ISO week
    year_month_day t{thursday};
    auto first = sys_days{t.year() / January / 1};
    auto week = static_cast<unsigned>((thursday - first).count() / 7 + 1);
    return {static_cast<int>(t.year()), week};
}

constexpr std::array<const char*, 12> month_names{"jan", "feb", "mar", "apr", "maj", "jun",
                                                  "jul", "aug", "sep", "okt", "nov", "dec"};
} // namespace

std::string_view granularity_name(Granularity g) { return g == Granularity::month ? "month" : "week"; }

std::string month_label(year_month ym) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
    return text;
}

std::string period_of(TimePoint t, Granularity g) {
    auto date = stockholm_date(t);
    if (g == Granularity::month) return month_label(date.year() / date.month());
    auto [y, w] = iso_week(sys_days{date});
    char text[16];
    std::snprintf(text, sizeof text, "%04d-W%02u", y, w);
    return text;
}

std::optional<year_month> parse_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    int y = 0;
    unsigned m = 0;
    if (std::from_chars(text.data(), text.data() + 4, y).ptr != text.data() + 4) return std::nullopt;
    if (std::from_chars(text.data() + 5, text.data() + 7, m).ptr != text.data() + 7) return std::nullopt;
    year_month ym{year{y}, month{m}};
    if (!ym.ok() || y < 2000 || y > 2200) return std::nullopt;
    return ym;
}

TimePoint month_start(year_month ym) {
    return from_stockholm_local(local_time<Millis>{local_days{ym / 1}.time_since_epoch()});
}

std::vector<std::string> periods_between(TimePoint from, TimePoint last, Granularity g) {
    std::vector<std::string> out;
    if (last < from) return out;
    // Step a day at a time over local dates: a few hundred steps for a winter, and no
    // arithmetic on weeks that straddle a year.
    auto day = sys_days{stockholm_date(from)};
    auto end = sys_days{stockholm_date(last)};
    for (; day <= end; day += days{1}) {
        auto p = period_of(from_stockholm_local(local_time<Millis>{day.time_since_epoch() + hours{12}}), g);
        if (out.empty() || out.back() != p) out.push_back(std::move(p));
    }
    return out;
}

std::string period_title(std::string_view period) {
    if (auto ym = parse_month(period))
        return std::string(month_names[static_cast<unsigned>(ym->month()) - 1]) + " " + std::string(period.substr(0, 4));
    if (period.size() == 8 && period[5] == 'W') {
        auto week = period.substr(6);
        if (week[0] == '0') week = week.substr(1);
        return "v. " + std::string(week) + " " + std::string(period.substr(0, 4));
    }
    return std::string(period);
}

} // namespace platslage
