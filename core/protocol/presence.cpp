#include "presence.hpp"

#include "json_fields.hpp"
#include "time_text.hpp"

#include <array>

namespace platslage {

namespace {
constexpr Millis max_clock_ahead{std::chrono::minutes(10)};
constexpr std::array<std::string_view, 5> status_names{"available", "en_route", "on_scene", "engaged", "off_duty"};

std::optional<Rejection> check_station(const Topic& topic, const ZoneMap& zones) {
    if (zones.has_station(topic.station)) return std::nullopt;
    return Rejection{RejectReason::unknown_station, "station '" + topic.station + "' is not in the maps"};
}

std::optional<Rejection> check_zone(const std::string& zone, const Topic& topic, const ZoneMap& zones) {
    const Zone* z = zones.find(zone);
    if (!z) return Rejection{RejectReason::unknown_zone, "zone '" + zone + "' is not in the maps"};
    if (z->station != topic.station)
        return Rejection{RejectReason::topic_mismatch,
                         "zone '" + zone + "' belongs to " + z->station + ", the topic says " + topic.station};
    return std::nullopt;
}

} // namespace

std::string_view status_name(TeamStatus s) { return status_names[static_cast<std::size_t>(s)]; }

Checked<ShiftEvent> parse_shift_event(const Topic& topic, std::string_view payload, const ZoneMap& zones, TimePoint now) {
    if (auto bad = check_station(topic, zones)) return *bad;
    auto doc = parse_object(payload, max_presence_bytes);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    f.only({"ts", "event", "guards"});
    auto ts = f.timestamp("ts", now, max_clock_ahead);
    auto event = f.one_of("event", {"start", "end"});
    auto guards = f.integer("guards", 1, 20, /*required=*/false);
    if (f.failed()) return f.failure();
    return ShiftEvent{topic.station, topic.actor, *ts, *event == "start", guards ? static_cast<int>(*guards) : 1};
}

Checked<OutreachStatus> parse_outreach_status(const Topic& topic, std::string_view payload, const ZoneMap& zones,
                                              TimePoint now) {
    if (auto bad = check_station(topic, zones)) return *bad;
    auto doc = parse_object(payload, max_presence_bytes);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    f.only({"ts", "status", "zone", "members", "org"});
    auto ts = f.timestamp("ts", now, max_clock_ahead);
    auto status = f.one_of("status", {"available", "en_route", "on_scene", "engaged", "off_duty"});
    auto zone = f.text("zone", 64, /*required=*/false);
    auto members = f.integer("members", 1, 6, /*required=*/false);
    auto org = f.one_of("org", organisation_ids(), /*required=*/false);
    if (f.failed()) return f.failure();

    OutreachStatus s;
    s.station = topic.station;
    s.team = topic.actor;
    s.ts = *ts;
    for (std::size_t i = 0; i < status_names.size(); ++i)
        if (status_names[i] == *status) s.status = static_cast<TeamStatus>(i);
    if (s.status != TeamStatus::off_duty && !zone)
        return Rejection{RejectReason::missing_field, "field 'zone' is required unless the team is off_duty"};
    if (zone) {
        if (auto bad = check_zone(*zone, topic, zones)) return *bad;
        s.zone = *zone;
    }
    s.members = members ? static_cast<int>(*members) : 2;
    s.organisation = org.value_or("socialforvaltningen");
    return s;
}

Checked<DeviceOnline> parse_device_online(const Topic& topic, std::string_view payload, const ZoneMap& zones,
                                          TimePoint now) {
    if (auto bad = check_station(topic, zones)) return *bad;
    auto doc = parse_object(payload, max_presence_bytes);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    f.only({"online", "ts"});
    auto online = f.boolean("online");
    auto ts = f.timestamp("ts", now, max_clock_ahead, /*required=*/false);
    if (f.failed()) return f.failure();
    return DeviceOnline{topic.station, topic.actor, *online, ts};
}

nlohmann::json to_json(const ShiftEvent& e) {
    return {{"ts", format_rfc3339(e.ts)}, {"event", e.starts ? "start" : "end"}, {"guards", e.guards}};
}

nlohmann::json to_json(const OutreachStatus& s) {
    nlohmann::json j{{"ts", format_rfc3339(s.ts)},
                     {"status", status_name(s.status)},
                     {"members", s.members},
                     {"org", s.organisation}};
    if (!s.zone.empty()) j["zone"] = s.zone;
    return j;
}

nlohmann::json to_json(const DeviceOnline& d) {
    nlohmann::json j{{"online", d.online}};
    if (d.ts) j["ts"] = format_rfc3339(*d.ts);
    return j;
}

} // namespace platslage
