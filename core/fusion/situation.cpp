#include "situation.hpp"

#include "picture_codec.hpp"
#include "time_text.hpp"

#include <array>

namespace platslage {

using nlohmann::json;

namespace {
json categories_json(const std::vector<Category>& cats) {
    json a = json::array();
    for (auto c : cats) a.push_back(category_name(c));
    return a;
}

} // namespace

Situation::Situation(const ZoneMap& zones, SituationSettings settings)
    : zones_(zones), settings_(std::move(settings)), board_(settings_.sensor_silent_after),
      fusion_(zones, board_, settings_.fusion) {
    std::vector<Update> ignored; // the initial picture is not news to anyone
    for (const auto& z : zones_.zones()) publish_zone(z, TimePoint{}, ignored);
    for (const auto& s : zones_.stations()) publish_station(s, TimePoint{}, ignored);
}

void Situation::put(const std::string& key, const json& body, std::vector<Update>& out) { put_text(key, body.dump(), out); }

void Situation::put_text(const std::string& key, std::string text, std::vector<Update>& out) {
    if (auto u = state_.set(key, std::move(text))) out.push_back(std::move(*u));
}

std::vector<Update> Situation::show(const std::string& key, const nlohmann::json& body) {
    std::vector<Update> out;
    put(key, body, out);
    return out;
}

std::vector<Update> Situation::unshow(const std::string& key) {
    std::vector<Update> out;
    if (auto u = state_.erase(key)) out.push_back(std::move(*u));
    return out;
}

void Situation::hold() { holding_ = true; }

std::vector<Update> Situation::release() {
    std::vector<Update> out;
    if (!holding_) return out;
    holding_ = false;
    Fusion::Effects fx = std::move(held_);
    held_ = {};
    publish(std::move(fx), held_at_, out);
    held_at_ = {};
    return out;
}

void Situation::publish(Fusion::Effects fx, TimePoint now, std::vector<Update>& out) {
    if (holding_) {
        held_.merge(std::move(fx));
        held_at_ = std::max(held_at_, now);
        return;
    }
    for (const auto& zone : fx.zones)
        if (const Zone* z = zones_.find(zone)) publish_zone(*z, now, out);
    for (const auto& id : fx.alerts)
        if (const Alert* a = fusion_.alerts().find(id)) put_text("alert/" + id, alert_texts_.text(*a), out);
    for (const auto& id : fx.dropped_alerts) {
        alert_texts_.forget(id);
        if (auto u = state_.erase("alert/" + id)) out.push_back(std::move(*u));
    }
    for (const auto& id : fx.dispatches)
        if (const Dispatch* d = fusion_.dispatches().find(id)) put("dispatch/" + id, to_json(*d), out);
    for (const auto& id : fx.dropped_dispatches)
        if (auto u = state_.erase("dispatch/" + id)) out.push_back(std::move(*u));
    if (fx.weather) {
        const auto& w = fusion_.weather();
        put("weather", to_json(WeatherEntry{w.temperature_c(), w.warning_class(), fusion_.extra_cold(), w.last_reading()}),
            out);
        for (const auto& s : zones_.stations()) fx.stations.insert(s);
    }
    for (const auto& station : fx.stations)
        if (!station.empty()) publish_station(station, now, out);
}

void Situation::publish_zone(const Zone& z, TimePoint now, std::vector<Update>& out) {
    ZoneEntry e;
    e.id = z.id;
    e.station = z.station;
    e.capacity = z.capacity;
    if (const auto* occ = board_.find(z.id)) {
        e.sensor = occ->health;
        // A counter heard only with a wrong clock has never given a count to show.
        if (occ->measured != TimePoint{}) {
            e.occupancy = occ->count;
            e.measured = occ->measured;
        }
    }
    if (auto it = last_report_.find(z.id); it != last_report_.end()) {
        const auto& r = it->second;
        e.last_report = ZoneLastReport{r.ts, r.kind, r.persons, r.categories};
    }
    auto h = fusion_.hotspot_of(z, now);
    hotspot_hours_.observe(z, h.score, now);
    e.hotspot_score = h.score;
    e.hotspot_parts = std::move(h.parts);
    // The fused activity: who was reported lately, who is here, when outreach and guards were.
    if (const auto* act = fusion_.activity().find(z.id)) {
        // The most people reported at once in each category over the window.
        e.incidents = act->tally.incidents();
        for (auto c : all_categories())
            if (auto most = act->tally.most(c)) e.reported.emplace_back(c, *most);
        for (const auto& [team, since] : act->teams_present) e.teams_present.push_back({team, since});
        e.last_outreach = act->last_outreach;
        e.last_patrol = act->last_patrol;
    }
    put("zone/" + z.id, to_json(e), out);
}

int Situation::station_occupancy(const std::string& station) const {
    int sum = 0;
    for (const auto* z : zones_.zones_of(station))
        if (const auto* occ = board_.find(z->id)) sum += occ->count;
    return sum;
}

void Situation::publish_station(const std::string& station, TimePoint now, std::vector<Update>& out) {
    int counted = 0, silent = 0, guards = 0, teams = 0, hottest = 0, hot = 0;
    for (const auto* z : zones_.zones_of(station)) {
        if (const auto* occ = board_.find(z->id)) {
            ++counted;
            if (occ->health == SensorHealth::silent) ++silent;
        }
        // A zone counts as hot for the summary from the coverage-gap threshold.
        int score = fusion_.hotspot_of(*z, now).score;
        hottest = std::max(hottest, score);
        if (score >= settings_.fusion.rules.coverage_gap_score) ++hot;
    }
    for (const auto& [id, d] : devices_)
        if (d.station == station && d.role == "guard" && d.on_shift.value_or(false)) guards += d.guards;
    for (const auto& [id, t] : teams_)
        if (t.station == station && t.status != TeamStatus::off_duty) ++teams;
    StationEntry e{station, station_occupancy(station), static_cast<int>(zones_.zones_of(station).size()), counted,
                   silent, guards, teams, hottest, hot};
    auto open = fusion_.alerts().open_by_severity(station);
    for (std::size_t i = 0; i < severity_count; ++i) e.alerts_open[i] = static_cast<int>(open[i]);
    e.extra_cold = fusion_.extra_cold();
    put("station/" + station, to_json(e), out);
}

Situation::DeviceSeen& Situation::device_at(const std::string& station, const std::string& device) {
    auto& d = devices_[station + "/" + device];
    d.station = station;
    return d;
}

void Situation::publish_device(const std::string& station, const std::string& device, std::vector<Update>& out) {
    const auto& d = devices_.at(station + "/" + device);
    put("device/" + station + "/" + device,
        to_json(DeviceEntry{device, d.station, d.role, d.last_seen, d.online, d.on_shift, d.guards}), out);
}

std::vector<Update> Situation::advance_to(TimePoint now) {
    std::vector<Update> out;
    publish(fusion_.advance(now), now, out);
    mark_silent_teams(now, out);
    hotspot_hours_.advance(now);
    return out;
}

void Situation::publish_team(const std::string& id, std::vector<Update>& out) {
    const auto& t = teams_.at(id);
    if (!t.shown) return;
    TeamEntry e = *t.shown;
    e.silent = t.silent;
    put("team/" + id, to_json(e), out);
}

// A team whose handheld has gone quiet may be anywhere: the console greys it out and the
// hub sends it nowhere until it is heard again.
void Situation::mark_silent_teams(TimePoint now, std::vector<Update>& out) {
    for (auto& [id, t] : teams_) {
        if (t.silent || t.status == TeamStatus::off_duty || now - t.last_heard < settings_.fusion.dispatch.team_silent_after) continue;
        t.silent = true;
        publish_team(id, out);
    }
}

std::optional<TeamView> Situation::team_view(const std::string& team) const {
    auto it = teams_.find(team);
    if (it == teams_.end()) return std::nullopt;
    return TeamView{it->second.status, it->second.last_heard};
}

std::vector<Update> Situation::record(const GuardReport& r, std::int64_t log_id, TimePoint heard) {
    std::vector<Update> out = advance_to(heard);
    auto key = report_key(log_id);
    put(key, to_json(ReportEntry{r, heard}), out);
    report_keys_.push_back(key);
    while (report_keys_.size() > settings_.recent_reports) {
        if (auto u = state_.erase(report_keys_.front())) out.push_back(std::move(*u));
        report_keys_.pop_front();
    }

    auto& last = last_report_[r.zone];
    if (last.ts <= r.ts) last = LastReport{r.ts, r.kind, r.persons, r.categories};

    // A tip entered at the console came from no handheld: there is no device to follow.
    if (!entered_at_console(r)) {
        auto& d = device_at(r.station, r.device);
        d.role = "guard";
        d.last_seen = heard;
        publish_device(r.station, r.device, out);
    }
    publish(fusion_.on_report(r, heard), heard, out);
    return out;
}

std::vector<Update> Situation::record(const ShiftEvent& e, TimePoint heard) {
    std::vector<Update> out = advance_to(heard);
    auto& d = device_at(e.station, e.device);
    d.role = "guard";
    d.on_shift = e.starts;
    d.guards = e.guards;
    d.last_seen = heard;
    publish_device(e.station, e.device, out);
    auto fx = fusion_.on_shift(e, heard);
    fx.stations.insert(e.station);
    publish(std::move(fx), heard, out);
    return out;
}

std::vector<Update> Situation::record(const OutreachStatus& s, TimePoint heard) {
    std::vector<Update> out = advance_to(heard);
    auto& d = device_at(s.station, s.team); // the team's phone, whose online flag comes separately
    d.role = "outreach";
    d.last_seen = heard;
    auto& team = teams_[s.team];
    std::string left = !team.station.empty() && team.station != s.station ? team.station : std::string();
    team = TeamSeen{s.station, s.status, heard, false,
                    TeamEntry{s.team, s.station, s.status, s.zone, s.members, s.organisation, s.ts, heard, false}};
    publish_team(s.team, out);
    auto fx = fusion_.on_outreach(s, heard);
    fx.stations.insert(s.station);
    if (!left.empty()) fx.stations.insert(left); // the station the team walked over from
    publish(std::move(fx), heard, out);
    return out;
}

std::vector<Update> Situation::record(const DeviceOnline& o, TimePoint heard) {
    std::vector<Update> out = advance_to(heard);
    auto& d = device_at(o.station, o.device);
    if (d.role.empty()) d.role = "device";
    d.online = o.online;
    d.last_seen = heard;
    publish_device(o.station, o.device, out);
    publish(fusion_.on_online(o, d.role == "guard" && d.on_shift.value_or(false), heard), heard, out);
    return out;
}

std::vector<Update> Situation::record(const OccupancySample& s, TimePoint heard) {
    std::vector<Update> out = advance_to(heard);
    history_.record(s.zone, heard, s.count);
    if (!board_.apply(s, heard)) return out;
    publish(fusion_.on_occupancy(s.zone, heard), heard, out);
    return out;
}

std::vector<Update> Situation::counter_clock_wrong(const OccupancySample& s, TimePoint heard) {
    std::vector<Update> out = advance_to(heard);
    const Zone* z = zones_.find(s.zone);
    if (!z || !board_.clock_wrong(s, heard)) return out;
    Fusion::Effects fx;
    fx.zones.insert(z->id);
    fx.stations.insert(z->station);
    publish(std::move(fx), heard, out);
    return out;
}

std::vector<Update> Situation::record(const WeatherReading& w, TimePoint heard) {
    std::vector<Update> out = advance_to(heard);
    publish(fusion_.on_weather(w, heard), heard, out);
    return out;
}

// Each shelter's latest reading; an older one arriving late does not replace it.
std::vector<Update> Situation::record(const ShelterReading& s, TimePoint heard) {
    std::vector<Update> out = advance_to(heard);
    const std::string key = "shelter/" + s.shelter;
    if (const std::string* seen = state_.find(key)) {
        auto last = decode_entry(key, *seen);
        if (last && std::holds_alternative<ShelterEntry>(*last) && std::get<ShelterEntry>(*last).ts > s.ts) return out;
    }
    std::string name = s.shelter;
    for (const auto& k : known_shelters)
        if (k.id == s.shelter) name = k.name;
    put(key, to_json(ShelterEntry{s.shelter, name, s.places, s.occupied, s.ts}), out);
    return out;
}

std::optional<Rejection> Situation::check(const AlertCommand& c, TimePoint now) const {
    return fusion_.check(c, [&](const std::string& team) { return team_view(team); }, now);
}

std::vector<Update> Situation::record(const AlertCommand& c, TimePoint heard) {
    std::vector<Update> out = advance_to(heard);
    publish(fusion_.on_command(c, heard, [&](const std::string& team) { return team_view(team); }), heard, out);
    return out;
}

std::vector<Update> Situation::record(const DispatchAnswer& a, TimePoint heard) {
    std::vector<Update> out = advance_to(heard);
    publish(fusion_.on_answer(a, heard), heard, out);
    return out;
}

std::vector<Update> Situation::record(const DispatchOutcome& o, TimePoint heard) {
    std::vector<Update> out = advance_to(heard);
    publish(fusion_.on_outcome(o, heard), heard, out);
    return out;
}

nlohmann::json Situation::save() const {
    json devices = json::object();
    for (const auto& [key, d] : devices_)
        devices[key] = {{"station", d.station},
                        {"role", d.role},
                        {"online", d.online ? json(*d.online) : json(nullptr)},
                        {"on_shift", d.on_shift ? json(*d.on_shift) : json(nullptr)},
                        {"guards", d.guards},
                        {"last_seen", to_epoch_ms(d.last_seen)}};
    json teams = json::object();
    for (const auto& [id, t] : teams_) {
        // The team's key as published, less the silent flag kept beside it.
        json shown = t.shown ? to_json(*t.shown) : json::object();
        shown.erase("silent");
        teams[id] = {{"station", t.station}, {"status", status_name(t.status)}, {"last_heard", to_epoch_ms(t.last_heard)},
                     {"silent", t.silent}, {"shown", std::move(shown)}};
    }
    json last = json::object();
    for (const auto& [zone, r] : last_report_)
        last[zone] = {{"ts", to_epoch_ms(r.ts)}, {"kind", kind_name(r.kind)}, {"persons", r.persons},
                      {"categories", categories_json(r.categories)}};
    return {{"seq", state_.sequence()},
            {"entries", state_.entries()},
            {"board", board_.save()},
            {"history", history_.save()},
            {"hotspot_hours", hotspot_hours_.save()},
            {"fusion", fusion_.save()},
            {"devices", devices},
            {"teams", teams},
            {"last_report", last},
            {"report_keys", report_keys_}};
}

void Situation::load(const nlohmann::json& j) {
    state_.restore(j.at("seq").get<std::uint64_t>(), j.at("entries").get<std::map<std::string, std::string>>());
    board_.load(j.at("board"));
    // Snapshots from before the history was kept start it empty; the replay after them fills it.
    if (j.contains("history")) history_.load(j.at("history"));
    else history_ = OccupancyHistory{};
    // Likewise the hours under way: from a snapshot without them, counted from the replay on.
    if (j.contains("hotspot_hours")) hotspot_hours_.load(j.at("hotspot_hours"));
    else hotspot_hours_ = HotspotHours{};
    fusion_.load(j.at("fusion"));
    alert_texts_.clear();
    devices_.clear();
    for (const auto& [key, d] : j.at("devices").items()) {
        DeviceSeen s{d.at("station").get<std::string>(), d.at("role").get<std::string>(), std::nullopt, std::nullopt,
                     d.at("guards").get<int>(), from_epoch_ms(d.at("last_seen").get<std::int64_t>())};
        if (!d.at("online").is_null()) s.online = d.at("online").get<bool>();
        if (!d.at("on_shift").is_null()) s.on_shift = d.at("on_shift").get<bool>();
        devices_[key] = std::move(s);
    }
    teams_.clear();
    for (const auto& [id, t] : j.at("teams").items()) {
        TeamSeen s{t.at("station").get<std::string>(), TeamStatus::available, {}, false, std::nullopt};
        for (auto st : {TeamStatus::available, TeamStatus::en_route, TeamStatus::on_scene, TeamStatus::engaged, TeamStatus::off_duty})
            if (status_name(st) == t.at("status").get<std::string>()) s.status = st;
        // Snapshots from before dispatch lack these: such a team counts as silent until heard again.
        if (t.contains("last_heard")) s.last_heard = from_epoch_ms(t.at("last_heard").get<std::int64_t>());
        if (t.contains("silent")) s.silent = t.at("silent").get<bool>();
        if (t.contains("shown") && t.at("shown").is_object() && !t.at("shown").empty()) s.shown = team_entry_from(t.at("shown"));
        teams_[id] = std::move(s);
    }
    last_report_.clear();
    for (const auto& [zone, r] : j.at("last_report").items()) {
        LastReport l{from_epoch_ms(r.at("ts").get<std::int64_t>()), ReportKind::observation, r.at("persons").get<int>(), {}};
        for (auto k : {ReportKind::observation, ReportKind::incident, ReportKind::patrol})
            if (kind_name(k) == r.at("kind").get<std::string>()) l.kind = k;
        for (const auto& c : r.at("categories"))
            if (auto cat = category_from_name(c.get<std::string>())) l.categories.push_back(*cat);
        last_report_[zone] = std::move(l);
    }
    report_keys_ = j.at("report_keys").get<std::deque<std::string>>();
}

} // namespace platslage
