#include "shelter.hpp"

#include "json_fields.hpp"
#include "person_counts.hpp"
#include "time_text.hpp"

namespace platslage {

namespace {
constexpr Millis max_clock_ahead{std::chrono::minutes(10)};
constexpr std::array<std::string_view, known_shelters.size()> shelter_ids = [] {
    std::array<std::string_view, known_shelters.size()> ids{};
    for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = known_shelters[i].id;
    return ids;
}();
} // namespace

Checked<ShelterReading> parse_shelter_reading(std::string_view payload, TimePoint now) {
    auto doc = parse_object(payload, max_shelter_bytes);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    f.only({"shelter", "ts", "places", "occupied", "women", "men"});
    auto shelter = f.one_of("shelter", shelter_ids);
    auto ts = f.timestamp("ts", now, max_clock_ahead);
    auto places = f.integer("places", 1, 500);
    auto occupied = f.integer("occupied", 0, 500);
    if (f.failed()) return f.failure();
    if (*occupied > *places)
        return Rejection{RejectReason::bad_value, "occupied (" + std::to_string(*occupied) + ") is more than places (" +
                                                      std::to_string(*places) + ")"};
    ShelterReading r{*shelter, *ts, static_cast<int>(*places), static_cast<int>(*occupied)};
    read_women_and_men(f, r.occupied, 500, r.women, r.men, "occupied");
    if (f.failed()) return f.failure();
    return r;
}

nlohmann::json to_json(const ShelterReading& s) {
    nlohmann::json j{{"shelter", s.shelter}, {"ts", format_rfc3339(s.ts)}, {"places", s.places}, {"occupied", s.occupied}};
    put_women_and_men(j, s.women, s.men);
    return j;
}

} // namespace platslage
