#pragma once
// Times on screen are Stockholm wall-clock time, "23:15:07", whatever the machine's TZ.
#include <string>

namespace platslage::console {

std::string local_clock_time(const std::string& rfc3339);
long long seconds_since(const std::string& rfc3339);

} // namespace platslage::console
