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
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const int year = static_cast<int>(ymd.year());
    // RFC 3339 has four-digit years; anything else is left to the library's own form.
    if (year < 0 || year > 9999) return date::format("%FT%TZ", t);
    // Written out digit by digit: the hub formats a timestamp or more for every message it
    // publishes, and date::format's stream machinery took a tenth of its time. The tests
    // check this against date::format.
    const hh_mm_ss<Millis> clock{t - day};
    std::string out = "0000-00-00T00:00:00.000Z";
    auto put = [&out](std::size_t at, std::size_t width, long long value) {
        for (std::size_t i = width; i-- > 0; value /= 10) out[at + i] = static_cast<char>('0' + value % 10);
    };
    put(0, 4, year);
    put(5, 2, static_cast<unsigned>(ymd.month()));
    put(8, 2, static_cast<unsigned>(ymd.day()));
    put(11, 2, clock.hours().count());
    put(14, 2, clock.minutes().count());
    put(17, 2, clock.seconds().count());
    put(20, 3, clock.subseconds().count());
    return out;
}

} // namespace platslage
