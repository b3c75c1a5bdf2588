#include "retention.hpp"

#include "stockholm_time.hpp"
#include "time_text.hpp"

#include <spdlog/spdlog.h>

#include <charconv>

namespace platslage {

using namespace std::chrono;

std::optional<TimePoint> stockholm_day_start(std::string_view date) {
    if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    auto number = [&](std::size_t at, std::size_t n, auto& out) {
        return std::from_chars(date.data() + at, date.data() + at + n, out).ptr == date.data() + at + n;
    };
    if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return std::nullopt;
    year_month_day ymd{year{y}, month{m}, day{d}};
    if (!ymd.ok()) return std::nullopt;
    return from_stockholm_local(local_time<Millis>{local_days{ymd}.time_since_epoch()});
}

TimePoint retention_cutoff(TimePoint now, int days) {
    auto today = local_days{stockholm_date(now).year() / stockholm_date(now).month() / stockholm_date(now).day()};
    return from_stockholm_local(local_time<Millis>{(today - std::chrono::days{days}).time_since_epoch()});
}

EventLog::Purged purge_and_tell(EventLog& log, const ZoneMap& zones, TimePoint cutoff) {
    auto purged = log.purge_before(cutoff, zones);
    spdlog::info("purged before {}: {} events, {} refusals, {} operators' notes, {} shift log entries; their figures are kept",
                 format_rfc3339(cutoff), purged.events, purged.refusals, purged.notes, purged.shift_entries);
    if (purged.unreadable > 0)
        spdlog::warn("purge: {} rows no longer read as the protocol allows and are in no kept figure", purged.unreadable);
    return purged;
}

} // namespace platslage
