#include "fusion.hpp"

#include "time_text.hpp"

#include <algorithm>

namespace platslage {

namespace {
bool has(const std::vector<Category>& cats, Category c) { return std::find(cats.begin(), cats.end(), c) != cats.end(); }

// "2 sleeping, 1 needing care" from one report; "3 present" when it names no category.
std::string report_summary(const GuardReport& r) {
    if (r.categories.empty()) return std::to_string(r.persons) + " present";
    std::string s = std::to_string(r.persons) + " ";
    for (std::size_t i = 0; i < r.categories.size(); ++i) s += (i ? ", " : "") + std::string(category_label(r.categories[i]));
    return s;
}

std::vector<std::string> names_of(const std::vector<Category>& cats) {
    std::vector<std::string> out;
    for (auto c : cats) out.emplace_back(category_name(c));
    return out;
}

TimePoint first_step_at_or_after(TimePoint t, Millis step) {
    auto n = (t.time_since_epoch().count() + step.count() - 1) / step.count();
    return TimePoint{Millis{n * step.count()}};
}
} // namespace

void Fusion::Effects::merge(Effects&& o) {
    zones.merge(o.zones);
    stations.merge(o.stations);
    alerts.merge(o.alerts);
    dropped_alerts.merge(o.dropped_alerts);
    dispatches.merge(o.dispatches);
    dropped_dispatches.merge(o.dropped_dispatches);
    weather = weather || o.weather;
}

Fusion::Fusion(const ZoneMap& zones, OccupancyBoard& board, FusionSettings settings)
    : zones_(zones), board_(board), settings_(std::move(settings)),
      activity_(settings_.activity_window, settings_.night), alerts_(settings_.alerts), dispatches_(settings_.dispatch) {}

std::string Fusion::station_of(const std::string& zone) const {
    const Zone* z = zones_.find(zone);
    return z ? z->station : std::string();
}

void Fusion::book_changes(AlertBook::Changes c, Effects& out) {
    for (auto& id : c.changed) {
        if (const Alert* a = alerts_.find(id)) out.stations.insert(a->station);
        out.alerts.insert(std::move(id));
    }
    for (auto& id : c.dropped) out.dropped_alerts.insert(std::move(id));
}

void Fusion::signal(Signal s, Effects& out) {
    if (!settings_.alerts.of(s.rule).enabled) return;
    out.stations.insert(s.station);
    out.alerts.insert(alerts_.signal(s));
}

void Fusion::clear(AlertRule rule, const std::string& zone, const std::string& subject, TimePoint at,
                   const std::string& why, Effects& out) {
    if (auto id = alerts_.clear(rule, zone, subject, at, why)) {
        out.alerts.insert(*id);
        if (const Alert* a = alerts_.find(*id)) out.stations.insert(a->station);
    }
}

Hotspot Fusion::hotspot_of(const Zone& z, TimePoint now) const {
    const auto* occ = board_.find(z.id);
    std::optional<int> count;
    if (occ && occ->health == SensorHealth::ok) count = occ->count; // a silent counter's count may be stale: no crowding points
    return hotspot(activity_.find(z.id), count, z.capacity, now, settings_.night, settings_.weights);
}

Fusion::Effects Fusion::advance(TimePoint now) {
    Effects out;
    if (!next_step_) next_step_ = first_step_at_or_after(now, settings_.evaluate_every);
    // Alert steps due before each evaluation step happen first, each at its own time.
    while (*next_step_ <= now) {
        auto at = *next_step_;
        book_changes(alerts_.advance(at), out);
        dispatch_changes(dispatches_.advance(at), out);
        evaluate(at, out);
        *next_step_ += settings_.evaluate_every;
    }
    book_changes(alerts_.advance(now), out);
    dispatch_changes(dispatches_.advance(now), out);
    return out;
}

void Fusion::evaluate(TimePoint at, Effects& out) {
    for (const auto& zone : board_.mark_silent(at)) {
        const auto* occ = board_.find(zone);
        out.zones.insert(zone);
        out.stations.insert(station_of(zone));
        signal(Signal{AlertRule::sensor_silent, station_of(zone), zone, occ->sensor, settings_.alerts.of(AlertRule::sensor_silent).severity,
                      at, 0, {}, "counter " + occ->sensor + " silent"},
               out);
    }
    activity_.trim(at);
    for (const auto& z : zones_.zones()) {
        auto h = hotspot_of(z, at);
        auto& shown = shown_[z.id];
        if (h != shown) {
            shown = h;
            out.zones.insert(z.id);
            out.stations.insert(z.station);
        }
        // Coverage gap: hot, and no outreach visit for hours. Cleared when a team arrives.
        const auto* act = activity_.find(z.id);
        if (!act || h.score < settings_.rules.coverage_gap_score) {
            held_.erase("coverage_gap|" + z.id);
            continue;
        }
        auto unmet_since = act->unmet_since(at);
        auto key = "coverage_gap|" + z.id;
        if (!unmet_since || at - *unmet_since < settings_.rules.coverage_gap_after) {
            held_.erase(key);
            continue;
        }
        if (held_.contains(key) || alerts_.open_for(AlertRule::coverage_gap, z.id, "")) continue;
        held_.insert(key);
        signal(Signal{AlertRule::coverage_gap, z.station, z.id, "", settings_.alerts.of(AlertRule::coverage_gap).severity, at, 0,
                      {}, "score " + std::to_string(h.score) + ", no outreach for " + duration_text(at - *unmet_since)},
               out);
    }
}

Fusion::Effects Fusion::on_report(const GuardReport& r, TimePoint heard) {
    Effects out;
    activity_.record(r);
    out.zones.insert(r.zone);
    out.stations.insert(r.station);
    if (r.persons == 0) return out;
    const auto& rules = settings_.rules;
    bool night = is_night(r.ts, settings_.night);
    auto summary = report_summary(r);
    auto cats = names_of(r.categories);
    auto sig = [&](AlertRule rule, Severity sev) {
        signal(Signal{rule, r.station, r.zone, "", sev, heard, r.persons, cats, summary}, out);
    };
    if (has(r.categories, Category::needs_care)) sig(AlertRule::needs_care, settings_.alerts.of(AlertRule::needs_care).severity);
    if (has(r.categories, Category::minor) || has(r.categories, Category::family_with_children)) {
        auto sev = settings_.alerts.of(AlertRule::child).severity;
        sig(AlertRule::child, night && rules.child_at_night_critical ? Severity::critical : sev);
    }
    if (has(r.categories, Category::sleeping)) {
        auto sev = settings_.alerts.of(AlertRule::sleeping).severity;
        sig(AlertRule::sleeping, extra_cold() ? std::max(sev, rules.cold_sleeping) : sev);
    }
    // Repeated presence: people here on several recent nights, for the deployment meeting.
    if (night) {
        const auto* act = activity_.find(r.zone);
        auto tonight = night_of(r.ts, settings_.night).time_since_epoch().count();
        int nights = act ? act->nights_among_last(tonight, rules.repeated_of_nights) : 0;
        if (nights >= rules.repeated_nights)
            signal(Signal{AlertRule::repeated_presence, r.station, r.zone, "", settings_.alerts.of(AlertRule::repeated_presence).severity,
                          heard, r.persons, cats,
                          "people on " + std::to_string(nights) + " of the last " + std::to_string(rules.repeated_of_nights) + " nights"},
                   out);
    }
    return out;
}

Fusion::Effects Fusion::on_outreach(const OutreachStatus& s, TimePoint heard) {
    Effects out;
    for (const auto& zone : activity_.record(s, heard)) {
        out.zones.insert(zone);
        out.stations.insert(station_of(zone));
    }
    if (auto zone = activity_.zone_of_team(s.team)) {
        clear(AlertRule::coverage_gap, *zone, "", heard, "outreach team " + s.team + " arrived", out);
        held_.erase("coverage_gap|" + *zone);
    }
    on_team_status(s, heard, out);
    return out;
}

Fusion::Effects Fusion::on_online(const DeviceOnline& d, bool guard_on_shift, TimePoint heard) {
    Effects out;
    if (d.online) {
        clear(AlertRule::handheld_offline, "", d.device, heard, "back online", out);
    } else if (guard_on_shift) {
        signal(Signal{AlertRule::handheld_offline, d.station, "", d.device, settings_.alerts.of(AlertRule::handheld_offline).severity,
                      heard, 0, {}, "handheld " + d.device + " offline on shift"},
               out);
    }
    return out;
}

Fusion::Effects Fusion::on_shift(const ShiftEvent& e, TimePoint heard) {
    Effects out;
    if (!e.starts) clear(AlertRule::handheld_offline, "", e.device, heard, "shift ended", out);
    return out;
}

Fusion::Effects Fusion::on_occupancy(const std::string& zone, TimePoint heard) {
    Effects out;
    const Zone* z = zones_.find(zone);
    const auto* occ = board_.find(zone);
    if (!z || !occ) return out;
    out.zones.insert(zone);
    out.stations.insert(z->station);
    clear(AlertRule::sensor_silent, zone, occ->sensor, heard, "counter heard again", out);
    if (z->capacity <= 0) return out;
    // Compared exactly (count × 100 against percent × capacity): one person over is over.
    long long hundredfold = static_cast<long long>(occ->count) * 100;
    int percent = static_cast<int>(hundredfold / z->capacity);
    auto key = "crowding|" + zone;
    if (hundredfold > static_cast<long long>(settings_.rules.crowding_percent) * z->capacity) {
        if (held_.insert(key).second)
            signal(Signal{AlertRule::crowding, z->station, zone, "", settings_.alerts.of(AlertRule::crowding).severity, heard,
                          occ->count, {}, std::to_string(occ->count) + " of " + std::to_string(z->capacity) + " (" + std::to_string(percent) + " %)"},
                   out);
    } else if (hundredfold <= static_cast<long long>(settings_.rules.crowding_clear_percent) * z->capacity) {
        clear(AlertRule::crowding, zone, "", heard, "down to " + std::to_string(percent) + " %", out);
        held_.erase(key);
    }
    return out;
}

Fusion::Effects Fusion::on_weather(const WeatherReading& w, TimePoint heard) {
    Effects out;
    bool was_cold = extra_cold();
    out.weather = weather_.apply(w);
    if (extra_cold() != was_cold) {
        // Sleeping alerts already open are lifted at once on an extra cold night.
        std::vector<std::string> sleeping;
        for (const auto& [id, a] : alerts_.alerts())
            if (is_open(a.state) && a.rule == AlertRule::sleeping && extra_cold()) sleeping.push_back(id);
        for (const auto& id : sleeping)
            if (alerts_.lift(id, settings_.rules.cold_sleeping, heard, "extra cold night")) {
                out.alerts.insert(id);
                out.stations.insert(alerts_.find(id)->station);
            }
    }
    return out;
}

Fusion::Effects Fusion::on_command(const AlertCommand& c, TimePoint heard, const TeamLookup& teams) {
    Effects out;
    if (check(c, teams, heard)) return out; // it changed since it was checked; the log agrees
    if (c.op == AlertOp::dispatch) dispatch_sent(c, heard, out);
    auto id = alerts_.apply(c, heard);
    out.alerts.insert(id);
    if (const Alert* a = alerts_.find(id)) out.stations.insert(a->station);
    // Resolved by an operator while a team was still on it: the team is told it may stop.
    if (c.op == AlertOp::resolve)
        if (auto withdrawn = dispatches_.withdraw_for_alert(id, heard))
            settle_unanswered(*withdrawn, heard, "alert resolved by " + c.by, out);
    return out;
}

nlohmann::json Fusion::save() const {
    nlohmann::json shown = nlohmann::json::object();
    for (const auto& [zone, h] : shown_) shown[zone] = {{"score", h.score}, {"parts", h.parts}};
    return {{"activity", activity_.save()},
            {"alerts", alerts_.save()},
            {"dispatches", dispatches_.save()},
            {"weather", weather_.save()},
            {"next_step", next_step_ ? nlohmann::json(to_epoch_ms(*next_step_)) : nlohmann::json(nullptr)},
            {"shown", shown},
            {"held", held_}};
}

void Fusion::load(const nlohmann::json& j) {
    activity_.load(j.at("activity"));
    alerts_.load(j.at("alerts"));
    if (j.contains("dispatches")) dispatches_.load(j.at("dispatches")); // snapshots from before dispatch have none
    weather_ = Weather::load(j.at("weather"));
    next_step_.reset();
    if (!j.at("next_step").is_null()) next_step_ = from_epoch_ms(j.at("next_step").get<std::int64_t>());
    held_ = j.at("held").get<std::set<std::string>>();
    shown_.clear();
    for (const auto& [zone, h] : j.at("shown").items())
        shown_[zone] = Hotspot{h.at("score").get<int>(), h.at("parts").get<std::vector<std::string>>()};
}

} // namespace platslage
