#include "local_time.hpp"

#include "time_text.hpp"

#include <ctime>

namespace platslage::console {

std::string local_clock_time(const std::string& rfc3339) {
    auto t = parse_rfc3339(rfc3339);
    if (!t) return "?";
    std::time_t secs = static_cast<std::time_t>(to_epoch_ms(*t) / 1000);
    std::tm tm{};
    localtime_r(&secs, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
    return buf;
}

long long seconds_since(const std::string& rfc3339) {
    auto t = parse_rfc3339(rfc3339);
    if (!t) return -1;
    auto now = std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
    return std::chrono::duration_cast<std::chrono::seconds>(now - *t).count();
}

} // namespace platslage::console
