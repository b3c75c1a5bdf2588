#include "zone_activity.hpp"

#include "time_text.hpp"

#include <iterator>

namespace platslage {

namespace {
std::int64_t day_number(std::chrono::sys_days d) { return d.time_since_epoch().count(); }
}

void ReportTally::add(const ReportMark& r) {
    if (r.kind == ReportKind::incident) ++incidents_;
    for (auto c : r.categories) ++persons_[static_cast<std::size_t>(c)][r.persons];
}

void ReportTally::remove(const ReportMark& r) {
    if (r.kind == ReportKind::incident) --incidents_;
    for (auto c : r.categories) {
        auto& counts = persons_[static_cast<std::size_t>(c)];
        auto it = counts.find(r.persons);
        if (it != counts.end() && --it->second == 0) counts.erase(it);
    }
}

std::optional<int> ReportTally::most(Category c) const {
    const auto& counts = persons_[static_cast<std::size_t>(c)];
    if (counts.empty()) return std::nullopt;
    return counts.rbegin()->first;
}

int ZoneActivity::nights_among_last(std::int64_t tonight, int n) const {
    int count = 0;
    for (auto night : nights_with_people)
        if (night <= tonight && night > tonight - n) ++count;
    return count;
}

std::vector<const ReportMark*> ZoneActivity::current(TimePoint now) const {
    // Back from the newest report not after `now` to the last one that found the zone empty:
    // only what follows it still holds. Read backwards, so a busy window costs only what
    // is current; this runs for every zone of a station on every occupancy sample.
    auto end = reports.end();
    while (end != reports.begin() && std::prev(end)->ts > now) --end;
    auto begin = end;
    while (begin != reports.begin()) {
        const auto& r = *std::prev(begin);
        // Seen empty: what came before no longer holds. An incident with nobody involved
        // (damage, a fire alarm) says nothing about the people in the zone.
        if (r.persons == 0 && r.kind != ReportKind::incident) break;
        --begin;
    }
    std::vector<const ReportMark*> out;
    out.reserve(static_cast<std::size_t>(std::distance(begin, end)));
    for (auto it = begin; it != end; ++it) out.push_back(&*it);
    return out;
}

std::optional<TimePoint> ZoneActivity::unmet_since(TimePoint now) const {
    if (outreach_here()) return std::nullopt;
    for (const auto* r : current(now))
        if (r->persons > 0 && (!last_outreach || r->ts > *last_outreach)) return r->ts;
    return std::nullopt;
}

void ActivityBoard::record(const GuardReport& r) {
    auto& z = zones_[r.zone];
    // Reports may arrive late from a handheld's outbox: keep them in time order.
    auto at = z.reports.end();
    while (at != z.reports.begin() && std::prev(at)->ts > r.ts) --at;
    z.tally.add(*z.reports.insert(at, ReportMark{r.ts, r.kind, r.persons, r.categories}));
    if (!z.last_patrol || r.ts > *z.last_patrol) z.last_patrol = r.ts;
    if (r.persons > 0 && is_night(r.ts, night_)) z.nights_with_people.insert(day_number(night_of(r.ts, night_)));
}

std::vector<std::string> ActivityBoard::record(const OutreachStatus& s, TimePoint heard) {
    std::vector<std::string> changed;
    bool present = !s.zone.empty() && s.status != TeamStatus::off_duty && s.status != TeamStatus::en_route;
    if (auto it = team_zone_.find(s.team); it != team_zone_.end() && (!present || it->second != s.zone)) {
        auto& left = zones_[it->second];
        left.teams_present.erase(s.team);
        left.last_outreach = heard;
        changed.push_back(it->second);
        team_zone_.erase(it);
    }
    if (present) {
        auto& here = zones_[s.zone];
        here.teams_present.emplace(s.team, heard); // a team already here keeps its "since"
        here.last_outreach = heard;
        team_zone_[s.team] = s.zone;
        changed.push_back(s.zone);
    }
    return changed;
}

void ActivityBoard::trim(TimePoint now) {
    auto oldest_night = day_number(night_of(now, night_)) - 14;
    for (auto& [zone, z] : zones_) {
        while (!z.reports.empty() && now - z.reports.front().ts > window_) {
            z.tally.remove(z.reports.front());
            z.reports.pop_front();
        }
        while (!z.nights_with_people.empty() && *z.nights_with_people.begin() < oldest_night)
            z.nights_with_people.erase(z.nights_with_people.begin());
    }
}

const ZoneActivity* ActivityBoard::find(const std::string& zone) const {
    auto it = zones_.find(zone);
    return it == zones_.end() ? nullptr : &it->second;
}

std::optional<std::string> ActivityBoard::zone_of_team(const std::string& team) const {
    auto it = team_zone_.find(team);
    if (it == team_zone_.end()) return std::nullopt;
    return it->second;
}

nlohmann::json ActivityBoard::save() const {
    nlohmann::json zones = nlohmann::json::object();
    for (const auto& [id, z] : zones_) {
        nlohmann::json reports = nlohmann::json::array();
        for (const auto& r : z.reports) {
            nlohmann::json cats = nlohmann::json::array();
            for (auto c : r.categories) cats.push_back(category_name(c));
            reports.push_back({to_epoch_ms(r.ts), kind_name(r.kind), r.persons, cats});
        }
        nlohmann::json teams = nlohmann::json::object();
        for (const auto& [team, since] : z.teams_present) teams[team] = to_epoch_ms(since);
        zones[id] = {{"reports", reports},
                     {"teams", teams},
                     {"last_outreach", z.last_outreach ? nlohmann::json(to_epoch_ms(*z.last_outreach)) : nlohmann::json(nullptr)},
                     {"last_patrol", z.last_patrol ? nlohmann::json(to_epoch_ms(*z.last_patrol)) : nlohmann::json(nullptr)},
                     {"nights", z.nights_with_people}};
    }
    return {{"zones", zones}, {"team_zone", team_zone_}};
}

void ActivityBoard::load(const nlohmann::json& j) {
    zones_.clear();
    auto when = [](const nlohmann::json& v) -> std::optional<TimePoint> {
        if (v.is_null()) return std::nullopt;
        return from_epoch_ms(v.get<std::int64_t>());
    };
    for (const auto& [id, zj] : j.at("zones").items()) {
        ZoneActivity z;
        for (const auto& r : zj.at("reports")) {
            ReportMark m{from_epoch_ms(r.at(0).get<std::int64_t>()), ReportKind::observation, r.at(2).get<int>(), {}};
            for (auto k : {ReportKind::observation, ReportKind::incident, ReportKind::patrol})
                if (kind_name(k) == r.at(1).get<std::string>()) m.kind = k;
            for (const auto& c : r.at(3))
                if (auto cat = category_from_name(c.get<std::string>())) m.categories.push_back(*cat);
            z.tally.add(m);
            z.reports.push_back(std::move(m));
        }
        for (const auto& [team, since] : zj.at("teams").items()) z.teams_present[team] = from_epoch_ms(since.get<std::int64_t>());
        z.last_outreach = when(zj.at("last_outreach"));
        z.last_patrol = when(zj.at("last_patrol"));
        z.nights_with_people = zj.at("nights").get<std::set<std::int64_t>>();
        zones_[id] = std::move(z);
    }
    team_zone_ = j.at("team_zone").get<std::map<std::string, std::string>>();
}

} // namespace platslage
