#include "weather_curve.hpp"

#include "day_curve.hpp"

#include <algorithm>
#include <cmath>

namespace platslage::sim {

WeatherCurve::WeatherCurve(std::vector<WeatherPoint> points, unsigned month) : points_(std::move(points)), month_(month) {
    std::sort(points_.begin(), points_.end(), [](const WeatherPoint& a, const WeatherPoint& b) { return a.hour < b.hour; });
}

WeatherNow WeatherCurve::at(double local_hour) const {
    double h = std::fmod(local_hour, 24.0);
    if (h < 0) h += 24.0;
    WeatherNow now;
    if (points_.empty()) {
        now.temperature_c = outdoor_temperature(month_, h);
    } else {
        // The last point at or before h, and the next after it, both wrapping over midnight.
        auto next = std::upper_bound(points_.begin(), points_.end(), h,
                                     [](double x, const WeatherPoint& p) { return x < p.hour; });
        const WeatherPoint& after = next == points_.end() ? points_.front() : *next;
        const WeatherPoint& before = next == points_.begin() ? points_.back() : *std::prev(next);
        double span = after.hour - before.hour;
        if (span <= 0) span += 24.0;
        double into = h - before.hour;
        if (into < 0) into += 24.0;
        double f = points_.size() == 1 ? 0.0 : into / span;
        now.temperature_c = before.temperature_c + (after.temperature_c - before.temperature_c) * f;
        now.warning_class = before.warning_class;
    }
    if (fixed_) now.temperature_c = *fixed_;
    return now;
}

} // namespace platslage::sim
