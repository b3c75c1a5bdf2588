#include "hotspot_hours.hpp"

#include "time_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace platslage {

namespace {
constexpr Millis one_hour{std::chrono::hours(1)};
TimePoint hour_of(TimePoint t) {
    return std::chrono::floor<std::chrono::hours>(t);
}
} // namespace

void HotspotHours::close_before(const std::string& zone, Open& o, TimePoint hour) {
    while (o.hour < hour) {
        if (o.peak >= hotspot_hour_from) closed_.push_back(HotspotHour{zone, o.station, o.hour, o.peak});
        o.hour += one_hour;
        o.peak = o.score;
        // A calm zone's quiet hours are no hotspot hours: skip them at once.
        if (o.score < hotspot_hour_from) o.hour = std::max(o.hour, hour);
    }
}

void HotspotHours::observe(const Zone& z, int score, TimePoint now) {
    auto hour = hour_of(now);
    auto [it, fresh] = open_.try_emplace(z.id, Open{z.station, hour, score, score});
    auto& o = it->second;
    if (!fresh) {
        close_before(z.id, o, hour);
        o.score = score;
        o.peak = std::max(o.peak, score);
    }
}

void HotspotHours::advance(TimePoint now) {
    auto hour = hour_of(now);
    for (auto& [zone, o] : open_)
        close_before(zone, o, hour);
}

std::vector<HotspotHour> HotspotHours::take() {
    return std::exchange(closed_, {});
}

nlohmann::json HotspotHours::save() const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [zone, o] : open_)
        j[zone] = {{"station", o.station}, {"hour", to_epoch_ms(o.hour)}, {"score", o.score}, {"peak", o.peak}};
    return j;
}

void HotspotHours::load(const nlohmann::json& j) {
    open_.clear();
    closed_.clear();
    for (const auto& [zone, o] : j.items())
        open_[zone] = Open{o.at("station").get<std::string>(), from_epoch_ms(o.at("hour").get<std::int64_t>()),
                           o.at("score").get<int>(), o.at("peak").get<int>()};
}

} // namespace platslage
