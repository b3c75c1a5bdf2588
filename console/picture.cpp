#include "picture.hpp"

#include "time_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace platslage::console {

using nlohmann::json;

namespace {
std::string str(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
int num(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}
std::optional<bool> flag(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_boolean()) return std::nullopt;
    return it->get<bool>();
}
std::vector<std::string> strings(const json& j, const char* key) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it != j.end() && it->is_array())
        for (const auto& s : *it)
            if (s.is_string()) out.push_back(s.get<std::string>());
    return out;
}
bool starts(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }
std::optional<std::string> opt_str(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}
int rank_of(const std::string& severity) {
    static const char* names[] = {"warning", "minor", "major", "critical"};
    for (int i = 0; i < 4; ++i)
        if (severity == names[i]) return i;
    return 0;
}
} // namespace

namespace {
// One entry's part of the picture.
Picture decode_entry(const std::string& key, const std::string& body) {
    Picture p;
    {
        json j = json::parse(body, nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            ++p.undecodable;
            return p;
        }
        if (starts(key, "zone/")) {
            ZoneView z;
            z.id = str(j, "id");
            z.station = str(j, "station");
            z.capacity = num(j, "capacity");
            z.sensor = str(j, "sensor");
            if (j.contains("occupancy") && j["occupancy"].is_number_integer()) z.occupancy = j["occupancy"].get<int>();
            if (j.contains("last_report") && j["last_report"].is_object()) {
                const auto& r = j["last_report"];
                z.last_report_ts = str(r, "ts");
                z.last_report_persons = num(r, "persons");
                z.last_report_categories = strings(r, "categories");
            }
            if (auto h = j.find("hotspot"); h != j.end() && h->is_object()) {
                z.hotspot = num(*h, "score");
                z.hotspot_parts = strings(*h, "parts");
            }
            if (auto t = j.find("teams_present"); t != j.end() && t->is_array())
                for (const auto& team : *t)
                    if (team.is_object()) z.teams_present.push_back(str(team, "team"));
            if (auto r = j.find("reported"); r != j.end() && r->is_object())
                for (const auto& [cat, n] : r->items())
                    if (n.is_number_integer()) z.reported[cat] = n.get<int>();
            z.incidents = num(j, "incidents");
            z.last_outreach = opt_str(j, "last_outreach");
            z.last_patrol = opt_str(j, "last_patrol");
            p.zones[z.id] = std::move(z);
        } else if (starts(key, "station/")) {
            StationView st{str(j, "id"), num(j, "occupancy"), num(j, "zones"), num(j, "zones_counted"),
                           num(j, "sensors_silent"), num(j, "guards_on_shift"), num(j, "teams_on_site")};
            st.hotspot_max = num(j, "hotspot_max");
            st.hot_zones = num(j, "hot_zones");
            if (auto a = j.find("alerts_open"); a != j.end() && a->is_object())
                st.alerts_open = {num(*a, "warning"), num(*a, "minor"), num(*a, "major"), num(*a, "critical")};
            st.extra_cold = flag(j, "extra_cold").value_or(false);
            p.stations.push_back(std::move(st));
        } else if (starts(key, "report/")) {
            p.reports.push_back(ReportView{key, str(j, "station"), str(j, "device"), str(j, "id"), str(j, "ts"),
                                           str(j, "zone"), str(j, "kind"), str(j, "note"), str(j, "received"),
                                           num(j, "persons"), strings(j, "categories")});
        } else if (starts(key, "team/")) {
            p.teams.push_back(TeamView{str(j, "id"), str(j, "station"), str(j, "status"), str(j, "zone"), str(j, "org"),
                                       str(j, "last_seen"), num(j, "members"), flag(j, "silent").value_or(false)});
        } else if (starts(key, "dispatch/")) {
            DispatchView d;
            d.id = str(j, "id");
            d.alert = str(j, "alert");
            d.team = str(j, "team");
            d.station = str(j, "station");
            d.zone = str(j, "zone");
            d.by = str(j, "by");
            d.severity = str(j, "severity");
            d.state = str(j, "state");
            d.summary = str(j, "summary");
            d.raised_at = str(j, "raised_at");
            d.acknowledged_at = str(j, "acknowledged_at");
            d.dispatched_at = str(j, "dispatched_at");
            d.answer_due = str(j, "answer_due");
            d.answered_at = str(j, "answered_at");
            d.on_scene_at = str(j, "on_scene_at");
            d.finished_at = str(j, "finished_at");
            d.outcome = str(j, "outcome");
            d.referred_to = str(j, "referred_to");
            d.persons = num(j, "persons");
            d.outcome_persons = num(j, "outcome_persons");
            p.dispatches.push_back(std::move(d));
        } else if (starts(key, "alert/")) {
            AlertView a{str(j, "id"), str(j, "rule"), str(j, "station"), str(j, "zone"), str(j, "subject"),
                        str(j, "severity"), str(j, "state"), str(j, "summary"), str(j, "assigned_to"), str(j, "outcome"),
                        str(j, "raised_at"), str(j, "last_signal"), str(j, "ack_due"), 0, 0, num(j, "signals"),
                        num(j, "persons"), num(j, "escalations"), strings(j, "categories"), {}};
            a.severity_rank = rank_of(a.severity);
            if (auto t = parse_rfc3339(a.raised_at)) a.raised_ms = to_epoch_ms(*t);
            if (auto h = j.find("history"); h != j.end() && h->is_array())
                for (const auto& s : *h)
                    if (s.is_object())
                        a.history.push_back({str(s, "at"), str(s, "what"), str(s, "by"), str(s, "severity"), str(s, "detail")});
            a.steps = std::max(num(j, "steps"), static_cast<int>(a.history.size()));
            p.alerts.push_back(std::make_shared<const AlertView>(std::move(a)));
        } else if (key == "weather") {
            WeatherView w;
            if (auto t = j.find("temperature_c"); t != j.end() && t->is_number()) w.temperature_c = t->get<double>();
            w.warning_class = num(j, "warning_class");
            w.extra_cold = flag(j, "extra_cold").value_or(false);
            p.weather = w;
        } else if (starts(key, "shelter/")) {
            p.shelters.push_back(ShelterView{str(j, "id"), str(j, "name"), num(j, "places"), num(j, "occupied"), num(j, "free")});
        } else if (starts(key, "meeting/") || starts(key, "note/")) {
            p.meeting_entries.emplace(key, body);
        } else if (starts(key, "device/")) {
            p.devices.push_back(DeviceView{str(j, "id"), str(j, "station"), str(j, "role"), str(j, "last_seen"),
                                           flag(j, "online"), flag(j, "on_shift"), num(j, "guards")});
        }
    }
    return p;
}

template <class T>
void append(std::vector<T>& to, const std::vector<T>& from) {
    to.insert(to.end(), from.begin(), from.end());
}
} // namespace

Picture PictureBuilder::build(const std::map<std::string, std::string>& entries) {
    // Walk the entries and the cache together (both in key order): reuse what did not
    // change, decode what did, forget what is gone.
    auto c = cache_.begin();
    for (const auto& [key, body] : entries) {
        while (c != cache_.end() && c->first < key) c = cache_.erase(c);
        if (c != cache_.end() && c->first == key) {
            if (c->second.first != body) c->second = {body, decode_entry(key, body)};
            ++c;
        } else {
            c = std::next(cache_.emplace_hint(c, key, std::make_pair(body, decode_entry(key, body))));
        }
    }
    cache_.erase(c, cache_.end());

    Picture p;
    p.build = ++builds_;
    for (const auto& [key, cached] : cache_) {
        const Picture& piece = cached.second;
        for (const auto& [id, z] : piece.zones) p.zones.emplace(id, z);
        append(p.stations, piece.stations);
        append(p.reports, piece.reports);
        append(p.teams, piece.teams);
        append(p.dispatches, piece.dispatches);
        append(p.devices, piece.devices);
        append(p.alerts, piece.alerts);
        if (piece.weather) p.weather = piece.weather;
        append(p.shelters, piece.shelters);
        p.meeting_entries.insert(piece.meeting_entries.begin(), piece.meeting_entries.end());
        p.undecodable += piece.undecodable;
    }
    // Keys sort by log id, so arrival order; the operator wants the newest on top.
    std::reverse(p.reports.begin(), p.reports.end());
    for (const auto& a : p.alerts)
        if (a->open() && !a->zone.empty()) {
            auto& worst = p.worst_alert[a->zone];
            worst = std::max(worst, a->severity_rank);
        }
    return p;
}

Picture make_picture(const std::map<std::string, std::string>& entries) { return PictureBuilder().build(entries); }

Picture PictureBuilder::build(const Replica& replica) {
    Picture p = build(replica.entries());
    p.link = replica.link();
    p.why = replica.why();
    p.seq = replica.sequence();
    p.resyncs = replica.resyncs();
    p.last_heard = replica.last_heard();
    return p;
}

} // namespace platslage::console
