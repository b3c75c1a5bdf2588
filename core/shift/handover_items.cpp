#include "handover_items.hpp"

#include "organisation.hpp"
#include "plain_words.hpp"
#include "stockholm_time.hpp"

namespace platslage {

namespace {
std::string place(const ZoneMap& zones, const std::string& station, const std::string& zone) {
    const Zone* z = zones.find(zone);
    if (!z) return station;
    return z->name + ", " + z->station;
}
} // namespace

std::vector<std::string> handover_items(const std::map<std::string, Alert>& alerts,
                                        const std::map<std::string, Dispatch>& dispatches,
                                        const std::map<std::string, MeetingNote>& notes, const ZoneMap& zones, TimePoint now) {
    std::vector<std::string> out;
    for (const auto& [id, a] : alerts) {
        if (!is_open(a.state)) continue;
        std::string line = id + " " + std::string(severity_name(a.severity)) + ", " + code_words(rule_name(a.rule));
        if (!a.summary.empty()) line += ": " + a.summary;
        line += " · " + place(zones, a.station, a.zone) + " · raised " + stockholm_minute_text(a.raised_at);
        if (a.state != AlertState::raised) line += ", " + code_words(state_name(a.state));
        if (!a.assigned_to.empty()) line += " to " + a.assigned_to;
        out.push_back(std::move(line));
    }
    for (const auto& [id, d] : dispatches) {
        if (!is_active(d.state)) continue;
        out.push_back(id + " " + d.team + " " + code_words(dispatch_state_name(d.state)) + " · " + place(zones, d.station, d.zone) +
                      " · for " + d.alert);
    }
    for (const auto& [id, n] : notes) {
        if (!is_open_action(n, now)) continue;
        std::string line = id + " action for " + std::string(organisation_title(n.owner));
        if (!n.due.empty()) line += ", due " + n.due;
        out.push_back(line + ": " + n.text);
    }
    return out;
}

} // namespace platslage
