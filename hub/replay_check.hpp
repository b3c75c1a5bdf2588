#pragma once
// platslage-hub --check-replay: the picture as a restart builds it (the newest snapshot and
// the events after it) against the picture of every event replayed from nothing, both at one
// instant of a fixed clock. A snapshot is a shortcut, never a second truth: the two must be
// the same key for key. Used by scripts/faults after a hundred kills, and by anyone who wants
// to know that a database will bring the hub back as it was.
#include "event_log.hpp"
#include "hub_config.hpp"
#include "zone_map.hpp"

#include <string>
#include <vector>

namespace platslage {

struct ReplayCheck {
    std::size_t keys = 0;                  // compared: the picture from the snapshot, less what desks show
    std::vector<std::string> differing;    // keys whose values differ, or that one side lacks
    bool same() const { return differing.empty(); }
};

ReplayCheck check_replay(const HubConfig& cfg, const ZoneMap& zones, EventLog& log, TimePoint at);

} // namespace platslage
