#include "bench.hpp"

#include "time_text.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <numeric>

namespace platslage::console {

std::map<std::string, std::string> busy_night_entries(const ZoneMap& zones, int alerts, TimePoint now) {
    using nlohmann::json;
    std::map<std::string, std::string> e;
    const auto& all = zones.zones();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& z = all[i];
        int score = static_cast<int>((i * 37) % 101);
        e["zone/" + z.id] = json{{"id", z.id},
                                 {"station", z.station},
                                 {"capacity", z.capacity},
                                 {"occupancy", z.capacity * static_cast<int>(i % 10) / 10},
                                 {"sensor", "ok"},
                                 {"hotspot", {{"score", score}, {"parts", {"2 sleeping", "night"}}}},
                                 {"reported", {{"sleeping", 2}}},
                                 {"teams_present", json::array()}}
                                .dump();
    }
    for (const auto& s : zones.stations())
        e["station/" + s] = json{{"id", s}, {"occupancy", 1000}, {"zones", 12}, {"zones_counted", 12}}.dump();
    const char* rules[] = {"sleeping", "needs_care", "child", "coverage_gap", "crowding"};
    const char* severities[] = {"warning", "minor", "major", "critical"};
    for (int n = 1; n <= alerts; ++n) {
        char id[16];
        std::snprintf(id, sizeof id, "A-%06d", n);
        const auto& z = all[static_cast<std::size_t>(n) % all.size()];
        auto raised = format_rfc3339(now - std::chrono::seconds((n * 7919) % 86400));
        e[std::string("alert/") + id] =
            json{{"id", id},
                 {"rule", rules[n % 5]},
                 {"station", z.station},
                 {"zone", z.id},
                 {"subject", nullptr},
                 {"severity", severities[n % 4]},
                 {"state", n % 3 ? "raised" : "acknowledged"},
                 {"raised_at", raised},
                 {"last_signal", raised},
                 {"summary", "2 sleeping, 1 in distress"},
                 {"signals", 1 + n % 4},
                 {"persons", 2},
                 {"categories", {"sleeping", "distress"}},
                 {"history", {{{"at", raised}, {"what", "raised"}, {"by", "hub"}, {"severity", severities[n % 4]}, {"detail", ""}}}}}
                .dump();
    }
    return e;
}

std::string acknowledged_alert(const std::string& body, int n) {
    auto j = nlohmann::json::parse(body);
    j["state"] = n % 2 ? "acknowledged" : "raised";
    return j.dump();
}

nlohmann::json Timings::summary() const {
    if (ms_.empty()) return {{"count", 0}};
    auto sorted = ms_;
    std::sort(sorted.begin(), sorted.end());
    auto at = [&](double q) { return sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))]; };
    double mean = std::accumulate(sorted.begin(), sorted.end(), 0.0) / static_cast<double>(sorted.size());
    auto round2 = [](double x) { return std::round(x * 100) / 100; };
    return {{"count", sorted.size()}, {"mean_ms", round2(mean)}, {"p50_ms", round2(at(0.5))}, {"p99_ms", round2(at(0.99))},
            {"max_ms", round2(sorted.back())}};
}

double process_cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

} // namespace platslage::console
