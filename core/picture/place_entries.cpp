#include "place_entries.hpp"

#include "entry_reader.hpp"
#include "time_text.hpp"

namespace platslage {

using nlohmann::json;

namespace {
// How many values the enums have that the picture writes by name.
constexpr std::size_t report_kind_count = 3;

json time_or_null(const std::optional<TimePoint>& t) { return t ? json(format_rfc3339(*t)) : json(nullptr); }

json names_of(const std::vector<Category>& cats) {
    json a = json::array();
    for (auto c : cats) a.push_back(category_name(c));
    return a;
}

// Categories by name; one this console does not know is left out rather than the entry.
std::vector<Category> categories_in(const EntryReader& r, const char* key) {
    std::vector<Category> out;
    for (const auto& name : r.texts(key))
        if (auto c = category_from_name(name)) out.push_back(*c);
    return out;
}

std::optional<ZoneLastReport> last_report_from(const EntryReader& zone) {
    const json* o = zone.object("last_report");
    if (!o) return std::nullopt;
    EntryReader r(*o);
    ZoneLastReport l;
    l.ts = r.time("ts").value_or(TimePoint{});
    l.kind = r.named<ReportKind>("kind", report_kind_count, kind_name).value_or(ReportKind::observation);
    l.persons = r.integer("persons");
    l.categories = categories_in(r, "categories");
    return l;
}

void read_activity(const EntryReader& r, ZoneEntry& z) {
    if (const json* reported = r.object("reported"))
        for (auto c : all_categories())
            if (auto n = EntryReader(*reported).maybe_integer(std::string(category_name(c)).c_str()))
                z.reported.emplace_back(c, *n);
    if (const json* teams = r.array("teams_present"))
        for (const auto& t : *teams)
            if (t.is_object()) {
                EntryReader team(t);
                z.teams_present.push_back({team.text("team"), team.time("since").value_or(TimePoint{})});
            }
    z.incidents = r.integer("incidents");
    z.last_outreach = r.time("last_outreach");
    z.last_patrol = r.time("last_patrol");
}
} // namespace

json to_json(const ZoneEntry& z) {
    json j{{"id", z.id},
           {"station", z.station},
           {"capacity", z.capacity},
           {"occupancy", z.occupancy ? json(*z.occupancy) : json(nullptr)},
           {"sensor", health_name(z.sensor)},
           {"measured", time_or_null(z.measured)},
           {"last_report", nullptr},
           {"hotspot", {{"score", z.hotspot_score}, {"parts", z.hotspot_parts}}},
           {"incidents", z.incidents},
           {"last_outreach", time_or_null(z.last_outreach)},
           {"last_patrol", time_or_null(z.last_patrol)}};
    if (const auto& r = z.last_report)
        j["last_report"] = {{"ts", format_rfc3339(r->ts)}, {"kind", kind_name(r->kind)}, {"persons", r->persons},
                            {"categories", names_of(r->categories)}};
    json reported = json::object();
    for (const auto& [c, n] : z.reported) reported[std::string(category_name(c))] = n;
    j["reported"] = std::move(reported);
    json teams = json::array();
    for (const auto& t : z.teams_present) teams.push_back({{"team", t.team}, {"since", format_rfc3339(t.since)}});
    j["teams_present"] = std::move(teams);
    return j;
}

std::optional<ZoneEntry> zone_entry_from(const json& object) {
    EntryReader r(object);
    ZoneEntry z;
    z.id = r.text("id");
    z.station = r.text("station");
    z.capacity = r.integer("capacity");
    z.occupancy = r.maybe_integer("occupancy");
    z.sensor = r.named<SensorHealth>("sensor", sensor_health_count, health_name).value_or(SensorHealth::none);
    z.measured = r.time("measured");
    z.last_report = last_report_from(r);
    if (const json* h = r.object("hotspot")) {
        z.hotspot_score = EntryReader(*h).integer("score");
        z.hotspot_parts = EntryReader(*h).texts("parts");
    }
    read_activity(r, z);
    return z;
}

json to_json(const StationEntry& s) {
    json alerts = json::object();
    for (std::size_t i = 0; i < severity_count; ++i)
        alerts[std::string(severity_name(static_cast<Severity>(i)))] = s.alerts_open[i];
    return {{"id", s.id},
            {"occupancy", s.occupancy},
            {"zones", s.zones},
            {"zones_counted", s.zones_counted},
            {"sensors_silent", s.sensors_silent},
            {"guards_on_shift", s.guards_on_shift},
            {"teams_on_site", s.teams_on_site},
            {"hotspot_max", s.hotspot_max},
            {"hot_zones", s.hot_zones},
            {"alerts_open", std::move(alerts)},
            {"extra_cold", s.extra_cold}};
}

std::optional<StationEntry> station_entry_from(const json& object) {
    EntryReader r(object);
    StationEntry s{r.text("id"),          r.integer("occupancy"),     r.integer("zones"),
                   r.integer("zones_counted"), r.integer("sensors_silent"), r.integer("guards_on_shift"),
                   r.integer("teams_on_site"), r.integer("hotspot_max"),    r.integer("hot_zones")};
    if (const json* a = r.object("alerts_open"))
        for (std::size_t i = 0; i < severity_count; ++i)
            s.alerts_open[i] = EntryReader(*a).integer(std::string(severity_name(static_cast<Severity>(i))).c_str());
    s.extra_cold = r.flag("extra_cold").value_or(false);
    return s;
}

} // namespace platslage
