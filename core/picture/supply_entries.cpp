#include "supply_entries.hpp"

#include "entry_reader.hpp"
#include "time_text.hpp"

namespace platslage {

using nlohmann::json;

json to_json(const WeatherEntry& w) {
    return {{"temperature_c", w.temperature_c ? json(*w.temperature_c) : json(nullptr)},
            {"warning_class", w.warning_class},
            {"extra_cold", w.extra_cold},
            {"ts", w.ts ? json(format_rfc3339(*w.ts)) : json(nullptr)}};
}

std::optional<WeatherEntry> weather_entry_from(const json& object) {
    EntryReader r(object);
    return WeatherEntry{r.number("temperature_c"), r.integer("warning_class"), r.flag("extra_cold").value_or(false),
                        r.time("ts")};
}

json to_json(const ShelterEntry& s) {
    return {{"id", s.id},           {"name", s.name},        {"places", s.places},
            {"occupied", s.occupied}, {"free", s.free()}, {"ts", format_rfc3339(s.ts)}};
}

std::optional<ShelterEntry> shelter_entry_from(const json& object) {
    EntryReader r(object);
    return ShelterEntry{r.text("id"), r.text("name"), r.integer("places"), r.integer("occupied"),
                        r.time("ts").value_or(TimePoint{})};
}

} // namespace platslage
