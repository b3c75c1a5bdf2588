#pragma once
// The weather input: outdoor temperature and the weather warning in force, from a feed
// (SMHI observations and warnings through an adapter) or set by hand. On an extra cold
// night the City opens more shelter places, and reports of people sleeping rough at the
// station are raised in severity (docs/hotspots.md).
#include "checked.hpp"
#include "clock.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace platslage {

inline constexpr std::size_t max_weather_bytes = 512;

struct WeatherReading {
    std::string source;                // "smhi", "operator": who says so
    TimePoint ts;
    std::optional<double> temperature_c;
    std::optional<int> warning_class;  // 0 none, 1 yellow, 2 orange, 3 red (SMHI's classes 1-3)
};

Checked<WeatherReading> parse_weather_reading(std::string_view payload, TimePoint now);
nlohmann::json to_json(const WeatherReading& w);

// When the night counts as extra cold.
struct ColdNightRule {
    double at_or_below_c = -7.0;
    int warning_class_from = 2;
    bool operator==(const ColdNightRule&) const = default;
};

// The latest known weather. A reading that leaves a field out keeps the last known value.
class Weather {
public:
    // Returns true when what is known changed. Older readings than the last are ignored.
    bool apply(const WeatherReading& w);
    bool extra_cold(const ColdNightRule& rule) const;
    std::optional<double> temperature_c() const { return temperature_c_; }
    int warning_class() const { return warning_class_; }
    std::optional<TimePoint> last_reading() const { return last_; }

    nlohmann::json save() const;
    static Weather load(const nlohmann::json& j);

private:
    std::optional<double> temperature_c_;
    int warning_class_ = 0;
    std::optional<TimePoint> last_;
};

} // namespace platslage
