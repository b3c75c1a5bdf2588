#include "alert_queue.hpp"

#include "local_time.hpp"
#include "plain_words.hpp"
#include "stockholm_time.hpp"
#include "time_text.hpp"
#include "view_logic.hpp"

#include <algorithm>

namespace platslage::console {

std::vector<const AlertView*> alert_queue(const std::vector<std::shared_ptr<const AlertView>>& alerts,
                                         const AlertFilter& f) {
    // The sort keys are worked out once per alert, not once per comparison: with a hundred
    // thousand alerts the queue is sorted in milliseconds.
    struct Keyed {
        bool open;
        int rank;
        std::int64_t raised_ms;
        const AlertView* alert;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(alerts.size());
    for (const auto& ptr : alerts) {
        const AlertView& a = *ptr;
        bool open = a.open();
        if (!f.station.empty() && a.station != f.station) continue;
        if (a.severity_rank < f.min_severity) continue;
        if (f.state == "open" ? !open : f.state == "closed" ? open : f.state != "all" && a.state != f.state) continue;
        keyed.push_back({open, a.severity_rank, a.raised_ms, &a});
    }
    std::sort(keyed.begin(), keyed.end(), [](const Keyed& x, const Keyed& y) {
        if (x.open != y.open) return x.open;
        if (x.rank != y.rank) return x.rank > y.rank;
        if (x.raised_ms != y.raised_ms) return x.raised_ms < y.raised_ms;
        return x.alert->id < y.alert->id;
    });
    std::vector<const AlertView*> out;
    out.reserve(keyed.size());
    for (const auto& k : keyed) out.push_back(k.alert);
    return out;
}

const std::vector<std::string>& state_choices() {
    static const std::vector<std::string> choices{"open", "raised", "acknowledged", "assigned", "closed", "resolved",
                                                  "expired", "all"};
    return choices;
}

bool needs_attention(const AlertView& a) { return a.severity_rank == 3 && a.state == "raised"; }

std::string neighbour(const std::vector<const AlertView*>& queue, const std::string& current, int step) {
    if (queue.empty()) return {};
    auto it = std::find_if(queue.begin(), queue.end(), [&](const AlertView* a) { return a->id == current; });
    if (it == queue.end()) return queue.front()->id;
    auto i = static_cast<long>(it - queue.begin()) + step;
    i = std::clamp(i, 0L, static_cast<long>(queue.size()) - 1);
    return queue[static_cast<std::size_t>(i)]->id;
}

std::string command_json(const AlertCommand& c) { return to_json(c).dump(); }

std::string command_json(const std::string& op, const std::string& alert, const std::string& by,
                         const std::vector<std::pair<std::string, std::string>>& extra) {
    auto known = alert_op_from_name(op);
    if (!known) return {};
    AlertCommand c;
    c.op = *known;
    c.alert = alert;
    c.by = by;
    for (const auto& [field, value] : extra) {
        if (field == "team") c.team = value;
        else if (field == "outcome") c.outcome = value;
        else if (field == "note") c.note = value;
    }
    return command_json(c);
}

int OpenAlertCounts::station(const std::string& id) const {
    auto it = by_station.find(id);
    return it == by_station.end() ? 0 : it->second;
}

int OpenAlertCounts::level(const std::string& station, int level) const {
    auto it = by_level.find({station, level});
    return it == by_level.end() ? 0 : it->second;
}

OpenAlertCounts open_alert_counts(const Picture& p, const ZoneMap& zones) {
    // The picture counted its open alerts by zone as it was built (on the network thread):
    // here only the few zones are placed on their stations and levels.
    OpenAlertCounts out;
    for (const auto& [zone, n] : p.open_by_zone)
        if (const Zone* z = zones.find(zone)) {
            out.by_level[{z->station, z->level}] += n;
            out.by_station[z->station] += n;
        }
    for (const auto& [station, n] : p.open_without_zone) out.by_station[station] += n;
    return out;
}

int open_alert_total(const Picture& p) {
    int n = 0;
    for (const auto& [zone, count] : p.open_by_zone) n += count;
    for (const auto& [station, count] : p.open_without_zone) n += count;
    return n;
}

std::string raised_text(const std::string& rfc3339) {
    auto t = parse_rfc3339(rfc3339);
    if (!t) return "?";
    return stockholm_clock_text(*t).substr(0, 5) + " (" + age_text(seconds_since(rfc3339)) + ")";
}

std::string rule_title(const std::string& rule) { return code_words(rule, true); }

} // namespace platslage::console
