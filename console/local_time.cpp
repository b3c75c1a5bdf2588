#include "local_time.hpp"

#include "stockholm_time.hpp"
#include "time_text.hpp"
#include "view_logic.hpp"

namespace platslage::console {

std::string local_clock_time(const std::string& rfc3339) {
    auto t = parse_rfc3339(rfc3339);
    return t ? stockholm_clock_text(*t) : "?";
}

std::string ago(const std::optional<std::string>& rfc3339, const std::string& never) {
    if (!rfc3339 || rfc3339->empty()) return never;
    auto s = seconds_since(*rfc3339);
    return s < 0 ? "?" : age_text(s) + " ago";
}

long long seconds_since(const std::string& rfc3339) {
    auto t = parse_rfc3339(rfc3339);
    if (!t) return -1;
    auto now = std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
    return std::chrono::duration_cast<std::chrono::seconds>(now - *t).count();
}

} // namespace platslage::console
