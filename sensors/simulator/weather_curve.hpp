#pragma once
// A scenario's weather over the simulated day: the outdoor temperature at a few times of
// day, in straight lines between them, and the weather warning in force from each of them
// until the next. The same every day of a run. Without points, Stockholm's usual weather
// for the month (day_curve.hpp). Pure: the local hour comes in.
#include <optional>
#include <vector>

namespace platslage::sim {

struct WeatherPoint {
    double hour = 0;          // local time of day, 0 ≤ hour < 24
    double temperature_c = 0;
    int warning_class = 0;    // 0 none, 1 yellow, 2 orange, 3 red
};

struct WeatherNow {
    double temperature_c = 0;
    int warning_class = 0;
    // What the hub counts as an extra cold night (docs/hotspots.md): −7 °C or colder, or a class 2 warning.
    bool extra_cold() const { return temperature_c <= -7.0 || warning_class >= 2; }
};

class WeatherCurve {
public:
    // `points` in any order; `month` (1-12) for the usual weather when there are none.
    WeatherCurve(std::vector<WeatherPoint> points, unsigned month);

    WeatherNow at(double local_hour) const;
    // --temperature: one temperature all day, the warnings as the curve has them.
    void fix_temperature(std::optional<double> c) { fixed_ = c; }
    bool has_points() const { return !points_.empty(); }

private:
    std::vector<WeatherPoint> points_; // sorted by hour
    unsigned month_;
    std::optional<double> fixed_;
};

} // namespace platslage::sim
