#include "sample_reader.hpp"

#include "time_text.hpp"

#include <simdjson.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace platslage {

namespace ondemand = simdjson::ondemand;

struct SampleReader::Parser {
    ondemand::parser parser{max_sample_bytes};
    // simdjson reads in blocks and may look up to SIMDJSON_PADDING bytes past the text's end,
    // so the text is copied into room that has them; a sample is at most a kilobyte.
    std::vector<char> padded = std::vector<char>(max_sample_bytes + simdjson::SIMDJSON_PADDING, ' ');
};

namespace {

// Printable ASCII and no backslash: a string's text is then exactly its bytes (no escape to
// undo, no UTF-8 to judge) and no control character can hide in it. Counters send nothing
// else; a sample that does is read by the full reader.
bool plain_text(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7e && c != '\\'; });
}

constexpr unsigned sensor_bit = 1, zone_bit = 2, ts_bit = 4, count_bit = 8, all_fields = 15;

// Which of the four fields `key` names, as its bit; 0 for any other key.
unsigned field_bit(std::string_view key) {
    if (key == "sensor") return sensor_bit;
    if (key == "zone") return zone_bit;
    if (key == "ts") return ts_bit;
    if (key == "count") return count_bit;
    return 0;
}

struct Fields {
    std::string_view sensor, zone, ts;
    std::uint64_t count = 0;
};

// The four fields, when the text is one object holding each exactly once with the right type
// and nothing follows it; otherwise nullopt, whatever the reason.
std::optional<Fields> read_fields(ondemand::document& doc) {
    ondemand::object obj;
    if (doc.get_object().get(obj)) return std::nullopt;
    Fields f;
    unsigned seen = 0;
    for (auto field : obj) {
        std::string_view key;
        if (field.unescaped_key().get(key)) return std::nullopt;
        unsigned bit = field_bit(key);
        if (bit == 0 || (seen & bit)) return std::nullopt; // a field of another message, or one given twice
        seen |= bit;
        auto value = field.value();
        simdjson::error_code wrong = simdjson::SUCCESS;
        if (bit == sensor_bit) wrong = value.get_string().get(f.sensor);
        if (bit == zone_bit) wrong = value.get_string().get(f.zone);
        if (bit == ts_bit) wrong = value.get_string().get(f.ts);
        if (bit == count_bit) wrong = value.get_uint64().get(f.count); // digits only: no sign, point or exponent
        if (wrong) return std::nullopt;
    }
    if (seen != all_fields) return std::nullopt;
    // Only whitespace may follow the object; at the end of the text there is no location.
    if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) return std::nullopt;
    return f;
}

// The sample, when the quick path is sure of it: every check of the full reader passed, in its
// terms (ASCII: a byte is a character). Otherwise nullopt, and the full reader decides.
std::optional<OccupancySample> read_quickly(std::string_view payload, ondemand::parser& parser,
                                            std::vector<char>& padded, const ZoneMap& zones, TimePoint now) {
    if (payload.size() > max_sample_bytes || !plain_text(payload)) return std::nullopt;
    std::copy(payload.begin(), payload.end(), padded.begin());
    ondemand::document doc;
    if (parser.iterate(padded.data(), payload.size(), padded.size()).get(doc)) return std::nullopt;
    auto f = read_fields(doc);
    if (!f || f->sensor.size() > max_sample_id_chars || f->zone.size() > max_sample_id_chars ||
        f->count > static_cast<std::uint64_t>(max_occupancy))
        return std::nullopt;
    auto ts = parse_rfc3339(f->ts);
    if (!ts || *ts > now + max_sample_clock_ahead) return std::nullopt;
    auto sample = admit_sample(std::string(f->sensor), std::string(f->zone), *ts, static_cast<int>(f->count), zones);
    if (!sample) return std::nullopt;
    return std::move(sample).value();
}

} // namespace

SampleReader::SampleReader() : parser_(std::make_unique<Parser>()) {}
SampleReader::~SampleReader() = default;

Checked<OccupancySample> SampleReader::read(std::string_view payload, const ZoneMap& zones, TimePoint now) {
    if (auto sample = read_quickly(payload, parser_->parser, parser_->padded, zones, now)) {
        ++quick_;
        return std::move(*sample);
    }
    ++full_;
    return parse_occupancy_sample(payload, zones, now);
}

} // namespace platslage
