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

// The times format_rfc3339 writes in RFC 3339's four-digit years.
constexpr TimePoint earliest_writable{Millis{-62'167'219'200'000}}; // 0000-01-01T00:00:00.000Z
constexpr TimePoint latest_writable{Millis{253'402'300'799'999}};   // 9999-12-31T23:59:59.999Z

// RFC 3339's date-time, character by character: YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM). The
// date library is lenient about signs and field widths, and reads past what it cannot parse
// (a sign with no digits after it overflowed inside it), so only this shape is handed on.
bool has_rfc3339_shape(std::string_view t) {
    auto digits = [&](std::size_t from, std::size_t n) {
        if (from + n > t.size()) return false;
        for (std::size_t i = from; i < from + n; ++i)
            if (t[i] < '0' || t[i] > '9') return false;
        return true;
    };
    auto is = [&](std::size_t at, std::string_view chars) { return at < t.size() && chars.find(t[at]) != std::string_view::npos; };
    if (!(digits(0, 4) && is(4, "-") && digits(5, 2) && is(7, "-") && digits(8, 2) && is(10, "Tt") && digits(11, 2) &&
          is(13, ":") && digits(14, 2) && is(16, ":") && digits(17, 2)))
        return false;
    std::size_t at = 19;
    if (is(at, ".")) {
        std::size_t first = ++at;
        while (digits(at, 1)) ++at;
        if (at == first) return false;
    }
    if (is(at, "Zz")) return at + 1 == t.size();
    if (!(is(at, "+-") && digits(at + 1, 2) && is(at + 3, ":") && digits(at + 4, 2) && at + 6 == t.size())) return false;
    // Offsets in use on Earth lie between -12:00 and +14:00; "+99:99" is a broken clock.
    const int hours = (t[at + 1] - '0') * 10 + (t[at + 2] - '0');
    const int minutes = (t[at + 4] - '0') * 10 + (t[at + 5] - '0');
    return minutes < 60 && hours * 60 + minutes <= (t[at] == '+' ? 14 * 60 : 12 * 60);
}

// "2026-11-24T21:00:00.000Z", the form format_rfc3339 writes, read digit by digit: the
// consoles read every time in the picture so, and date::parse's stream machinery took most
// of the first picture's decoding. Only plainly valid fields are taken here; anything else
// (another form, a leap second, a day the month lacks) goes to date::parse as before.
std::optional<TimePoint> parse_canonical(std::string_view t) {
    if (t.size() != 24 || t[19] != '.' || t[23] != 'Z') return std::nullopt;
    auto num = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) v = v * 10 + (t[i] - '0');
        return v;
    };
    for (std::size_t i : {20u, 21u, 22u})
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    using namespace std::chrono;
    const year_month_day ymd{year{num(0, 4)}, month{static_cast<unsigned>(num(5, 2))}, day{static_cast<unsigned>(num(8, 2))}};
    const int h = num(11, 2), m = num(14, 2), sec = num(17, 2);
    if (!ymd.ok() || h > 23 || m > 59 || sec > 59) return std::nullopt;
    return TimePoint{sys_days{ymd}.time_since_epoch() + hours{h} + minutes{m} + seconds{sec} + Millis{num(20, 3)}};
}
} // namespace

std::optional<TimePoint> parse_rfc3339(std::string_view text) {
    if (text.size() < 20 || text.size() > 40 || !has_rfc3339_shape(text)) return std::nullopt;
    if (auto t = parse_canonical(text)) return t; // always within the writable years
    std::string s(text);
    s[10] = 'T';
    std::optional<TimePoint> t;
    if (s.back() == 'Z' || s.back() == 'z') {
        s.back() = 'Z';
        t = try_parse(s, "%FT%TZ");
    } else {
        t = try_parse(s, "%FT%T%Ez");
    }
    // An offset can carry a time out of four-digit years ("0000-01-01T00:00:00+01:00"), where
    // it could be stored but never read back.
    if (t && (*t < earliest_writable || *t > latest_writable)) return std::nullopt;
    return t;
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

std::string span_words(Millis span) {
    using namespace std::chrono;
    auto count = [](auto n, const char* unit) { return std::to_string(n) + " " + unit + (n == 1 ? "" : "s"); };
    auto d = duration_cast<days>(span).count();
    if (d >= 2 * 365) return count(d / 365, "year");
    if (d >= 2) return count(d, "day");
    auto h = duration_cast<hours>(span).count();
    if (h >= 2) return count(h, "hour");
    return count(duration_cast<minutes>(span).count(), "minute");
}

} // namespace platslage
