#pragma once
// The partnership counts by calendar month and by ISO week, on the Stockholm wall clock: a
// report at 00:30 on 1 December local time belongs to December, whatever UTC says.
#include "clock.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platslage {

enum class Granularity { month, week };
std::string_view granularity_name(Granularity g); // "month" | "week"

// "2026-11" for a month, "2026-W48" for an ISO week.
std::string period_of(TimePoint t, Granularity g);
std::string month_label(std::chrono::year_month ym); // "2026-11"

// "2026-11" → November 2026; nullopt for anything else.
std::optional<std::chrono::year_month> parse_month(std::string_view text);

// Where a month starts on the timeline: 00:00 Stockholm time on its first day.
TimePoint month_start(std::chrono::year_month ym);

// Every period from the one holding `from` to the one holding `last`, in order.
std::vector<std::string> periods_between(TimePoint from, TimePoint last, Granularity g);

// The Swedish name of a period, as the partnership's tables put it: "nov 2026", "v. 48 2026".
std::string period_title(std::string_view period);

} // namespace platslage
