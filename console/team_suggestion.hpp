#pragma once
// Which outreach team to send: teams free to go before the rest, and within them, the one
// nearest the alert's zone (between zone centres, on foot through the stations). A team is
// free to go when it says it is available, the hub has heard from it lately (not silent)
// and it is on no other order. Teams off duty are not offered at all.
#include "picture.hpp"
#include "zone_map.hpp"

#include <string>
#include <vector>

namespace platslage::console {

struct TeamChoice {
    const TeamView* team;
    double metres;       // from the team's zone to the alert's; negative when either is unknown
    bool available;      // free to be sent now
    std::string why_not; // when not: "silent", "engaged", "on D-000003"
};

// Every team on duty for an alert in `zone`, the suggestion first. `alert` is the alert the
// team would go to: an unanswered order for it does not keep its team from being sent again.
// `avoid_team` (the team that did not answer or declined) comes after the other free teams.
std::vector<TeamChoice> teams_for(const Picture& p, const ZoneMap& zones, const std::string& zone,
                                  const std::string& alert = {}, const std::string& avoid_team = {});
// The suggested team: the first choice if it is free to go, else none.
const TeamChoice* suggested(const std::vector<TeamChoice>& choices);
// Only the teams free to go, in the same order: what a dispatch offers.
std::vector<TeamChoice> free_teams(const std::vector<TeamChoice>& choices);

// What the Dispatch dialog offered when it opened: the teams free to go then, in the order
// shown, the suggestion first. Kept while the dialog is open, so the team the operator sees
// chosen is the one sent, however the teams move meanwhile.
struct DispatchOffer {
    std::vector<std::string> teams;
    std::string suggested; // the first of them, unless it is the team that did not take the order
};
DispatchOffer make_offer(const std::vector<TeamChoice>& choices, const std::string& avoid_team = {});

// A team of the offer as things stand now.
struct OfferedTeam {
    std::string team;
    std::string zone;    // where it is now
    double metres = -1;  // from there to the alert's zone, when known
    bool free = false;   // still free to be sent
    std::string why_not; // when not: "silent", "engaged", "on D-000003", "off duty"
    bool suggested = false;
};
// `now`: teams_for() as the picture stands now. A team no longer on duty is not free.
std::vector<OfferedTeam> offer_now(const DispatchOffer& offer, const std::vector<TeamChoice>& now);

} // namespace platslage::console
