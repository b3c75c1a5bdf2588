#include "zone_history.hpp"

#include <nlohmann/json.hpp>

namespace platslage::console {

std::optional<ZoneHistory> parse_history(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    try {
        ZoneHistory h;
        h.zone = j.at("zone").get<std::string>();
        h.capacity = j.at("capacity").get<int>();
        h.from_ms = j.at("from_ms").get<std::int64_t>();
        h.to_ms = j.at("to_ms").get<std::int64_t>();
        h.bucket_ms = j.at("bucket_ms").get<std::int64_t>();
        for (const auto& c : j.at("counts")) h.counts.emplace_back(c.at(0).get<std::int64_t>(), c.at(1).get<int>());
        if (h.bucket_ms <= 0 || h.to_ms < h.from_ms) return std::nullopt;
        return h;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::vector<float> chart_values(const ZoneHistory& h) {
    auto first = h.from_ms - h.from_ms % h.bucket_ms;
    auto n = static_cast<std::size_t>((h.to_ms - first) / h.bucket_ms + 1);
    std::vector<float> out(n, 0.0f);
    std::size_t next = 0;
    float last = 0;
    for (std::size_t i = 0; i < n; ++i) {
        auto start = first + static_cast<std::int64_t>(i) * h.bucket_ms;
        while (next < h.counts.size() && h.counts[next].first <= start) last = static_cast<float>(h.counts[next++].second);
        out[i] = last;
    }
    return out;
}

} // namespace platslage::console
