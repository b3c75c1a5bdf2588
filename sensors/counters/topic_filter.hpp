#pragma once
// MQTT topic filters as a subscriber matches them (MQTT 3.1.1, 4.7): `+` is one level,
// `#` the rest (and the level above it), and wildcards never match a topic starting with `$`.
#include <string_view>

namespace platslage::counters {

// `+` and `#` only as whole levels, `#` only last.
bool is_topic_filter(std::string_view filter);
bool topic_matches(std::string_view filter, std::string_view topic);

} // namespace platslage::counters
