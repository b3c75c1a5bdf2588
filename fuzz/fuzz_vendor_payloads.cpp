// People counters' own payloads, read by platslage-counters: AXIS Object Analytics events over
// MQTT (topic and payload), Xovis pushes in both generations, AXIS People Counter live sums.
// Each is read by its parser and then routed the way the adapter routes it, with the shipped
// counters config (sensors/counters.toml); every sample that comes out must be one the hub
// accepts, since the adapter sends it on as [PLS1][OCCUPANCY].
//
// Input: one selector byte ('0' AOA "<topic>\n<payload>", '1' Xovis push, '2' live sum).
#include "axis_live_sum.hpp"
#include "axis_object_analytics.hpp"
#include "counter_router.hpp"
#include "counters_config.hpp"
#include "harness.hpp"
#include "occupancy.hpp"
#include "topic.hpp"
#include "vendor_fields.hpp"
#include "xovis_live.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace platslage;
using namespace platslage::fuzz;
using namespace platslage::counters;

namespace {

// The Xovis sensors publish under this topic in the adapter's default settings.
constexpr std::string_view xovis_topic = "xovis/cityterminalen";

const CountersConfig& config() {
    static const CountersConfig cfg = load_counters_config(PLATSLAGE_COUNTERS_CONFIG, maps());
    return cfg;
}

// Vendors' clocks are bounded below by 2000 (vendor_fields.hpp) and above like the hub's.
void check_time(TimePoint t) {
    FUZZ_REQUIRE(t >= *parse_rfc3339("2000-01-01T00:00:00Z"));
    FUZZ_REQUIRE(t <= now() + vendor_clock_ahead);
}

void check_sample(const OccupancySample& s) {
    FUZZ_REQUIRE(is_actor_id(s.sensor));
    FUZZ_REQUIRE(maps().find(s.zone) != nullptr);
    FUZZ_REQUIRE(s.count >= 0 && s.count <= max_occupancy);
}

void check_reading(const CounterReading& r) {
    if (const auto* s = std::get_if<OccupancySample>(&r)) {
        check_sample(*s);
        check_time(s->ts);
    } else if (const auto* l = std::get_if<LineReading>(&r)) {
        FUZZ_REQUIRE(l->in >= 0 && l->out >= 0);
        check_time(l->ts);
    } else {
        const auto& d = std::get<LineDelta>(r);
        FUZZ_REQUIRE(d.in >= 0 && d.out >= 0);
        check_time(d.ts);
    }
}

// What the adapter sends on, the hub takes as it is.
void check_routed(const Routed& routed) {
    for (const auto& why : routed.refused) check_refusal(why);
    for (const auto& s : routed.samples) {
        check_sample(s);
        auto wire = to_json(s).dump();
        auto at_hub = parse_occupancy_sample(wire, maps(), now());
        if (!at_hub)
            violated("the hub accepts every sample the adapter sends", __FILE__, __LINE__,
                     std::string(reason_name(at_hub.rejection().reason)) + ": " + at_hub.rejection().detail);
        FUZZ_REQUIRE(to_json(at_hub.value()).dump() == wire);
    }
}

void aoa(std::string_view in) {
    auto [topic, payload] = split_line(in);
    auto where = parse_aoa_topic(topic);
    if (where) {
        FUZZ_REQUIRE(where->scenario >= 1 && where->scenario <= 9999);
        FUZZ_REQUIRE(!where->serial.empty() && std::all_of(where->serial.begin(), where->serial.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        }));
        // The canonical topic of the same camera and scenario reads the same.
        auto again = parse_aoa_topic("axis/" + where->serial + "/event/CameraApplicationPlatform/ObjectAnalytics/" +
                                     aoa_line_name(where->scenario));
        FUZZ_REQUIRE(again.ok() && again->serial == where->serial && again->scenario == where->scenario);
    } else {
        check_refusal(where.rejection());
    }
    auto reading = parse_aoa_event(topic, payload, config().aoa, now());
    if (!reading) {
        check_refusal(reading.rejection());
    } else {
        FUZZ_REQUIRE(where.ok());
        check_reading(reading.value());
        if (const auto* l = std::get_if<LineReading>(&reading.value())) {
            FUZZ_REQUIRE(l->device == where->serial && l->line == aoa_line_name(where->scenario) && l->out == 0);
        }
    }
    CounterRouter router(config(), "xovis/#");
    check_routed(router.route(topic, payload, now()));
}

void xovis(std::string_view payload) {
    XovisLive reader(config().xovis);
    auto batch = reader.read(payload, now());
    if (!batch) {
        check_refusal(batch.rejection());
    } else {
        for (const auto& why : batch->refused) check_refusal(why);
        for (const auto& r : batch->readings) check_reading(r);
        FUZZ_REQUIRE(std::is_sorted(batch->readings.begin(), batch->readings.end(),
                                    [](const CounterReading& a, const CounterReading& b) {
                                        return reading_time(a) < reading_time(b);
                                    }));
        // The same push again (a retry) is taken again, and counts nothing twice. A line
        // push's bins more than 48 hours behind its newest are forgotten by design.
        auto retry = reader.read(payload, now());
        FUZZ_REQUIRE(retry.ok());
        TimePoint newest{};
        for (const auto& r : batch->readings) newest = std::max(newest, reading_time(r));
        for (const auto& r : retry->readings)
            FUZZ_REQUIRE(std::holds_alternative<LineDelta>(r) && reading_time(r) < newest - std::chrono::hours(48));
    }
    CounterRouter router(config(), "xovis/#");
    check_routed(router.route(xovis_topic, payload, now()));
}

bool all_digits(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void live_sum(std::string_view payload) {
    auto reading = parse_axis_live_sum(payload);
    if (!reading) {
        check_refusal(reading.rejection());
    } else {
        FUZZ_REQUIRE(reading->in >= 0 && reading->out >= 0);
        FUZZ_REQUIRE(reading->in <= std::int64_t{1} << 40 && reading->out <= std::int64_t{1} << 40);
        // The documented form is YYYYMMDDhhmmss: fourteen digits, nothing else.
        auto doc = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
        const auto& stamp = doc.at("timestamp").get_ref<const std::string&>();
        if (stamp.size() != 14 || !all_digits(stamp))
            violated("an accepted live sum's timestamp is fourteen digits", __FILE__, __LINE__, stamp);
    }
    CounterRouter router(config(), "xovis/#");
    check_routed(router.route_live_sum(payload, now()));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto [which, rest] = choose(as_text(data, size), 3);
    switch (which) {
    case 0: aoa(rest); break;
    case 1: xovis(rest); break;
    default: live_sum(rest); break;
    }
    return 0;
}
