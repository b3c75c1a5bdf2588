#include "field_entries.hpp"

#include "entry_reader.hpp"
#include "time_text.hpp"

#include <cstdio>

namespace platslage {

using nlohmann::json;

namespace {
// How many values the enums have that the picture writes by name.
constexpr std::size_t team_status_count = 5;
constexpr std::size_t report_kind_count = 3;
json flag_or_null(const std::optional<bool>& b) { return b ? json(*b) : json(nullptr); }
} // namespace

std::string report_key(std::int64_t log_id) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "report/%012lld", static_cast<long long>(log_id));
    return buf;
}

json to_json(const ReportEntry& r) {
    json j = to_json(r.report);
    j["station"] = r.report.station;
    j["device"] = r.report.device;
    j["received"] = format_rfc3339(r.received);
    return j;
}

std::optional<ReportEntry> report_entry_from(const json& object) {
    EntryReader f(object);
    ReportEntry e;
    auto& r = e.report;
    r.station = f.text("station");
    r.device = f.text("device");
    r.id = f.text("id");
    r.ts = f.time("ts").value_or(TimePoint{});
    r.zone = f.text("zone");
    r.kind = f.named<ReportKind>("kind", report_kind_count, kind_name).value_or(ReportKind::observation);
    r.persons = f.integer("persons");
    for (const auto& name : f.texts("categories"))
        if (auto c = category_from_name(name)) r.categories.push_back(*c);
    r.note = f.text("note");
    r.tip_from = f.text("tip_from");
    e.received = f.time("received").value_or(TimePoint{});
    return e;
}

json to_json(const DeviceEntry& d) {
    json j{{"id", d.id}, {"station", d.station}, {"role", d.role}, {"last_seen", format_rfc3339(d.last_seen)},
           {"online", flag_or_null(d.online)}};
    // Only a guard's handheld carries a shift.
    if (d.role == "guard") {
        j["on_shift"] = flag_or_null(d.on_shift);
        j["guards"] = d.guards;
    }
    return j;
}

std::optional<DeviceEntry> device_entry_from(const json& object) {
    EntryReader r(object);
    return DeviceEntry{r.text("id"),      r.text("station"),   r.text("role"),    r.time("last_seen").value_or(TimePoint{}),
                       r.flag("online"), r.flag("on_shift"), r.integer("guards")};
}

json to_json(const TeamEntry& t) {
    return {{"id", t.id},
            {"station", t.station},
            {"status", status_name(t.status)},
            {"zone", t.zone.empty() ? json(nullptr) : json(t.zone)},
            {"members", t.members},
            {"org", t.org},
            {"ts", format_rfc3339(t.ts)},
            {"last_seen", format_rfc3339(t.last_seen)},
            {"silent", t.silent}};
}

std::optional<TeamEntry> team_entry_from(const json& object) {
    EntryReader r(object);
    auto status = r.named<TeamStatus>("status", team_status_count, status_name);
    if (!status) return std::nullopt;
    return TeamEntry{r.text("id"),       r.text("station"), *status, r.text("zone"), r.integer("members"),
                     r.text("org"),      r.time("ts").value_or(TimePoint{}),
                     r.time("last_seen").value_or(TimePoint{}), r.flag("silent").value_or(false)};
}

} // namespace platslage
