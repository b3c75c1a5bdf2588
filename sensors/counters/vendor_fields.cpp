#include "vendor_fields.hpp"

#include "json_fields.hpp"
#include "time_text.hpp"

#include <charconv>

namespace platslage::counters {

using nlohmann::json;

namespace {
// 2000-01-01T00:00:00Z. A device whose time is earlier has lost its clock, or sends seconds.
constexpr std::int64_t earliest_ms = 946'684'800'000;

std::string named(std::string_view path) { return "field '" + std::string(path) + "'"; }

const json* present(const json& parent, const char* key) {
    auto it = parent.find(key);
    return it == parent.end() || it->is_null() ? nullptr : &*it;
}

Rejection missing(std::string_view path) { return {RejectReason::missing_field, named(path) + " is required"}; }
} // namespace

Checked<const json*> object_at(const json& parent, const char* key, std::string_view path) {
    const json* v = present(parent, key);
    if (!v) return missing(path);
    if (!v->is_object()) return Rejection{RejectReason::wrong_type, named(path) + " must be an object"};
    return v;
}

Checked<const json*> array_at(const json& parent, const char* key, std::string_view path) {
    const json* v = present(parent, key);
    if (!v) return missing(path);
    if (!v->is_array()) return Rejection{RejectReason::wrong_type, named(path) + " must be an array"};
    return v;
}

Checked<std::string> text_at(const json& parent, const char* key, std::string_view path, std::size_t max_chars) {
    const json* v = present(parent, key);
    if (!v) return missing(path);
    if (!v->is_string()) return Rejection{RejectReason::wrong_type, named(path) + " must be a string"};
    const auto& s = v->get_ref<const std::string&>();
    if (s.empty() || utf8_length(s) > max_chars)
        return Rejection{RejectReason::bad_value, named(path) + " must be 1 to " + std::to_string(max_chars) + " characters"};
    return s;
}

Checked<std::int64_t> integer_at(const json& parent, const char* key, std::string_view path, std::int64_t min,
                                 std::int64_t max) {
    const json* v = present(parent, key);
    if (!v) return missing(path);
    if (!v->is_number_integer()) return Rejection{RejectReason::wrong_type, named(path) + " must be a whole number"};
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max))
        return Rejection{RejectReason::bad_value, named(path) + " is out of range"};
    auto n = v->get<std::int64_t>();
    if (n < min || n > max)
        return Rejection{RejectReason::bad_value,
                         named(path) + " must be between " + std::to_string(min) + " and " + std::to_string(max)};
    return n;
}

Checked<std::int64_t> count_at(const json& parent, const char* key, std::string_view path) {
    const json* v = present(parent, key);
    if (!v) return missing(path);
    if (v->is_number_integer()) return integer_at(parent, key, path, 0, INT64_MAX);
    if (!v->is_string())
        return Rejection{RejectReason::wrong_type, named(path) + " must be a count written as digits, such as \"318\""};
    const auto& s = v->get_ref<const std::string&>();
    // from_chars alone would take "12abc" as 12 and does not refuse a leading '-' for int64.
    bool digits = !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
    std::int64_t n = 0;
    if (digits) {
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
        if (ec == std::errc::result_out_of_range)
            return Rejection{RejectReason::bad_value, named(path) + " is too large for a count"};
        digits = ec == std::errc() && end == s.data() + s.size();
    }
    if (!digits) return Rejection{RejectReason::bad_value, named(path) + " must be a string of digits, such as \"318\""};
    return n;
}

Checked<TimePoint> time_at(const json& parent, const char* key, std::string_view path, TimePoint now) {
    const json* v = present(parent, key);
    if (!v) return missing(path);
    TimePoint t;
    if (v->is_number_integer()) {
        if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
            return Rejection{RejectReason::bad_timestamp, named(path) + " is out of range"};
        t = from_epoch_ms(v->get<std::int64_t>());
    } else if (v->is_string()) {
        auto parsed = parse_rfc3339(v->get_ref<const std::string&>());
        if (!parsed)
            return Rejection{RejectReason::bad_timestamp,
                             named(path) + " is not RFC 3339 with an offset (2026-11-17T07:03:00+01:00)"};
        t = *parsed;
    } else {
        return Rejection{RejectReason::wrong_type, named(path) + " must be Unix milliseconds or RFC 3339 text"};
    }
    if (to_epoch_ms(t) < earliest_ms)
        return Rejection{RejectReason::bad_timestamp,
                         named(path) + " lies before 2000: a lost clock, or Unix seconds where milliseconds belong"};
    if (t > now + vendor_clock_ahead)
        return Rejection{RejectReason::bad_timestamp, named(path) + " lies in the future; check the device clock"};
    return t;
}

} // namespace platslage::counters
