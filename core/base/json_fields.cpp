#include "json_fields.hpp"

#include "time_text.hpp"

#include <algorithm>
#include <unordered_set>
#include <vector>

namespace platslage {

using nlohmann::json;

Checked<json> parse_object(std::string_view payload, std::size_t max_bytes) {
    if (payload.size() > max_bytes)
        return Rejection{RejectReason::oversize,
                         std::to_string(payload.size()) + " bytes; at most " + std::to_string(max_bytes) + " allowed"};
    // JSON leaves a repeated key to the reader (RFC 8259, 4); this parser would keep the last
    // one, another reader the first. Refused, so what was checked is what every reader sees.
    std::vector<std::unordered_set<std::string>> keys; // of each object being read, innermost last
    std::string repeated;
    auto watch_keys = [&](int, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::object_start) keys.emplace_back();
        else if (event == json::parse_event_t::object_end) keys.pop_back();
        else if (event == json::parse_event_t::key && !keys.empty() && !keys.back().insert(parsed.get<std::string>()).second &&
                 repeated.empty())
            repeated = parsed.get<std::string>();
        return true;
    };
    json doc = json::parse(payload, watch_keys, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return Rejection{RejectReason::malformed_json, "payload is not valid JSON (UTF-8)"};
    if (!repeated.empty())
        return Rejection{RejectReason::malformed_json, "field '" + repeated + "' appears more than once"};
    if (!doc.is_object()) return Rejection{RejectReason::not_an_object, "payload must be a JSON object"};
    return doc;
}

std::size_t utf8_length(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

void FieldReader::fail(RejectReason r, std::string detail) {
    if (!failure_) failure_ = Rejection{r, std::move(detail)};
}

FieldReader& FieldReader::only(std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : obj_.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            fail(RejectReason::unknown_field, "field '" + key + "' is not part of this message");
            break;
        }
    }
    return *this;
}

const json* FieldReader::field(const char* key, bool required) {
    if (failed()) return nullptr;
    auto it = obj_.find(key);
    if (it == obj_.end() || it->is_null()) {
        if (required) fail(RejectReason::missing_field, std::string("field '") + key + "' is required");
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> FieldReader::text(const char* key, std::size_t max_chars, bool required) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        fail(RejectReason::wrong_type, std::string("field '") + key + "' must be a string");
        return std::nullopt;
    }
    const auto& s = v->get_ref<const std::string&>();
    if (utf8_length(s) > max_chars) {
        fail(RejectReason::bad_value,
             std::string("field '") + key + "' is longer than " + std::to_string(max_chars) + " characters");
        return std::nullopt;
    }
    return s;
}

std::optional<std::int64_t> FieldReader::integer(const char* key, std::int64_t min, std::int64_t max, bool required) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_number_integer()) {
        fail(RejectReason::wrong_type, std::string("field '") + key + "' must be an integer");
        return std::nullopt;
    }
    // Unsigned values above int64 range are refused as out of range, not wrapped.
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
        fail(RejectReason::bad_value, std::string("field '") + key + "' is out of range");
        return std::nullopt;
    }
    auto n = v->get<std::int64_t>();
    if (n < min || n > max) {
        fail(RejectReason::bad_value, std::string("field '") + key + "' must be between " + std::to_string(min) +
                                          " and " + std::to_string(max));
        return std::nullopt;
    }
    return n;
}

std::optional<double> FieldReader::number(const char* key, double min, double max, bool required) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
        fail(RejectReason::wrong_type, std::string("field '") + key + "' must be a number");
        return std::nullopt;
    }
    auto x = v->get<double>();
    if (!(x >= min && x <= max)) { // also refuses NaN
        fail(RejectReason::bad_value, std::string("field '") + key + "' is out of range");
        return std::nullopt;
    }
    return x;
}

std::optional<bool> FieldReader::boolean(const char* key, bool required) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
        fail(RejectReason::wrong_type, std::string("field '") + key + "' must be true or false");
        return std::nullopt;
    }
    return v->get<bool>();
}

std::optional<TimePoint> FieldReader::timestamp(const char* key, TimePoint now, Millis max_ahead, bool required) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        fail(RejectReason::wrong_type, std::string("field '") + key + "' must be an RFC 3339 string");
        return std::nullopt;
    }
    auto t = parse_rfc3339(v->get_ref<const std::string&>());
    if (!t) {
        fail(RejectReason::bad_timestamp,
             std::string("field '") + key + "' is not RFC 3339 with an offset (2026-11-23T23:15:00+01:00)");
        return std::nullopt;
    }
    if (*t > now + max_ahead) {
        fail(RejectReason::bad_timestamp, std::string("field '") + key + "' lies in the future; check the device clock");
        return std::nullopt;
    }
    return t;
}

std::optional<std::string> FieldReader::one_of(const char* key, std::span<const std::string_view> choices,
                                               bool required) {
    auto s = text(key, 64, required);
    if (!s) return std::nullopt;
    if (std::find(choices.begin(), choices.end(), *s) == choices.end()) {
        std::string list;
        for (auto c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
        fail(RejectReason::bad_value, std::string("field '") + key + "' must be one of: " + list);
        return std::nullopt;
    }
    return s;
}

} // namespace platslage
