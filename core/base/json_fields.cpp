#include "json_fields.hpp"

#include "time_text.hpp"

#include <algorithm>
#include <unordered_set>
#include <vector>

namespace platslage {

using nlohmann::json;

namespace {
// Builds the document as nlohmann's own parser does, and counts the keys it reads. JSON leaves
// a repeated key to the reader (RFC 8259, 4): this parser would keep the last one, another
// reader the first. Refused, so what was checked is what every reader sees. A repeat leaves
// one entry fewer in the document than keys read; only then is the text read again to name
// the key (NamingRepeats). Counting instead of keeping each object's keys in a set: a set
// per object was a fifth of the parse at the counters' rate.
// (A SAX reader, not parse()'s callback: the callback costs a std::function call per token.)
class CountingKeys {
public:
    explicit CountingKeys(json& doc) : dom_(doc, /*allow_exceptions=*/false) {}

    bool null() { return dom_.null(); }
    bool boolean(bool v) { return dom_.boolean(v); }
    bool number_integer(json::number_integer_t v) { return dom_.number_integer(v); }
    bool number_unsigned(json::number_unsigned_t v) { return dom_.number_unsigned(v); }
    bool number_float(json::number_float_t v, const json::string_t& text) { return dom_.number_float(v, text); }
    bool string(json::string_t& v) { return dom_.string(v); }
    bool binary(json::binary_t& v) { return dom_.binary(v); }
    bool start_object(std::size_t n) { return dom_.start_object(n); }
    bool key(json::string_t& k) {
        ++keys_;
        return dom_.key(k);
    }
    bool end_object() { return dom_.end_object(); }
    bool start_array(std::size_t n) { return dom_.start_array(n); }
    bool end_array() { return dom_.end_array(); }
    template <class Exception>
    bool parse_error(std::size_t at, const std::string& token, const Exception& e) {
        return dom_.parse_error(at, token, e);
    }

    std::size_t keys() const { return keys_; }

private:
    nlohmann::detail::json_sax_dom_parser<json> dom_;
    std::size_t keys_ = 0;
};

// Reads without building anything, and stops at the first key its object already has.
class NamingRepeats : public nlohmann::json_sax<json> {
public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        keys_.emplace_back();
        return true;
    }
    bool key(string_t& k) override {
        if (keys_.back().insert(k).second) return true;
        repeated_ = k;
        return false;
    }
    bool end_object() override {
        keys_.pop_back();
        return true;
    }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

    const std::string& repeated() const { return repeated_; }

private:
    std::vector<std::unordered_set<std::string>> keys_; // of each object being read, innermost last
    std::string repeated_;
};

// Entries in every object of the document: the keys read, less any read twice. Walked with a
// stack of its own: a hostile document nested thousands deep must not use up the thread's.
std::size_t entries(const json& doc) {
    std::size_t n = 0;
    std::vector<const json*> todo{&doc};
    while (!todo.empty()) {
        const json* j = todo.back();
        todo.pop_back();
        if (j->is_object()) n += j->size();
        if (j->is_structured())
            for (auto it = j->begin(); it != j->end(); ++it)
                if (it->is_structured()) todo.push_back(&*it);
    }
    return n;
}
} // namespace

Checked<json> parse_object(std::string_view payload, std::size_t max_bytes) {
    if (payload.size() > max_bytes)
        return Rejection{RejectReason::oversize,
                         std::to_string(payload.size()) + " bytes; at most " + std::to_string(max_bytes) + " allowed"};
    json doc;
    CountingKeys reader(doc);
    bool read = json::sax_parse(payload, &reader);
    if (!read || doc.is_discarded()) return Rejection{RejectReason::malformed_json, "payload is not valid JSON (UTF-8)"};
    if (entries(doc) != reader.keys()) {
        NamingRepeats naming;
        json::sax_parse(payload, &naming);
        return Rejection{RejectReason::malformed_json, "field '" + naming.repeated() + "' appears more than once"};
    }
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
