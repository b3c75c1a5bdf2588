#include "replay_check.hpp"

#include "hub_context.hpp"
#include "hub_security.hpp"

namespace platslage {

ReplayCheck check_replay(const HubConfig& cfg, const ZoneMap& zones, EventLog& log, TimePoint at) {
    ManualClock clock(at);
    HubSecurity open; // nothing is served: no keys needed
    HubContext restarted(cfg, zones, log, clock, open);
    restarted.replay(/*use_snapshot=*/true);
    HubContext replayed(cfg, zones, log, clock, open);
    replayed.replay(/*use_snapshot=*/false);

    // The shift log and the joint meetings are kept in tables of their own and shown again
    // by their desks at every start-up, whatever the snapshot held: not the events' to say.
    auto desks_own = [](const std::string& key) {
        return key == "shift" || key.starts_with("meeting/") || key.starts_with("note/");
    };
    const auto& a = restarted.situation.state().entries();
    const auto& b = replayed.situation.state().entries();
    ReplayCheck out;
    for (const auto& [key, value] : a) {
        if (desks_own(key)) continue;
        ++out.keys;
        auto other = b.find(key);
        if (other == b.end() || other->second != value) out.differing.push_back(key);
    }
    for (const auto& [key, value] : b)
        if (!desks_own(key) && !a.contains(key)) out.differing.push_back(key);
    return out;
}

} // namespace platslage
