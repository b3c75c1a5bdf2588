#pragma once
// RFC 3339 timestamps as they travel in every message.
#include "clock.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace platslage {

// Accepts "2026-11-23T23:15:00+01:00", "...Z", with optional fractional seconds.
// An offset (or Z) is required: a time without one cannot be placed on the timeline.
std::optional<TimePoint> parse_rfc3339(std::string_view text);

// Always UTC with millisecond precision: "2026-11-23T22:15:00.000Z".
std::string format_rfc3339(TimePoint t);

// A span of time in the unit a person reads it in: "40 minutes", "5 hours", "12 days",
// "9 years" (rounded down; the unit changes at two of it).
std::string span_words(Millis span);

// Milliseconds since the Unix epoch, the form the database and the wire use for numbers.
inline std::int64_t to_epoch_ms(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint from_epoch_ms(std::int64_t ms) { return TimePoint{Millis{ms}}; }

} // namespace platslage
