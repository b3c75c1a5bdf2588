#include "time_text.hpp"

#include <date/date.h>

#include <sstream>

namespace platslage {

namespace {
std::optional<TimePoint> try_parse(const std::string& text, const char* format) {
    std::istringstream in(text);
    TimePoint t;
    in >> date::parse(format, t);
    if (in.fail()) return std::nullopt;
    // The whole string must be consumed: "…Z trailing" is not a timestamp.
    in.peek();
    if (!in.eof()) return std::nullopt;
    return t;
}
} // namespace

std::optional<TimePoint> parse_rfc3339(std::string_view text) {
    if (text.size() < 20 || text.size() > 40) return std::nullopt;
    if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't')) return std::nullopt;
    std::string s(text);
    s[10] = 'T';
    if (s.back() == 'Z' || s.back() == 'z') {
        s.back() = 'Z';
        return try_parse(s, "%FT%TZ");
    }
    return try_parse(s, "%FT%T%Ez");
}

std::string format_rfc3339(TimePoint t) {
    return date::format("%FT%TZ", t);
}

} // namespace platslage
