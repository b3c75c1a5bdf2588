#include "team_suggestion.hpp"

#include "dispatch_view.hpp"
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

std::string busy_with(const Picture& p, const TeamView& t, const std::string& alert) {
    if (t.silent) return "silent";
    // The hub sends a team again to the alert whose order it left unanswered, and nowhere else.
    if (const DispatchView* d = active_dispatch_of_team(p, t.id); d && !(d->alert == alert && d->state == "unanswered"))
        return "on " + d->id;
    if (t.status != "available") return dispatch_state_words(t.status); // "en route", "on scene", "engaged"
    return {};
}
} // namespace

std::vector<TeamChoice> teams_for(const Picture& p, const ZoneMap& zones, const std::string& zone,
                                  const std::string& alert, const std::string& avoid_team) {
    std::vector<TeamChoice> out;
    const Zone* target = zones.find(zone);
    for (const auto& t : p.teams) {
        if (t.status == "off_duty") continue;
        const Zone* at = zones.find(t.zone);
        double d = target && at ? metres_between(centroid(target->outline), centroid(at->outline)) : -1;
        auto why = busy_with(p, t, alert);
        out.push_back({&t, d, why.empty(), why});
    }
    std::stable_sort(out.begin(), out.end(), [&](const TeamChoice& a, const TeamChoice& b) {
        if (a.available != b.available) return a.available;
        bool avoid_a = a.team->id == avoid_team, avoid_b = b.team->id == avoid_team;
        if (avoid_a != avoid_b) return avoid_b;
        bool ka = a.metres >= 0, kb = b.metres >= 0;
        if (ka != kb) return ka; // known distances first
        if (a.metres != b.metres) return a.metres < b.metres;
        return a.team->id < b.team->id;
    });
    return out;
}

const TeamChoice* suggested(const std::vector<TeamChoice>& choices) {
    return !choices.empty() && choices.front().available ? &choices.front() : nullptr;
}

std::vector<TeamChoice> free_teams(const std::vector<TeamChoice>& choices) {
    std::vector<TeamChoice> out;
    std::copy_if(choices.begin(), choices.end(), std::back_inserter(out),
                 [](const TeamChoice& c) { return c.available; });
    return out;
}

DispatchOffer make_offer(const std::vector<TeamChoice>& choices, const std::string& avoid_team) {
    DispatchOffer offer;
    for (const auto& c : choices)
        if (c.available) offer.teams.push_back(c.team->id);
    if (!offer.teams.empty() && offer.teams.front() != avoid_team) offer.suggested = offer.teams.front();
    return offer;
}

std::vector<OfferedTeam> offer_now(const DispatchOffer& offer, const std::vector<TeamChoice>& now) {
    std::vector<OfferedTeam> out;
    for (const auto& id : offer.teams) {
        OfferedTeam t{id, "", -1, false, "off duty", id == offer.suggested};
        auto it = std::find_if(now.begin(), now.end(), [&](const TeamChoice& c) { return c.team->id == id; });
        if (it != now.end()) {
            t.zone = it->team->zone;
            t.metres = it->metres;
            t.free = it->available;
            t.why_not = it->why_not;
        }
        out.push_back(std::move(t));
    }
    return out;
}

} // namespace platslage::console
