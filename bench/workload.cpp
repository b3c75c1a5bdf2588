#include "workload.hpp"

#include "time_text.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cstdio>

namespace platslage::bench {

namespace {

std::string now_text() {
    return format_rfc3339(TimePoint{std::chrono::duration_cast<Millis>(std::chrono::system_clock::now().time_since_epoch())});
}

std::string numbered(const char* prefix, std::size_t i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%06zu", prefix, i);
    return buf;
}

} // namespace

std::vector<Outgoing> guard_reports(const ZoneMap& zones, std::size_t n, int devices, std::size_t first) {
    // A night's mix: mostly patrols with nobody in need, some people resting, a few in need of care.
    static const std::array<nlohmann::json, 4> what{
        nlohmann::json{{"kind", "patrol"}, {"persons", 0}, {"categories", nlohmann::json::array()}},
        nlohmann::json{{"kind", "observation"}, {"persons", 2}, {"categories", {"sleeping"}}},
        nlohmann::json{{"kind", "patrol"}, {"persons", 0}, {"categories", nlohmann::json::array()}},
        nlohmann::json{{"kind", "observation"}, {"persons", 1}, {"categories", {"needs_care", "distress"}}},
    };
    const auto& all = zones.zones();
    auto ts = now_text();
    std::vector<Outgoing> out;
    out.reserve(n);
    for (std::size_t i = first; i < first + n; ++i) {
        const Zone& z = all[i % all.size()];
        auto device = numbered("hh-b", i / all.size() % static_cast<std::size_t>(devices));
        auto id = numbered("bench-", i);
        nlohmann::json body = what[i % what.size()];
        body["id"] = id;
        body["ts"] = ts;
        body["zone"] = z.id;
        out.push_back({id, "platslage/v1/" + z.station + "/guard/" + device + "/report", body.dump()});
    }
    return out;
}

std::vector<std::string> occupancy_samples(const ZoneMap& zones, std::size_t n) {
    const auto& all = zones.zones();
    auto ts = now_text();
    std::vector<std::string> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Zone& z = all[i % all.size()];
        int count = static_cast<int>((i * 7919) % static_cast<std::size_t>(z.capacity > 0 ? z.capacity : 100));
        out.push_back(nlohmann::json{{"sensor", numbered("pc-", i % all.size())}, {"zone", z.id}, {"ts", ts}, {"count", count}}.dump());
    }
    return out;
}

} // namespace platslage::bench
