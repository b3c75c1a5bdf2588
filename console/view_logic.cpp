#include "view_logic.hpp"

#include "guard_report.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

namespace platslage::console {

namespace {
constexpr double metres_per_deg_lat = 111320.0;
Rgba mix(Rgba a, Rgba b, float t) {
    return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t, a.a + (b.a - a.a) * t};
}
const Rgba calm{0.18f, 0.62f, 0.32f, 1};
const Rgba busy{0.93f, 0.66f, 0.13f, 1};
const Rgba full{0.86f, 0.17f, 0.15f, 1};
const Rgba unknown{0.42f, 0.44f, 0.47f, 1};
} // namespace

Rgba occupancy_colour(std::optional<int> occupancy, int capacity, bool sensor_silent) {
    if (!occupancy || capacity <= 0) return unknown;
    double ratio = static_cast<double>(*occupancy) / capacity;
    Rgba c = ratio >= 1.0   ? full
             : ratio >= 0.6 ? mix(busy, full, static_cast<float>((ratio - 0.6) / 0.4))
                            : mix(calm, busy, static_cast<float>(ratio / 0.6));
    if (sensor_silent) c = mix(c, unknown, 0.6f);
    return c;
}

std::string counter_words(const std::string& sensor) {
    if (sensor == "silent") return "counter silent: the count shown may be old";
    if (sensor == "clock_wrong") return "counter's clock wrong: its counts are refused, the one shown may be old";
    return "";
}

Rgba hotspot_colour(int score) {
    const Rgba none{0.30f, 0.35f, 0.40f, 1}, amber{0.93f, 0.75f, 0.20f, 1}, orange{0.95f, 0.48f, 0.12f, 1},
        deep{0.78f, 0.08f, 0.10f, 1};
    float s = static_cast<float>(std::clamp(score, 0, 100));
    if (s <= 30) return mix(none, amber, s / 30);
    if (s <= 60) return mix(amber, orange, (s - 30) / 30);
    return mix(orange, deep, (s - 60) / 40);
}

Rgba severity_colour(int rank) {
    switch (rank) {
    case 3: return {0.95f, 0.15f, 0.35f, 1};
    case 2: return {0.90f, 0.25f, 0.20f, 1};
    case 1: return {0.95f, 0.55f, 0.15f, 1};
    default: return {0.90f, 0.80f, 0.30f, 1};
    }
}

namespace {
double linear(float channel) {
    double c = channel;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double luminance(Rgba c) { return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b); }
} // namespace

double contrast_ratio(Rgba a, Rgba b) {
    double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Rgba over(Rgba top, float opacity, Rgba under) {
    Rgba out = mix(under, top, opacity);
    out.a = 1;
    return out;
}

Rgba text_colour_on(Rgba background) {
    const Rgba white{1, 1, 1, 1}, black{0, 0, 0, 1};
    return contrast_ratio(white, background) >= contrast_ratio(black, background) ? white : black;
}

std::vector<OverviewCell> overview_cells(const ZoneMap& zones) {
    std::vector<OverviewCell> out;
    for (const auto& station : zones.stations()) {
        std::set<int, std::greater<>> levels;
        for (const Zone* z : zones.zones_of(station)) levels.insert(z->level);
        for (int level : levels) out.push_back({station, level});
    }
    return out;
}

std::string level_name(int level) {
    switch (level) {
    case 1: return "Upper level (1)";
    case 0: return "Street level (0)";
    case -1: return "Lower level (-1)";
    default: return "Level " + std::to_string(level);
    }
}

RingLook alert_ring(int severity_rank, Rgba fill_as_drawn) {
    const bool critical = severity_rank >= 3;
    return {text_colour_on(fill_as_drawn), severity_colour(severity_rank), critical ? 8.0f : 6.5f, critical ? 4.0f : 3.0f};
}

Rgba link_colour(const std::string& link) {
    if (link == "live") return calm;
    if (link == "stale" || link == "connecting") return busy;
    return full;
}

Rgba outage_colour() { return {0.62f, 0.05f, 0.08f, 1.0f}; }

MapProjection::MapProjection(LonLat centre, double pixels_per_metre, Point screen_centre)
    : centre_(centre), ppm_(pixels_per_metre), screen_centre_(screen_centre),
      metres_per_deg_lon_(metres_per_deg_lat * std::cos(centre.lat * std::numbers::pi / 180.0)) {}

Point MapProjection::to_screen(LonLat p) const {
    double east = (p.lon - centre_.lon) * metres_per_deg_lon_;
    double north = (p.lat - centre_.lat) * metres_per_deg_lat;
    return {screen_centre_.x + east * ppm_, screen_centre_.y - north * ppm_};
}

LonLat MapProjection::to_lonlat(Point s) const {
    double east = (s.x - screen_centre_.x) / ppm_;
    double north = (screen_centre_.y - s.y) / ppm_;
    return {centre_.lon + east / metres_per_deg_lon_, centre_.lat + north / metres_per_deg_lat};
}

MapProjection MapProjection::fit(const std::vector<const Zone*>& zones, Point screen_min, Point size) {
    double min_lon = 180, max_lon = -180, min_lat = 90, max_lat = -90;
    for (const auto* z : zones)
        for (const auto& p : z->outline) {
            min_lon = std::min(min_lon, p.lon);
            max_lon = std::max(max_lon, p.lon);
            min_lat = std::min(min_lat, p.lat);
            max_lat = std::max(max_lat, p.lat);
        }
    if (zones.empty()) return MapProjection({18.0575, 59.3303}, 1.0, {screen_min.x + size.x / 2, screen_min.y + size.y / 2});
    LonLat centre{(min_lon + max_lon) / 2, (min_lat + max_lat) / 2};
    double width_m = (max_lon - min_lon) * metres_per_deg_lat * std::cos(centre.lat * std::numbers::pi / 180.0);
    double height_m = (max_lat - min_lat) * metres_per_deg_lat;
    double ppm = std::min(size.x * 0.9 / std::max(width_m, 1.0), size.y * 0.9 / std::max(height_m, 1.0));
    return MapProjection(centre, ppm, {screen_min.x + size.x / 2, screen_min.y + size.y / 2});
}

bool contains(const std::vector<LonLat>& ring, LonLat p) {
    bool inside = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const auto& a = ring[i];
        const auto& b = ring[j];
        if ((a.lat > p.lat) != (b.lat > p.lat) && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon)
            inside = !inside;
    }
    return inside;
}

const Zone* zone_at(const std::vector<const Zone*>& zones, LonLat p) {
    for (const auto* z : zones)
        if (contains(z->outline, p)) return z;
    return nullptr;
}

LonLat centroid(const std::vector<LonLat>& ring) {
    LonLat c{0, 0};
    std::size_t n = ring.size() > 1 ? ring.size() - 1 : ring.size(); // the closing point repeats the first
    for (std::size_t i = 0; i < n; ++i) {
        c.lon += ring[i].lon;
        c.lat += ring[i].lat;
    }
    if (n) {
        c.lon /= static_cast<double>(n);
        c.lat /= static_cast<double>(n);
    }
    return c;
}

std::string age_text(long long s) {
    if (s < 0) s = 0;
    if (s < 90) return std::to_string(s) + " s";
    if (s < 3600) return std::to_string(s / 60) + " min";
    return std::to_string(s / 3600) + " h " + std::to_string((s % 3600) / 60) + " min";
}

namespace {
// Outermost crossings of the ring with the line where coordinate `along` == at; `across`
// is the other coordinate.
template <class Along, class Across>
double span(const std::vector<Point>& ring, double at, Along along, Across across) {
    double lo = 0, hi = 0;
    bool any = false;
    for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
        const Point& a = ring[i];
        const Point& b = ring[(i + 1) % n];
        double a1 = along(a), b1 = along(b);
        if ((a1 <= at && at < b1) || (b1 <= at && at < a1)) {
            double t = (at - a1) / (b1 - a1);
            double x = across(a) + t * (across(b) - across(a));
            lo = any ? std::min(lo, x) : x;
            hi = any ? std::max(hi, x) : x;
            any = true;
        }
    }
    return any ? hi - lo : 0;
}
} // namespace

double span_across(const std::vector<Point>& ring, double y) {
    return span(ring, y, [](const Point& p) { return p.y; }, [](const Point& p) { return p.x; });
}

double span_down(const std::vector<Point>& ring, double x) {
    return span(ring, x, [](const Point& p) { return p.x; }, [](const Point& p) { return p.y; });
}

std::vector<std::string> label_lines(const std::string& text, float room,
                                     const std::function<float(const std::string&)>& width_of) {
    if (width_of(text) <= room) return {text};
    std::vector<std::string> best;
    float best_width = room;
    for (auto at = text.find(' '); at != std::string::npos; at = text.find(' ', at + 1)) {
        std::string first = text.substr(0, at), second = text.substr(at + 1);
        float widest = std::max(width_of(first), width_of(second));
        if (widest <= best_width) best = {first, second}, best_width = widest;
    }
    return best;
}

std::string categories_text(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + category_words(n);
    return out;
}

} // namespace platslage::console
