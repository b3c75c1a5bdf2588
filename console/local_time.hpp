#pragma once
// Times on screen are Stockholm wall-clock time, "23:15:07", whatever the machine's TZ.
#include <optional>
#include <string>

namespace platslage::console {

std::string local_clock_time(const std::string& rfc3339);
long long seconds_since(const std::string& rfc3339);
// "12 s ago", "4 min ago"; `never` when there is no time, "?" when it cannot be read.
std::string ago(const std::optional<std::string>& rfc3339, const std::string& never = "-");

} // namespace platslage::console
