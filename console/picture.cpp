#include "picture.hpp"

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
} // namespace

Picture make_picture(const std::map<std::string, std::string>& entries) {
    Picture p;
    for (const auto& [key, body] : entries) {
        json j = json::parse(body, nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            ++p.undecodable;
            continue;
        }
        if (starts(key, "zone/")) {
            ZoneView z{str(j, "id"), str(j, "station"), num(j, "capacity"), std::nullopt, str(j, "sensor"), std::nullopt, 0, {}};
            if (j.contains("occupancy") && j["occupancy"].is_number_integer()) z.occupancy = j["occupancy"].get<int>();
            if (j.contains("last_report") && j["last_report"].is_object()) {
                const auto& r = j["last_report"];
                z.last_report_ts = str(r, "ts");
                z.last_report_persons = num(r, "persons");
                z.last_report_categories = strings(r, "categories");
            }
            p.zones[z.id] = std::move(z);
        } else if (starts(key, "station/")) {
            p.stations.push_back(StationView{str(j, "id"), num(j, "occupancy"), num(j, "zones"), num(j, "zones_counted"),
                                             num(j, "sensors_silent"), num(j, "guards_on_shift"), num(j, "teams_on_site")});
        } else if (starts(key, "report/")) {
            p.reports.push_back(ReportView{key, str(j, "station"), str(j, "device"), str(j, "id"), str(j, "ts"),
                                           str(j, "zone"), str(j, "kind"), str(j, "note"), str(j, "received"),
                                           num(j, "persons"), strings(j, "categories")});
        } else if (starts(key, "team/")) {
            p.teams.push_back(TeamView{str(j, "id"), str(j, "station"), str(j, "status"), str(j, "zone"), str(j, "org"),
                                       str(j, "last_seen"), num(j, "members")});
        } else if (starts(key, "device/")) {
            p.devices.push_back(DeviceView{str(j, "id"), str(j, "station"), str(j, "role"), str(j, "last_seen"),
                                           flag(j, "online"), flag(j, "on_shift")});
        }
    }
    // Keys sort by log id, so arrival order; the operator wants the newest on top.
    std::reverse(p.reports.begin(), p.reports.end());
    return p;
}

Picture make_picture(const Replica& replica) {
    Picture p = make_picture(replica.entries());
    p.link = replica.link();
    p.why = replica.why();
    p.seq = replica.sequence();
    p.resyncs = replica.resyncs();
    p.last_heard = replica.last_heard();
    return p;
}

} // namespace platslage::console
