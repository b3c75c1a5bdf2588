#include "bench.hpp"

#include "picture_codec.hpp"
#include "time_text.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <numeric>

namespace platslage::console {

namespace {
// The alert's body as the hub publishes it, through the core's encoder.
Alert bench_alert(int n, const Zone& z, TimePoint now) {
    constexpr AlertRule rules[] = {AlertRule::sleeping, AlertRule::needs_care, AlertRule::child, AlertRule::coverage_gap,
                                   AlertRule::crowding};
    char id[16];
    std::snprintf(id, sizeof id, "A-%06d", n);
    Alert a;
    a.id = id;
    a.rule = rules[n % 5];
    a.station = z.station;
    a.zone = z.id;
    a.severity = static_cast<Severity>(n % 4);
    a.state = n % 3 ? AlertState::raised : AlertState::acknowledged;
    a.raised_at = now - std::chrono::seconds((n * 7919) % 86400);
    a.last_signal = a.raised_at;
    a.summary = "2 sleeping, 1 in distress";
    a.signals = 1 + n % 4;
    a.persons = 2;
    a.categories = {"sleeping", "distress"};
    a.history = {{a.raised_at, "raised", "hub", a.severity, ""}};
    return a;
}
} // namespace

std::map<std::string, std::string> busy_night_entries(const ZoneMap& zones, int alerts, TimePoint now) {
    std::map<std::string, std::string> e;
    const auto& all = zones.zones();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& z = all[i];
        ZoneEntry entry;
        entry.id = z.id;
        entry.station = z.station;
        entry.capacity = z.capacity;
        entry.occupancy = z.capacity * static_cast<int>(i % 10) / 10;
        entry.sensor = SensorHealth::ok;
        entry.hotspot_score = static_cast<int>((i * 37) % 101);
        entry.hotspot_parts = {"2 sleeping", "night"};
        entry.reported = {{Category::sleeping, 2}};
        e["zone/" + z.id] = to_json(entry).dump();
    }
    for (const auto& s : zones.stations())
        e["station/" + s] = to_json(StationEntry{s, 1000, 12, 12}).dump();
    for (int n = 1; n <= alerts; ++n) {
        const auto& z = all[static_cast<std::size_t>(n) % all.size()];
        auto a = bench_alert(n, z, now);
        e["alert/" + a.id] = to_published_json(a).dump();
    }
    return e;
}

std::string acknowledged_alert(const std::string& body, int n) {
    auto entry = decode_entry("alert/", body);
    auto* published = entry ? std::get_if<PublishedAlert>(&*entry) : nullptr;
    if (!published) return body;
    published->alert.state = n % 2 ? AlertState::acknowledged : AlertState::raised;
    return to_published_json(published->alert).dump();
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
