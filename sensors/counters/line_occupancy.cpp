#include "line_occupancy.hpp"

#include "device_serial.hpp"
#include "stockholm_time.hpp"
#include "time_text.hpp"

#include <algorithm>

namespace platslage::counters {

namespace {
constexpr std::int64_t wrap_at = std::int64_t{1} << 32; // 32-bit counters wrap here
}

LineOccupancy::LineOccupancy(std::vector<CountingLine> lines, int reset_hour, std::int64_t largest_jump)
    : lines_(std::move(lines)), reset_hour_(reset_hour), largest_jump_(largest_jump) {}

std::int64_t LineOccupancy::counting_day(TimePoint t) const {
    // The local date of the moment `reset_hour` hours earlier: a day runs from 04:00 to 04:00.
    auto local = t + stockholm_offset(t) - std::chrono::hours(reset_hour_);
    return std::chrono::floor<std::chrono::days>(local).time_since_epoch().count();
}

std::int64_t LineOccupancy::delta(std::int64_t now, std::int64_t before) const {
    if (now >= before) return now - before;
    // Lower than before: a 32-bit total that wrapped, or the device reset its totals (at
    // midnight, or after a reboot) and has counted `now` since.
    if (before > wrap_at - largest_jump_ && now < largest_jump_) return now + wrap_at - before;
    return now;
}

const CountingLine* LineOccupancy::find(const std::string& device, const std::string& line) const {
    auto serial = normalise_serial(device);
    auto it = std::find_if(lines_.begin(), lines_.end(), [&](const CountingLine& l) {
        return l.line == line && normalise_serial(l.device) == serial;
    });
    return it == lines_.end() ? nullptr : &*it;
}

Checked<OccupancySample> LineOccupancy::apply(const LineReading& r) {
    const auto* cfg = find(r.device, r.line);
    if (!cfg)
        return Rejection{RejectReason::unknown_sensor, "line '" + r.line + "' on device '" + r.device + "' is not in the counters config"};
    if (r.in < 0 || r.out < 0) return Rejection{RejectReason::bad_value, "totals cannot be negative"};
    auto& zone = zones_[cfg->zone];
    if (zone.last.time_since_epoch().count() != 0 && r.ts < zone.last)
        return Rejection{RejectReason::bad_timestamp, "reading older than the last one for zone " + cfg->zone};
    auto& line = line_state_[cfg->device + "\n" + cfg->line];
    if (counting_day(r.ts) != zone.day) {
        zone.day = counting_day(r.ts);
        zone.count = 0; // a new counting day starts from an empty zone
    }
    if (line.seen) {
        auto din = delta(r.in, line.in), dout = delta(r.out, line.out);
        if (din > largest_jump_ || dout > largest_jump_) {
            line = LineState{true, r.in, r.out};
            return Rejection{RejectReason::bad_value, "a jump of " + std::to_string(std::max(din, dout)) +
                                                          " people in one reading: taken as a glitch; counting afresh"};
        }
        auto entered = cfg->in_enters ? din : dout;
        auto left = cfg->in_enters ? dout : din;
        zone.count = std::max<std::int64_t>(0, zone.count + entered - left);
    }
    line = LineState{true, r.in, r.out};
    zone.last = r.ts;
    return OccupancySample{cfg->sensor, cfg->zone, r.ts, static_cast<int>(std::min<std::int64_t>(zone.count, max_occupancy))};
}

Checked<OccupancySample> LineOccupancy::apply_delta(const LineDelta& d) {
    const auto* cfg = find(d.device, d.line);
    if (!cfg)
        return Rejection{RejectReason::unknown_sensor, "line '" + d.line + "' on device '" + d.device + "' is not in the counters config"};
    if (d.in < 0 || d.out < 0) return Rejection{RejectReason::bad_value, "crossings cannot be negative"};
    if (d.in > largest_jump_ || d.out > largest_jump_)
        return Rejection{RejectReason::bad_value, std::to_string(std::max(d.in, d.out)) +
                                                      " people across one line in one bin: taken as a glitch"};
    auto& zone = zones_[cfg->zone];
    auto day = counting_day(d.ts);
    if (zone.last.time_since_epoch().count() != 0 && day < zone.day)
        return Rejection{RejectReason::bad_timestamp, "crossings from a counting day already closed for zone " + cfg->zone};
    if (day != zone.day) {
        zone.day = day;
        zone.count = 0; // a new counting day starts from an empty zone
    }
    auto entered = cfg->in_enters ? d.in : d.out;
    auto left = cfg->in_enters ? d.out : d.in;
    zone.count = std::max<std::int64_t>(0, zone.count + entered - left);
    zone.last = std::max(zone.last, d.ts);
    return OccupancySample{cfg->sensor, cfg->zone, zone.last, static_cast<int>(std::min<std::int64_t>(zone.count, max_occupancy))};
}

nlohmann::json LineOccupancy::save() const {
    nlohmann::json lines = nlohmann::json::object(), zones = nlohmann::json::object();
    for (const auto& [key, l] : line_state_)
        if (l.seen) lines[key] = {l.in, l.out};
    for (const auto& [zone, z] : zones_) zones[zone] = {z.count, z.day, to_epoch_ms(z.last)};
    return {{"lines", std::move(lines)}, {"zones", std::move(zones)}};
}

void LineOccupancy::load(const nlohmann::json& j) {
    std::map<std::string, LineState> lines;
    std::map<std::string, ZoneState> zones;
    for (const auto& [key, v] : j.at("lines").items()) {
        auto cut = key.find('\n');
        if (cut == std::string::npos || !find(key.substr(0, cut), key.substr(cut + 1))) continue;
        lines[key] = LineState{true, v.at(0).get<std::int64_t>(), v.at(1).get<std::int64_t>()};
    }
    for (const auto& [zone, v] : j.at("zones").items()) {
        bool counted = std::any_of(lines_.begin(), lines_.end(), [&](const CountingLine& l) { return l.zone == zone; });
        if (!counted) continue;
        zones[zone] = ZoneState{v.at(0).get<std::int64_t>(), v.at(1).get<std::int64_t>(), from_epoch_ms(v.at(2).get<std::int64_t>())};
    }
    line_state_ = std::move(lines);
    zones_ = std::move(zones);
}

} // namespace platslage::counters
