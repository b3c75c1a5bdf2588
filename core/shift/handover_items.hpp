#pragma once
// What a handover lists as open, as the hub sees it at that moment: every open alert, every
// order a team has not finished, every action item from the joint meetings not yet closed.
// One line each, in words the next shift reads without the console's codes:
//   "A-000012 critical, needs care: 2 needs care · Vänthallen, centralen · raised 22:14, acknowledged"
//   "D-000004 team-02 on scene · Vänthallen, centralen · for A-000012"
//   "N-000007 action for Capio Vård för hemlösa, due 2026-12-10: follow up the night in the hall"
#include "alert.hpp"
#include "dispatch.hpp"
#include "meeting.hpp"
#include "zone_map.hpp"

#include <map>
#include <string>
#include <vector>

namespace platslage {

std::vector<std::string> handover_items(const std::map<std::string, Alert>& alerts,
                                        const std::map<std::string, Dispatch>& dispatches,
                                        const std::map<std::string, MeetingNote>& notes, const ZoneMap& zones, TimePoint now);

} // namespace platslage
