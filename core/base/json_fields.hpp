#pragma once
// Reading a JSON object from outside field by field, turning every problem into a Rejection
// that names the field. Each message schema is written with this, so they read as specs.
#include "checked.hpp"
#include "clock.hpp"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace platslage {

// Parses `payload` as one JSON object no larger than `max_bytes`.
Checked<nlohmann::json> parse_object(std::string_view payload, std::size_t max_bytes);

class FieldReader {
public:
    explicit FieldReader(const nlohmann::json& object) : obj_(object) {}

    // Refuses any field not in `allowed`: nothing unplanned (a name, say) can ride along.
    FieldReader& only(std::initializer_list<std::string_view> allowed);

    std::optional<std::string> text(const char* key, std::size_t max_chars, bool required = true);
    std::optional<std::int64_t> integer(const char* key, std::int64_t min, std::int64_t max, bool required = true);
    std::optional<double> number(const char* key, double min, double max, bool required = true);
    std::optional<bool> boolean(const char* key, bool required = true);
    // RFC 3339 with offset; refused when more than `max_ahead` after `now` (a wrong device clock).
    std::optional<TimePoint> timestamp(const char* key, TimePoint now, Millis max_ahead, bool required = true);
    // A string that must be one of `choices`.
    std::optional<std::string> one_of(const char* key, std::span<const std::string_view> choices,
                                      bool required = true);
    std::optional<std::string> one_of(const char* key, std::initializer_list<std::string_view> choices,
                                      bool required = true) {
        return one_of(key, std::span<const std::string_view>(choices.begin(), choices.size()), required);
    }

    bool failed() const { return failure_.has_value(); }
    const Rejection& failure() const { return *failure_; }
    void fail(RejectReason r, std::string detail);
    const nlohmann::json& object() const { return obj_; }
    bool has(const char* key) const { return obj_.contains(key) && !obj_[key].is_null(); }

private:
    const nlohmann::json* field(const char* key, bool required);

    const nlohmann::json& obj_;
    std::optional<Rejection> failure_;
};

// Counts Unicode code points in valid UTF-8 (JSON strings are validated by the parser).
std::size_t utf8_length(std::string_view s);

} // namespace platslage
