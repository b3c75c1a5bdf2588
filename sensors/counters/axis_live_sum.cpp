#include "axis_live_sum.hpp"

#include "json_fields.hpp"
#include "stockholm_time.hpp"

#include <charconv>

namespace platslage::counters {

namespace {
// "YYYYMMDDhhmmss", the camera's local time.
std::optional<TimePoint> parse_axis_time(const std::string& s) {
    // Digits only: from_chars would take a sign, and "20261124-1-1-1" is no time of day.
    if (s.size() != 14 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    int v[6];
    const int widths[6] = {4, 2, 2, 2, 2, 2};
    std::size_t at = 0;
    for (int i = 0; i < 6; ++i) {
        auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + widths[i], v[i]);
        if (ec != std::errc() || p != s.data() + at + widths[i]) return std::nullopt;
        at += static_cast<std::size_t>(widths[i]);
    }
    using namespace std::chrono;
    year_month_day date{year{v[0]}, month{static_cast<unsigned>(v[1])}, day{static_cast<unsigned>(v[2])}};
    if (!date.ok() || v[3] > 23 || v[4] > 59 || v[5] > 60) return std::nullopt;
    local_time<Millis> local{local_days{date} + hours(v[3]) + minutes(v[4]) + seconds(v[5])};
    return from_stockholm_local(local);
}
} // namespace

Checked<LineReading> parse_axis_live_sum(std::string_view payload) {
    auto doc = parse_object(payload, live_sum_max_bytes);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    // Newer firmware may add fields; the four we need must be right, the rest is ignored.
    auto serial = f.text("serial", 64);
    auto name = f.text("name", 64);
    auto stamp = f.text("timestamp", 14);
    auto in = f.integer("in", 0, std::int64_t{1} << 40);
    auto out = f.integer("out", 0, std::int64_t{1} << 40);
    if (f.failed()) return f.failure();
    auto ts = parse_axis_time(*stamp);
    if (!ts) return Rejection{RejectReason::bad_timestamp, "'timestamp' must be YYYYMMDDhhmmss, the camera's local time"};
    return LineReading{*serial, *name, *ts, *in, *out};
}

} // namespace platslage::counters
