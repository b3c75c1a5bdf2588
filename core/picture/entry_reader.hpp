#pragma once
// Reading a published picture entry (docs/protocol.md, "The live picture") without throwing.
// Entries come over the network to the consoles, so a body must never crash a reader: a field
// that is missing, null or of the wrong type reads as absent, and the caller decides what
// absent means. This is lenient on purpose, unlike FieldReader (json_fields.hpp), which
// refuses what it does not expect: a console shows what it can of an entry from an older or
// newer hub rather than nothing.
#include "clock.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platslage {

// The body as a JSON object; none when it is not JSON or not an object.
std::optional<nlohmann::json> parse_entry(std::string_view body);

class EntryReader {
public:
    explicit EntryReader(const nlohmann::json& object) : obj_(object) {}

    std::string text(const char* key) const;
    std::optional<std::string> maybe_text(const char* key) const;
    int integer(const char* key) const { return maybe_integer(key).value_or(0); }
    std::optional<int> maybe_integer(const char* key) const;
    std::optional<double> number(const char* key) const;
    std::optional<bool> flag(const char* key) const;
    std::vector<std::string> texts(const char* key) const;
    // An RFC 3339 time; text that is not one reads as absent.
    std::optional<TimePoint> time(const char* key) const;
    // A nested object or array; null when absent or of another type.
    const nlohmann::json* object(const char* key) const;
    const nlohmann::json* array(const char* key) const;

    // An enum written by its name: `count` values named by `name(E)`; an unknown name reads as absent.
    template <class E, class NameOf>
    std::optional<E> named(const char* key, std::size_t count, NameOf name) const {
        auto t = maybe_text(key);
        return t ? enum_named<E>(*t, count, name) : std::nullopt;
    }

    template <class E, class NameOf>
    static std::optional<E> enum_named(std::string_view text, std::size_t count, NameOf name) {
        for (std::size_t i = 0; i < count; ++i)
            if (name(static_cast<E>(i)) == text) return static_cast<E>(i);
        return std::nullopt;
    }

private:
    const nlohmann::json* find(const char* key) const;

    const nlohmann::json& obj_;
};

} // namespace platslage
