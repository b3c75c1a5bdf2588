#include "occupancy.hpp"

#include "json_fields.hpp"
#include "time_text.hpp"
#include "topic.hpp"

namespace platslage {

Checked<OccupancySample> parse_occupancy_sample(std::string_view payload, const ZoneMap& zones, TimePoint now) {
    auto doc = parse_object(payload, max_sample_bytes);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    f.only({"sensor", "zone", "ts", "count"});
    auto sensor = f.text("sensor", max_sample_id_chars);
    auto zone = f.text("zone", max_sample_id_chars);
    auto ts = f.timestamp("ts", now, max_sample_clock_ahead);
    auto count = f.integer("count", 0, max_occupancy);
    if (f.failed()) return f.failure();
    return admit_sample(std::move(*sensor), std::move(*zone), *ts, static_cast<int>(*count), zones);
}

Checked<OccupancySample> admit_sample(std::string sensor, std::string zone, TimePoint ts, int count,
                                      const ZoneMap& zones) {
    if (!is_actor_id(sensor)) return Rejection{RejectReason::bad_value, actor_id_refusal("sensor", "a counter's id")};
    if (!zones.find(zone)) return Rejection{RejectReason::unknown_zone, "zone '" + zone + "' is not in the maps"};
    return OccupancySample{std::move(sensor), std::move(zone), ts, count};
}

std::optional<Rejection> sample_too_old(const OccupancySample& s, TimePoint now) {
    if (s.ts >= now - max_sample_age) return std::nullopt;
    return Rejection{RejectReason::bad_timestamp,
                     "counter '" + s.sensor + "' in zone '" + s.zone + "': field 'ts' lies " + span_words(now - s.ts) +
                         " behind the hub's clock, so it is not the zone's count now; check the counter's clock"};
}

nlohmann::json to_json(const OccupancySample& s) {
    return {{"sensor", s.sensor}, {"zone", s.zone}, {"ts", format_rfc3339(s.ts)}, {"count", s.count}};
}

std::string_view health_name(SensorHealth h) {
    switch (h) {
    case SensorHealth::none: return "none";
    case SensorHealth::ok: return "ok";
    case SensorHealth::silent: return "silent";
    case SensorHealth::clock_wrong: return "clock_wrong";
    }
    return "none";
}

bool OccupancyBoard::apply(const OccupancySample& s, TimePoint heard) {
    auto& z = zones_[s.zone];
    bool was_silent = z.health != SensorHealth::ok;
    z.heard = heard;
    z.health = SensorHealth::ok;
    if (!was_silent && s.ts < z.measured) return false;
    bool changed = was_silent || z.count != s.count || z.sensor != s.sensor;
    z.count = s.count;
    z.measured = s.ts;
    z.sensor = s.sensor;
    return changed;
}

bool OccupancyBoard::clock_wrong(const OccupancySample& s, TimePoint heard) {
    auto& z = zones_[s.zone];
    bool changed = z.health != SensorHealth::clock_wrong || z.sensor != s.sensor;
    z.heard = heard;
    z.health = SensorHealth::clock_wrong;
    z.sensor = s.sensor;
    return changed;
}

std::vector<std::string> OccupancyBoard::mark_silent(TimePoint now) {
    std::vector<std::string> turned;
    for (auto& [zone, z] : zones_) {
        bool heard_of = z.health == SensorHealth::ok || z.health == SensorHealth::clock_wrong;
        if (heard_of && now - z.heard >= silent_after_) {
            z.health = SensorHealth::silent;
            turned.push_back(zone);
        }
    }
    return turned;
}

nlohmann::json OccupancyBoard::save() const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [zone, z] : zones_)
        j[zone] = {z.count, to_epoch_ms(z.measured), z.sensor, to_epoch_ms(z.heard), health_name(z.health)};
    return j;
}

void OccupancyBoard::load(const nlohmann::json& j) {
    zones_.clear();
    for (const auto& [zone, v] : j.items()) {
        ZoneOccupancy z{v.at(0).get<int>(), from_epoch_ms(v.at(1).get<std::int64_t>()), v.at(2).get<std::string>(),
                        from_epoch_ms(v.at(3).get<std::int64_t>()), SensorHealth::none};
        for (auto h : {SensorHealth::none, SensorHealth::ok, SensorHealth::silent, SensorHealth::clock_wrong})
            if (health_name(h) == v.at(4).get<std::string>()) z.health = h;
        zones_[zone] = std::move(z);
    }
}

const ZoneOccupancy* OccupancyBoard::find(const std::string& zone) const {
    auto it = zones_.find(zone);
    return it == zones_.end() ? nullptr : &it->second;
}

} // namespace platslage
