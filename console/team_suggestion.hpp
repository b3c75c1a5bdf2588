#pragma once
// Which outreach team to send: available teams before busy ones, and within each, the one
// nearest the alert's zone (between zone centres, on foot through the stations). Teams
// off duty are not offered.
#include "picture.hpp"
#include "zone_map.hpp"

#include <string>
#include <vector>

namespace platslage::console {

struct TeamChoice {
    const TeamView* team;
    double metres; // from the team's zone to the alert's; negative when either is unknown
    bool available;
};

std::vector<TeamChoice> teams_for(const Picture& p, const ZoneMap& zones, const std::string& zone);

} // namespace platslage::console
