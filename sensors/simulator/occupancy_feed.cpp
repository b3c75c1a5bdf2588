#include "occupancy_feed.hpp"

#include "weather.hpp"

#include <cmath>

#include "occupancy.hpp"
#include "topic.hpp"
#include "wire.hpp"
#include "zmq_frames.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace platslage::sim {

std::string sensor_id(const std::string& zone_id, std::vector<std::string>& taken) {
    auto dot = zone_id.find('.');
    std::string station = dot == std::string::npos ? std::string() : zone_id.substr(0, dot);
    std::string suffix = dot == std::string::npos ? zone_id : zone_id.substr(dot + 1);
    std::string id = "sim-" + station.substr(0, 4) + (station.empty() ? "" : "-") + suffix;
    for (char& c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            c = '_';
    id.resize(std::min<std::size_t>(id.size(), 32));
    std::string unique = id;
    for (int n = 2; std::find(taken.begin(), taken.end(), unique) != taken.end(); ++n) {
        std::string tail = "-" + std::to_string(n);
        unique = id.substr(0, 32 - tail.size()) + tail;
    }
    taken.push_back(unique);
    return unique;
}

OccupancyFeed::OccupancyFeed(zmq::context_t& ctx, const std::string& endpoint,
                             const std::optional<CurveClientKeys>& keys, const ZoneMap& zones,
                             std::uint32_t seed, Millis period, const SiteMix& mix, WeatherCurve weather,
                             std::optional<NightShelters> shelters)
    : push_(ctx, zmq::socket_type::push), rng_(seed), period_(period), mix_(mix), weather_(std::move(weather)),
      shelters_(std::move(shelters)) {
    push_.set(zmq::sockopt::linger, 0); // counts are state: unsent ones are stale at exit anyway
    secure_client(push_, keys);
    push_.connect(endpoint);
    std::vector<std::string> taken;
    for (const Zone& z : zones.zones()) counters_.push_back(Counter{sensor_id(z.id, taken), &z, {}});
}

void OccupancyFeed::tick(TimePoint stamp, const SimMoment& now) {
    if (stamp >= next_weather_stamp_ || now.at >= next_weather_sim_) {
        next_weather_stamp_ = stamp + std::chrono::minutes(1);
        next_weather_sim_ = now.at + std::chrono::minutes(10);
        WeatherNow w = weather_.at(now.hour);
        WeatherReading r{"sim-smhi", stamp, std::round(w.temperature_c * 10) / 10, w.warning_class};
        send_frames(push_, encode_weather(to_json(r).dump()), /*dont_wait=*/true);
        if (shelters_)
            for (const auto& c : shelters_->at(now, w.extra_cold()))
                send_frames(push_, Frames{std::string(wire_version), "SHELTER", shelter_json(c, stamp)}, /*dont_wait=*/true);
    }
    if (stamp < next_) return;
    next_ = next_ == TimePoint{} ? stamp + period_ : std::max(next_ + period_, stamp);
    const DayMoment moment = now.day_moment();
    for (auto& c : counters_) {
        OccupancySample s{c.sensor, c.zone->id, stamp, sample_count(*c.zone, moment, mix_, c.noise, rng_)};
        // Never block the loop: while the hub is away ZeroMQ queues up to its high-water mark, then we drop.
        if (send_frames(push_, encode_occupancy(to_json(s).dump()), /*dont_wait=*/true))
            ++sent_;
        else
            ++dropped_;
    }
}

} // namespace platslage::sim
