#include "situation.hpp"

#include "time_text.hpp"

#include <cstdio>

namespace platslage {

using nlohmann::json;

namespace {
json categories_json(const std::vector<Category>& cats) {
    json a = json::array();
    for (auto c : cats) a.push_back(category_name(c));
    return a;
}

std::string report_key(std::int64_t log_id) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "report/%012lld", static_cast<long long>(log_id));
    return buf;
}
} // namespace

Situation::Situation(const ZoneMap& zones, SituationSettings settings)
    : zones_(zones), settings_(settings), board_(settings.sensor_silent_after) {
    std::vector<Update> ignored; // the initial picture is not news to anyone
    for (const auto& z : zones_.zones()) publish_zone(z, ignored);
    for (const auto& s : zones_.stations()) publish_station(s, ignored);
}

void Situation::put(const std::string& key, const json& body, std::vector<Update>& out) {
    if (auto u = state_.set(key, body.dump())) out.push_back(std::move(*u));
}

void Situation::publish_zone(const Zone& z, std::vector<Update>& out) {
    json j{{"id", z.id}, {"station", z.station}, {"capacity", z.capacity}, {"occupancy", nullptr},
           {"sensor", "none"}, {"measured", nullptr}, {"last_report", nullptr}};
    if (const auto* occ = board_.find(z.id)) {
        j["occupancy"] = occ->count;
        j["sensor"] = health_name(occ->health);
        j["measured"] = format_rfc3339(occ->measured);
    }
    if (auto it = last_report_.find(z.id); it != last_report_.end()) {
        const auto& r = it->second;
        j["last_report"] = {{"ts", format_rfc3339(r.ts)}, {"kind", kind_name(r.kind)}, {"persons", r.persons},
                            {"categories", categories_json(r.categories)}};
    }
    put("zone/" + z.id, j, out);
}

int Situation::station_occupancy(const std::string& station) const {
    int sum = 0;
    for (const auto* z : zones_.zones_of(station))
        if (const auto* occ = board_.find(z->id)) sum += occ->count;
    return sum;
}

std::size_t Situation::open_alerts() const {
    std::size_t n = 0;
    const auto& kv = state_.entries();
    for (auto it = kv.lower_bound("alert/"); it != kv.end() && it->first.rfind("alert/", 0) == 0; ++it) ++n;
    return n;
}

void Situation::publish_station(const std::string& station, std::vector<Update>& out) {
    int counted = 0, silent = 0, guards = 0, teams = 0;
    for (const auto* z : zones_.zones_of(station)) {
        if (const auto* occ = board_.find(z->id)) {
            ++counted;
            if (occ->health == SensorHealth::silent) ++silent;
        }
    }
    for (const auto& [id, d] : devices_)
        if (d.station == station && d.role == "guard" && d.on_shift.value_or(false)) guards += d.guards;
    for (const auto& [id, t] : teams_)
        if (t.station == station && t.status != TeamStatus::off_duty) ++teams;
    put("station/" + station,
        json{{"id", station},
             {"occupancy", station_occupancy(station)},
             {"zones", zones_.zones_of(station).size()},
             {"zones_counted", counted},
             {"sensors_silent", silent},
             {"guards_on_shift", guards},
             {"teams_on_site", teams}},
        out);
}

Situation::DeviceSeen& Situation::device_at(const std::string& station, const std::string& device) {
    auto& d = devices_[station + "/" + device];
    d.station = station;
    return d;
}

void Situation::publish_device(const std::string& station, const std::string& device, std::vector<Update>& out) {
    const auto& d = devices_.at(station + "/" + device);
    json j{{"id", device}, {"station", d.station}, {"role", d.role}, {"last_seen", format_rfc3339(d.last_seen)}};
    j["online"] = d.online ? json(*d.online) : json(nullptr);
    if (d.role == "guard") {
        j["on_shift"] = d.on_shift ? json(*d.on_shift) : json(nullptr);
        j["guards"] = d.guards;
    }
    put("device/" + station + "/" + device, j, out);
}

std::vector<Update> Situation::record(const GuardReport& r, std::int64_t log_id, TimePoint heard) {
    std::vector<Update> out;
    json j = to_json(r);
    j["station"] = r.station;
    j["device"] = r.device;
    j["received"] = format_rfc3339(heard);
    auto key = report_key(log_id);
    put(key, j, out);
    report_keys_.push_back(key);
    while (report_keys_.size() > settings_.recent_reports) {
        if (auto u = state_.erase(report_keys_.front())) out.push_back(std::move(*u));
        report_keys_.pop_front();
    }

    auto& last = last_report_[r.zone];
    if (last.ts <= r.ts) last = LastReport{r.ts, r.kind, r.persons, r.categories};
    publish_zone(*zones_.find(r.zone), out);

    auto& d = device_at(r.station, r.device);
    d.role = "guard";
    d.last_seen = heard;
    publish_device(r.station, r.device, out);
    return out;
}

std::vector<Update> Situation::record(const ShiftEvent& e, TimePoint heard) {
    std::vector<Update> out;
    auto& d = device_at(e.station, e.device);
    d.role = "guard";
    d.on_shift = e.starts;
    d.guards = e.guards;
    d.last_seen = heard;
    publish_device(e.station, e.device, out);
    publish_station(e.station, out);
    return out;
}

std::vector<Update> Situation::record(const OutreachStatus& s, TimePoint heard) {
    std::vector<Update> out;
    auto& d = device_at(s.station, s.team); // the team's phone, whose online flag comes separately
    d.role = "outreach";
    d.last_seen = heard;
    auto& team = teams_[s.team];
    std::string left = team.station != s.station ? team.station : std::string();
    team = TeamSeen{s.station, s.status};
    json j{{"id", s.team},        {"station", s.station}, {"status", status_name(s.status)},
           {"zone", s.zone.empty() ? json(nullptr) : json(s.zone)}, {"members", s.members},
           {"org", s.organisation}, {"ts", format_rfc3339(s.ts)}, {"last_seen", format_rfc3339(heard)}};
    put("team/" + s.team, j, out);
    publish_station(s.station, out);
    if (!left.empty()) publish_station(left, out); // the station the team walked over from
    return out;
}

std::vector<Update> Situation::record(const DeviceOnline& o, TimePoint heard) {
    std::vector<Update> out;
    auto& d = device_at(o.station, o.device);
    if (d.role.empty()) d.role = "device";
    d.online = o.online;
    d.last_seen = heard;
    publish_device(o.station, o.device, out);
    return out;
}

std::vector<Update> Situation::record(const OccupancySample& s, TimePoint heard) {
    std::vector<Update> out;
    if (!board_.apply(s, heard)) return out;
    const Zone& z = *zones_.find(s.zone);
    publish_zone(z, out);
    publish_station(z.station, out);
    return out;
}

std::vector<Update> Situation::tick(const Clock& clock) {
    std::vector<Update> out;
    for (const auto& zone : board_.mark_silent(clock.now())) {
        const Zone& z = *zones_.find(zone);
        publish_zone(z, out);
        publish_station(z.station, out);
    }
    return out;
}

} // namespace platslage
