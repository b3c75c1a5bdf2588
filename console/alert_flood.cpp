#include "alert_flood.hpp"

#include "stockholm_time.hpp"
#include "time_text.hpp"

#include <algorithm>

namespace platslage::console {

std::vector<AlertGroup> group_by_zone(const std::vector<const AlertView*>& queue) {
    std::vector<AlertGroup> groups;
    std::map<std::pair<std::string, std::string>, std::size_t> at;
    for (const auto* a : queue) {
        auto key = std::make_pair(a->station, a->zone);
        auto it = at.find(key);
        if (it == at.end()) {
            it = at.emplace(key, groups.size()).first;
            groups.push_back(AlertGroup{a->station, a->zone, {}, 0, 0});
        }
        auto& g = groups[it->second];
        g.alerts.push_back(a);
        g.worst = std::max(g.worst, a->severity_rank);
        g.raised += a->state == "raised" ? 1 : 0;
    }
    return groups;
}

std::vector<std::string> raised_in_same_zone(const std::vector<const AlertView*>& queue, const AlertView& selected) {
    std::vector<const AlertView*> found;
    for (const auto* a : queue)
        if (a->state == "raised" && a->station == selected.station && a->zone == selected.zone) found.push_back(a);
    std::sort(found.begin(), found.end(), [](const AlertView* x, const AlertView* y) {
        return x->raised_ms != y->raised_ms ? x->raised_ms < y->raised_ms : x->id < y->id;
    });
    std::vector<std::string> ids;
    for (const auto* a : found) ids.push_back(a->id);
    return ids;
}

void SetAside::put(const AlertView& a, TimePoint until) { held_[a.id] = Held{until, a.severity_rank, a.reannounced}; }

void SetAside::take_back(const std::string& id) { held_.erase(id); }

bool SetAside::aside(const AlertView& a, TimePoint now) {
    auto it = held_.find(a.id);
    if (it == held_.end()) return false;
    const Held& h = it->second;
    if (now >= h.until || !a.open() || a.severity_rank > h.severity || a.reannounced > h.reannounced) {
        held_.erase(it);
        return false;
    }
    return true;
}

std::optional<TimePoint> SetAside::until(const std::string& id) const {
    auto it = held_.find(id);
    if (it == held_.end()) return std::nullopt;
    return it->second.until;
}

bool SetAside::due(TimePoint now) const {
    for (const auto& [id, h] : held_)
        if (now >= h.until) return true;
    return false;
}

SplitQueue split_aside(const std::vector<const AlertView*>& queue, SetAside& set_aside, TimePoint now) {
    SplitQueue out;
    for (const auto* a : queue) (set_aside.aside(*a, now) ? out.aside : out.shown).push_back(a);
    return out;
}

std::string empty_since_text(const AlertView& a, const std::map<std::string, ZoneView>& zones) {
    if (!a.open() || a.zone.empty()) return {};
    auto it = zones.find(a.zone);
    if (it == zones.end()) return {};
    const ZoneView& z = it->second;
    if (z.last_report_ts && z.last_report_persons == 0) {
        auto reported = parse_rfc3339(*z.last_report_ts);
        if (reported && a.raised_ms > 0 && to_epoch_ms(*reported) > a.raised_ms)
            return "reported empty " + stockholm_clock_text(*reported).substr(0, 5);
    }
    if (z.sensor == "ok" && z.occupancy && *z.occupancy == 0) return "counter reads 0";
    return {};
}

} // namespace platslage::console
