#pragma once
// How long the hub keeps what people reported (docs/privacy.md): raw reports, their notes and
// refusals go after `retention-days`, on Stockholm day boundaries, once a day while the hub
// runs or once with --purge-before; their follow-up figures stay (event_log_figures.cpp).
#include "event_log.hpp"

#include <optional>
#include <string_view>

namespace platslage {

// 00:00 Stockholm time on a date written YYYY-MM-DD; none for anything else.
std::optional<TimePoint> stockholm_day_start(std::string_view date);

// The start of the Stockholm day `days` before the one holding `now`: what is heard before
// it is purged.
TimePoint retention_cutoff(TimePoint now, int days);

// Purges before `cutoff` and says what went in the hub's log.
EventLog::Purged purge_and_tell(EventLog& log, const ZoneMap& zones, TimePoint cutoff);

} // namespace platslage
