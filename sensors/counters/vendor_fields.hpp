#pragma once
// Fields of the vendors' own payloads that our protocol does not have: objects nested in
// objects, counts written as strings of digits (AXIS Object Analytics), times as Unix
// milliseconds or RFC 3339 (Xovis). Every problem becomes a Rejection that names the field
// by its path ("message.data.total"), never by its content.
#include "checked.hpp"
#include "clock.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace platslage::counters {

// How far ahead of our clock a device's time may be before it is called wrong (as the hub).
inline constexpr Millis vendor_clock_ahead{std::chrono::minutes(10)};

// parent[key] when it is an object (or an array); refused when absent or of another type.
Checked<const nlohmann::json*> object_at(const nlohmann::json& parent, const char* key, std::string_view path);
Checked<const nlohmann::json*> array_at(const nlohmann::json& parent, const char* key, std::string_view path);
// parent[key] as text of 1 to `max_chars` characters.
Checked<std::string> text_at(const nlohmann::json& parent, const char* key, std::string_view path,
                             std::size_t max_chars = 64);
// parent[key] as a JSON integer in [min, max].
Checked<std::int64_t> integer_at(const nlohmann::json& parent, const char* key, std::string_view path,
                                 std::int64_t min, std::int64_t max);

// A count as AXIS Object Analytics sends it: a string of decimal digits ("318"), or a plain
// whole number ≥ 0. Empty, signed, fractional, exponent, spaced or too large: refused.
Checked<std::int64_t> count_at(const nlohmann::json& parent, const char* key, std::string_view path);

// A time as Unix milliseconds (a JSON integer) or as RFC 3339 text with an offset. Refused:
// a time before 2000 (seconds where milliseconds belong read as 1970), one more than
// `vendor_clock_ahead` after `now`, a time without an offset.
Checked<TimePoint> time_at(const nlohmann::json& parent, const char* key, std::string_view path, TimePoint now);

} // namespace platslage::counters
