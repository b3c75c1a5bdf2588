#include "team_suggestion.hpp"

#include "view_logic.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace platslage::console {

namespace {
double metres_between(LonLat a, LonLat b) {
    constexpr double per_deg_lat = 111320.0;
    double per_deg_lon = per_deg_lat * std::cos((a.lat + b.lat) / 2 * std::numbers::pi / 180.0);
    return std::hypot((a.lon - b.lon) * per_deg_lon, (a.lat - b.lat) * per_deg_lat);
}
} // namespace

std::vector<TeamChoice> teams_for(const Picture& p, const ZoneMap& zones, const std::string& zone) {
    std::vector<TeamChoice> out;
    const Zone* target = zones.find(zone);
    for (const auto& t : p.teams) {
        if (t.status == "off_duty") continue;
        const Zone* at = zones.find(t.zone);
        double d = target && at ? metres_between(centroid(target->outline), centroid(at->outline)) : -1;
        out.push_back({&t, d, t.status == "available"});
    }
    std::stable_sort(out.begin(), out.end(), [](const TeamChoice& a, const TeamChoice& b) {
        if (a.available != b.available) return a.available;
        bool ka = a.metres >= 0, kb = b.metres >= 0;
        if (ka != kb) return ka; // known distances first
        if (a.metres != b.metres) return a.metres < b.metres;
        return a.team->id < b.team->id;
    });
    return out;
}

} // namespace platslage::console
