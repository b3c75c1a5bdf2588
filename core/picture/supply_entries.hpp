#pragma once
// The picture's entries about the night outside (docs/protocol.md, "The live picture"): the
// weather (`weather`) and each night shelter's latest count (`shelter/<id>`), typed. The hub
// publishes them with to_json; the consoles read them with *_entry_from, which never throws
// and reads a missing or mistyped field as absent.
#include "clock.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace platslage {

struct WeatherEntry {
    std::optional<double> temperature_c; // none before the first reading
    int warning_class = 0;               // 0 none, 1 yellow, 2 orange, 3 red
    bool extra_cold = false;             // the night counts as extra cold: sleeping alerts are raised
    std::optional<TimePoint> ts;         // the latest reading
    bool operator==(const WeatherEntry&) const = default;
};

struct ShelterEntry {
    std::string id;
    std::string name;
    int places = 0;
    int occupied = 0;
    TimePoint ts;
    // Published beside the count so that no reader works it out differently.
    int free() const { return places - occupied; }
    bool operator==(const ShelterEntry&) const = default;
};

nlohmann::json to_json(const WeatherEntry& w);
std::optional<WeatherEntry> weather_entry_from(const nlohmann::json& object);
nlohmann::json to_json(const ShelterEntry& s);
std::optional<ShelterEntry> shelter_entry_from(const nlohmann::json& object);

} // namespace platslage
