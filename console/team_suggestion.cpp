#include "team_suggestion.hpp"

#include "view_logic.hpp"

#include <algorithm>
#include <cmath>

namespace platslage::console {

namespace {
// The map's own projection at one pixel per metre: screen distance is distance on foot.
double metres_between(LonLat a, LonLat b) {
    auto p = MapProjection(a, 1.0, {0, 0}).to_screen(b);
    return std::hypot(p.x, p.y);
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
