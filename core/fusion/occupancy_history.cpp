#include "occupancy_history.hpp"

#include "time_text.hpp"

namespace platslage {

std::int64_t OccupancyHistory::start_of(TimePoint t) const {
    const auto ms = to_epoch_ms(t);
    const auto b = bucket_.count();
    return ms - ((ms % b) + b) % b; // also right before 1970
}

void OccupancyHistory::record(const std::string& zone, TimePoint heard, int count) {
    auto& buckets = zones_[zone];
    const auto start = start_of(heard);
    const auto oldest_kept = start_of(heard - span_);
    while (!buckets.empty() && buckets.front().start_ms < oldest_kept) buckets.pop_front();
    if (buckets.empty() || buckets.back().start_ms < start) {
        buckets.push_back(Bucket{start, count});
        return;
    }
    // Heard in an earlier bucket than the newest: rare (a clock step), placed where it belongs.
    auto it = buckets.end();
    while (it != buckets.begin() && std::prev(it)->start_ms > start) --it;
    if (it != buckets.begin() && std::prev(it)->start_ms == start) std::prev(it)->count = count;
    else if (start >= oldest_kept) buckets.insert(it, Bucket{start, count});
}

std::vector<std::pair<std::int64_t, int>> OccupancyHistory::series(const std::string& zone, TimePoint now) const {
    std::vector<std::pair<std::int64_t, int>> out;
    auto it = zones_.find(zone);
    if (it == zones_.end()) return out;
    const auto from = start_of(now - span_);
    const auto to = to_epoch_ms(now);
    for (const auto& b : it->second)
        if (b.start_ms >= from && b.start_ms <= to) out.emplace_back(b.start_ms, b.count);
    return out;
}

nlohmann::json OccupancyHistory::save() const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [zone, buckets] : zones_) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& b : buckets) list.push_back({b.start_ms, b.count});
        j[zone] = std::move(list);
    }
    return j;
}

void OccupancyHistory::load(const nlohmann::json& j) {
    zones_.clear();
    for (const auto& [zone, list] : j.items()) {
        auto& buckets = zones_[zone];
        for (const auto& b : list) buckets.push_back(Bucket{b.at(0).get<std::int64_t>(), b.at(1).get<int>()});
    }
}

} // namespace platslage
