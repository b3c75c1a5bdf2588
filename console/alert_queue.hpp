#pragma once
// The alert queue's order and filters, decided without a window: what the operator sees
// first is the most severe open alert that has waited longest.
#include "alert_command.hpp"
#include "picture.hpp"
#include "zone_map.hpp"

#include <map>
#include <string>
#include <vector>

namespace platslage::console {

struct AlertFilter {
    std::string station;        // "" for both
    int min_severity = 0;       // 0 warning … 3 critical
    std::string state = "open"; // open, closed, all, or one state: raised, acknowledged, …
    bool operator==(const AlertFilter&) const = default;
};

// The choices of the state filter, in the order the console offers them.
const std::vector<std::string>& state_choices();

// Open before closed; then by severity, highest first; then oldest first; then by id.
std::vector<const AlertView*> alert_queue(const std::vector<std::shared_ptr<const AlertView>>& alerts,
                                         const AlertFilter& filter);

// A new critical alert nobody has acknowledged: the row flashes until someone does.
bool needs_attention(const AlertView& a);

// The alert after (or before) `current` in the queue, for the arrow keys; the first when
// `current` is not in it.
std::string neighbour(const std::vector<const AlertView*>& queue, const std::string& current, int step);

// A command for the hub (docs/protocol.md, Commands) written by the core's to_json, the
// counterpart of the parse_alert_command the hub reads it with.
std::string command_json(const AlertCommand& c);
// The same by the op's name, for scripts and tests: `extra` holds team, outcome or note, and
// what is empty is left out. An op the protocol does not have gives "", which the hub refuses.
std::string command_json(const std::string& op, const std::string& alert, const std::string& by,
                         const std::vector<std::pair<std::string, std::string>>& extra = {});

// Open alerts by where they are, for the station tabs and the level buttons: a station's
// count has every open alert there (those about equipment too); a level's, those in its zones.
struct OpenAlertCounts {
    std::map<std::string, int> by_station;
    std::map<std::pair<std::string, int>, int> by_level; // (station, level)
    int station(const std::string& id) const;
    int level(const std::string& station, int level) const;
};
OpenAlertCounts open_alert_counts(const Picture& p, const ZoneMap& zones);
// All the picture's open alerts.
int open_alert_total(const Picture& p);

// "22:14 (3 min)": the Stockholm clock time and the age, for the queue's Raised column.
std::string raised_text(const std::string& rfc3339);

// "sleeping" → "Sleeping", "needs_care" → "Needs care": rule names as people read them.
std::string rule_title(const std::string& rule);

} // namespace platslage::console
