#include "entry_reader.hpp"

#include "time_text.hpp"

namespace platslage {

std::optional<nlohmann::json> parse_entry(std::string_view body) {
    auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    return j;
}

const nlohmann::json* EntryReader::find(const char* key) const {
    if (!obj_.is_object()) return nullptr;
    auto it = obj_.find(key);
    return it == obj_.end() ? nullptr : &*it;
}

std::string EntryReader::text(const char* key) const { return maybe_text(key).value_or(std::string()); }

std::optional<std::string> EntryReader::maybe_text(const char* key) const {
    const auto* v = find(key);
    if (!v || !v->is_string()) return std::nullopt;
    return v->get_ref<const std::string&>();
}

std::optional<int> EntryReader::maybe_integer(const char* key) const {
    const auto* v = find(key);
    if (!v || !v->is_number_integer()) return std::nullopt;
    return v->get<int>();
}

std::optional<double> EntryReader::number(const char* key) const {
    const auto* v = find(key);
    if (!v || !v->is_number()) return std::nullopt;
    return v->get<double>();
}

std::optional<bool> EntryReader::flag(const char* key) const {
    const auto* v = find(key);
    if (!v || !v->is_boolean()) return std::nullopt;
    return v->get<bool>();
}

std::vector<std::string> EntryReader::texts(const char* key) const {
    std::vector<std::string> out;
    if (const auto* a = array(key))
        for (const auto& s : *a)
            if (s.is_string()) out.push_back(s.get<std::string>());
    return out;
}

std::optional<TimePoint> EntryReader::time(const char* key) const {
    auto t = maybe_text(key);
    return t ? parse_rfc3339(*t) : std::nullopt;
}

const nlohmann::json* EntryReader::object(const char* key) const {
    const auto* v = find(key);
    return v && v->is_object() ? v : nullptr;
}

const nlohmann::json* EntryReader::array(const char* key) const {
    const auto* v = find(key);
    return v && v->is_array() ? v : nullptr;
}

} // namespace platslage
