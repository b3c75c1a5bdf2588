// People counters' own payloads as the vendors document them (docs/vendor-formats.md):
// AXIS Object Analytics events over MQTT and Xovis pushes in both generations, taken
// through to the zone's count, and broken the ways real devices and partners break them.
// Serials and names are the illustrative ones of the research note.
#include <doctest/doctest.h>

#include "axis_object_analytics.hpp"
#include "counter_router.hpp"
#include "counters_config.hpp"
#include "device_serial.hpp"
#include "time_text.hpp"
#include "topic_filter.hpp"
#include "xovis_live.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace platslage;
using namespace platslage::counters;
using nlohmann::json;

namespace {
TimePoint at(const char* t) { return *parse_rfc3339(t); }

// 2026-11-23T06:03:05.123Z, 07:03 in Stockholm: the time stamp of both vendors' examples.
constexpr std::int64_t example_ms = 1795413785123;
const TimePoint example_now = at("2026-11-23T06:30:00Z");

const std::string camera = "ACCC8E012345";
std::string aoa_topic(int scenario, const std::string& serial = camera, bool namespaced = true) {
    return "axis/" + serial + "/event/" + (namespaced ? "tns:axis/" : "") +
           "CameraApplicationPlatform/ObjectAnalytics/Device1Scenario" + std::to_string(scenario);
}
// A crossline counting event as Axis's tutorial shows it, every count a string.
std::string crossline(int scenario, const json& total, std::int64_t ms = example_ms, bool with_serial = true) {
    json data = {{"startTime", "2026-11-23T03:00:02Z"}, {"reason", "human"}, {"total", total}, {"totalHuman", total},
                 {"totalCar", "0"}, {"totalBus", "0"}, {"totalTruck", "0"}, {"totalMotorcycle/bicycle", "0"},
                 {"totalUnknown", "0"}};
    json j = {{"topic", "axis:CameraApplicationPlatform/ObjectAnalytics/Device1Scenario" + std::to_string(scenario)},
              {"timestamp", ms},
              {"message", {{"source", json::object()}, {"key", json::object()}, {"data", data}}}};
    if (with_serial) j["serial"] = camera;
    return j.dump();
}
std::string area(int scenario, const json& total, std::int64_t ms = example_ms) {
    return json{{"topic", "axis:CameraApplicationPlatform/ObjectAnalytics/Device1Scenario" + std::to_string(scenario)},
                {"timestamp", ms},
                {"serial", camera},
                {"message", {{"source", json::object()}, {"key", json::object()}, {"data", {{"total", total}, {"human", total}}}}}}
        .dump();
}

// Centralen's Vänttytor counted by one AOA door (two scenarios, in and out) and the
// toilets by an AOA area; Cityterminalen's gates by a Xovis line element (older firmware),
// the airport coaches' hall by a v5 sensor's line counters, its ticket hall by its state counter.
CountersConfig station() {
    CountersConfig c;
    c.aoa = {{camera, 1, AoaKind::crossline_in, "aoa-vt-north-in", "centralen.vantytor"},
             {camera, 2, AoaKind::crossline_out, "aoa-vt-north-out", "centralen.vantytor"},
             {camera, 3, AoaKind::area, "aoa-toaletter", "centralen.toaletter"}};
    c.xovis = {{"00:6e:02:08:12:a4", "Stairs line", "", XovisKind::line, true, "xovis-gater-stairs", "cityterminalen.gater"},
               {"000034562B7C", "Stairs line", "Forward", XovisKind::in, true, "xovis-fb-forward", "cityterminalen.flygbussar"},
               {"000034562B7C", "Stairs line", "Backward", XovisKind::out, true, "xovis-fb-backward", "cityterminalen.flygbussar"},
               {"000034562B7C", "", "Occupancy", XovisKind::state, true, "xovis-biljetthall", "cityterminalen.biljetthall"}};
    return c;
}
std::vector<AoaScenario> scenarios() { return station().aoa; }

std::optional<int> count_of(const Routed& r, const std::string& zone) {
    for (const auto& s : r.samples)
        if (s.zone == zone) return s.count;
    return std::nullopt;
}
RejectReason reason_of(const Routed& r) {
    REQUIRE(r.refused.size() == 1);
    return r.refused[0].reason;
}

// ---- Xovis pushes, written the way the research note reconstructs them ----

json legacy_bin(const char* from, const char* to, std::int64_t fw, std::int64_t bw) {
    return {{"from", from}, {"to", to}, {"value", json::array({{{"label", "fw"}, {"value", fw}}, {{"label", "bw"}, {"value", bw}}})}};
}
json legacy_push(json bins, const std::string& element = "Stairs line", const std::string& serial = "00:6E:02:08:12:A4") {
    return {{"sensor-info", {{"serial-number", serial}, {"ip-address", "10.0.0.5"}, {"name", "Platform 2 north"},
                             {"group", "Station A"}, {"device-type", "PC2S"}}},
            {"sensor-time", {{"timezone", "Europe/Stockholm"}, {"time", "2026-11-17T07:03:05+01:00"}}},
            {"status", {{"code", "OK"}}},
            {"content", {{"element", json::array({{{"element-id", 0}, {"element-name", element}, {"sensor-type", "SINGLE_SENSOR"},
                                                   {"data-type", "LINE"}, {"resolution", "ONE_MINUTE"},
                                                   {"from", "2026-11-17T07:01:00+01:00"}, {"to", "2026-11-17T07:03:00+01:00"},
                                                   {"measurement", std::move(bins)}}})}}}};
}
json documented_bins() {
    return json::array({legacy_bin("2026-11-17T07:01:00+01:00", "2026-11-17T07:02:00+01:00", 4, 1),
                        legacy_bin("2026-11-17T07:02:00+01:00", "2026-11-17T07:03:00+01:00", 0, 2)});
}
const TimePoint legacy_now = at("2026-11-17T06:05:00Z");

json count_event(const char* type, std::int64_t counter, const json& value) {
    return {{"category", "COUNT"}, {"type", type}, {"attributes", {{"counter_id", counter}, {"counter_value", value}, {"track_id", 167}}}};
}
json frame(std::int64_t number, const json& time, json events) {
    return {{"framenumber", number}, {"frametype", "..."}, {"time", time}, {"tracked_objects", json::array()},
            {"events", std::move(events)}};
}
json live_config() {
    return {{"logics", json::array({{{"id", 1}, {"name", "Stairs line"}, {"optional_data", ""}, {"geometries", {1}}}})},
            {"counts", json::array({{{"id", 1001}, {"name", "Forward"}, {"logic_id", 1}, {"type", "accumulation"}},
                                    {{"id", 1002}, {"name", "Backward"}, {"logic_id", 1}, {"type", "accumulation"}},
                                    {{"id", 2001}, {"name", "Occupancy"}, {"logic_id", 2}, {"type", "state"}}})},
            {"geometries", json::array({{{"id", 1}, {"name", "Line 1"}, {"type", "LINE"}, {"geometry", {{0.1, 0.2}, {0.9, 0.2}}}}})}};
}
std::string live(json frames, bool with_config = true, const std::string& serial = "00:00:34:56:2b:7c") {
    json data = {{"package_info", {{"version", "5.0"}, {"id", 1090}, {"agent_id", 1}}},
                 {"sensor_info", {{"serial_number", serial}, {"type", "PC2R"}}},
                 {"frames", std::move(frames)}};
    if (with_config) data["config"] = live_config();
    return json{{"live_data", data}}.dump();
}
// One frame a second after the example's, `n` seconds on.
json frame_at(int n, json events) { return frame(812345 + n, example_ms + n * 1000, std::move(events)); }

struct TempFile {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("platslage-vendor-counters-" + std::to_string(::getpid()) + ".toml");
    explicit TempFile(const std::string& text) { std::ofstream(path) << text; }
    ~TempFile() { std::filesystem::remove(path); }
};
const ZoneMap& maps() {
    static const ZoneMap zones = ZoneMap::load_dir(std::string(PLATSLAGE_SOURCE_DIR) + "/maps");
    return zones;
}
std::string refusal(const std::string& text) {
    TempFile f(text);
    try {
        load_counters_config(f.path.string(), maps());
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "accepted";
}
bool says(const std::string& message, const std::string& part) {
    INFO(message);
    return message.find(part) != std::string::npos;
}
} // namespace

TEST_SUITE("AXIS Object Analytics over MQTT") {
    TEST_CASE("the tutorial's crossline event reads as the scenario's total, its count a string") {
        auto r = parse_aoa_event(aoa_topic(1), crossline(1, "318"), scenarios(), example_now);
        REQUIRE(r);
        const auto& line = std::get<LineReading>(*r);
        CHECK(line.device == camera);
        CHECK(line.line == "Device1Scenario1");
        CHECK(line.in == 318);
        CHECK(line.out == 0);
        CHECK(line.ts == at("2026-11-23T06:03:05.123Z"));
        // Condition namespaces off, no serial in the payload, a bare number: all the same.
        auto plain = parse_aoa_event(aoa_topic(1, camera, false), crossline(1, 318, example_ms, false), scenarios(), example_now);
        REQUIRE(plain);
        CHECK(std::get<LineReading>(*plain).in == 318);
        // The serial written like a MAC address, in lower case, is the same camera.
        CHECK(parse_aoa_event(aoa_topic(1, "ac:cc:8e:01:23:45"), crossline(1, "318"), scenarios(), example_now).ok());
    }
    TEST_CASE("an occupancy-in-area event is the zone's count as it stands") {
        auto r = parse_aoa_event(aoa_topic(3), area(3, "7"), scenarios(), example_now);
        REQUIRE(r);
        const auto& s = std::get<OccupancySample>(*r);
        CHECK(s.sensor == "aoa-toaletter");
        CHECK(s.zone == "centralen.toaletter");
        CHECK(s.count == 7);
        CHECK(parse_aoa_event(aoa_topic(3), area(3, "100001"), scenarios(), example_now).rejection().reason ==
              RejectReason::bad_value);
    }
    TEST_CASE("a count must be a string of digits: anything else is refused with a reason") {
        auto reason = [](const json& total) {
            return parse_aoa_event(aoa_topic(1), crossline(1, total), scenarios(), example_now).rejection().reason;
        };
        CHECK(reason("abc") == RejectReason::bad_value);
        CHECK(reason("-3") == RejectReason::bad_value);
        CHECK(reason("") == RejectReason::bad_value);
        CHECK(reason(12.5) == RejectReason::wrong_type);
        CHECK(reason("12.5") == RejectReason::bad_value);
        CHECK(reason("+3") == RejectReason::bad_value);
        CHECK(reason(" 3") == RejectReason::bad_value);
        CHECK(reason("1e3") == RejectReason::bad_value);
        CHECK(reason("3abc") == RejectReason::bad_value);
        CHECK(reason("99999999999999999999") == RejectReason::bad_value); // past 64 bits
        CHECK(reason(-3) == RejectReason::bad_value);
        CHECK(reason(true) == RejectReason::wrong_type);
        CHECK(reason(nullptr) == RejectReason::missing_field);
        auto detail = parse_aoa_event(aoa_topic(1), crossline(1, "abc"), scenarios(), example_now).rejection().detail;
        CHECK(says(detail, "message.data.totalHuman"));
        CHECK_FALSE(says(detail, "abc")); // the detail names the field, never repeats the payload
        CHECK(parse_aoa_event(aoa_topic(1), crossline(1, "0007"), scenarios(), example_now).ok());
    }
    TEST_CASE("missing parts, a wrong clock and another camera's payload are refused") {
        auto reason = [](const std::string& topic, const std::string& payload) {
            return parse_aoa_event(topic, payload, scenarios(), example_now).rejection().reason;
        };
        CHECK(reason(aoa_topic(1), "not json") == RejectReason::malformed_json);
        CHECK(reason(aoa_topic(1), "[1,2]") == RejectReason::not_an_object);
        CHECK(reason(aoa_topic(1), R"({"timestamp":1795413785123,"serial":"ACCC8E012345"})") == RejectReason::missing_field);
        CHECK(reason(aoa_topic(1), R"({"timestamp":1795413785123,"message":{"source":{},"key":{}}})") == RejectReason::missing_field);
        CHECK(reason(aoa_topic(1), R"({"timestamp":1795413785123,"message":{"data":"318"}})") == RejectReason::wrong_type);
        CHECK(reason(aoa_topic(1), R"({"message":{"data":{"total":"318"}}})") == RejectReason::missing_field);
        CHECK(reason(aoa_topic(1), crossline(1, "318", 1795413785)) == RejectReason::bad_timestamp); // seconds, not ms
        CHECK(reason(aoa_topic(1), crossline(1, "318", example_ms + 3'600'000)) == RejectReason::bad_timestamp);
        auto other = json::parse(crossline(1, "318"));
        other["serial"] = "ACCC8E099999";
        CHECK(reason(aoa_topic(1), other.dump()) == RejectReason::topic_mismatch);
    }
    TEST_CASE("only the scenario topics themselves are read") {
        CHECK(parse_aoa_topic(aoa_topic(12))->scenario == 12);
        CHECK(parse_aoa_topic(aoa_topic(12))->serial == camera);
        for (const char* t : {"axis/ACCC8E012345/event/tns:axis/CameraApplicationPlatform/ObjectAnalytics/Device1Scenario1Threshold",
                              "axis/ACCC8E012345/event/tns:axis/CameraApplicationPlatform/ObjectAnalytics/Device1Scenario",
                              "axis/ACCC8E012345/event/tns:axis/CameraApplicationPlatform/ObjectAnalytics/Device1Scenario01",
                              "axis/ACCC8E012345/event/tns:axis/CameraApplicationPlatform/ObjectAnalytics/Device1Scenario-1",
                              "axis/ACCC8E012345/event/tns:axis/CameraApplicationPlatform/ObjectAnalytics/Device2Scenario1",
                              "axis/ACCC8E012345/event/tns:onvif/Device/Trigger/DigitalInput",
                              "axis//event/CameraApplicationPlatform/ObjectAnalytics/Device1Scenario1",
                              "axis/ACCC8E012345/CameraApplicationPlatform/ObjectAnalytics/Device1Scenario1"}) {
            CAPTURE(t);
            CHECK(parse_aoa_topic(t).rejection().reason == RejectReason::unknown_topic);
        }
    }
    TEST_CASE("a camera or a scenario the counters config does not know is refused, not guessed") {
        auto unknown_camera = parse_aoa_event(aoa_topic(1, "ACCC8E099999"), crossline(1, "318", example_ms, false), scenarios(), example_now);
        CHECK(unknown_camera.rejection().reason == RejectReason::unknown_sensor);
        CHECK(says(unknown_camera.rejection().detail, "camera ACCC8E099999 is not in the counters config"));
        auto unknown_scenario = parse_aoa_event(aoa_topic(4), crossline(4, "318"), scenarios(), example_now);
        CHECK(unknown_scenario.rejection().reason == RejectReason::unknown_sensor);
        CHECK(says(unknown_scenario.rejection().detail, "scenario 4 on camera ACCC8E012345"));
    }
    TEST_CASE("one door, two scenarios: entries minus exits, through a reset mid-day") {
        CounterRouter router(station(), "xovis/#");
        auto event = [&](int scenario, const char* total, int seconds) {
            return router.route(aoa_topic(scenario), crossline(scenario, total, example_ms + seconds * 1000), example_now);
        };
        CHECK(count_of(event(1, "100", 0), "centralen.vantytor") == 0); // baselines
        CHECK(count_of(event(2, "40", 1), "centralen.vantytor") == 0);
        CHECK(count_of(event(1, "107", 2), "centralen.vantytor") == 7);
        auto out = event(2, "42", 3);
        REQUIRE(out.samples.size() == 1);
        CHECK(out.samples[0].count == 5);
        CHECK(out.samples[0].sensor == "aoa-vt-north-out");
        // resetAccumulatedCounts (or a restart) mid-morning: "in" starts again, 3 since.
        CHECK(count_of(event(1, "3", 4), "centralen.vantytor") == 8);
        CHECK(count_of(event(1, "4", 5), "centralen.vantytor") == 9);
        // Refused events change nothing, and the next good one counts on.
        CHECK(reason_of(event(1, "abc", 6)) == RejectReason::bad_value);
        CHECK(reason_of(event(1, "-3", 6)) == RejectReason::bad_value);
        CHECK(count_of(event(2, "44", 7), "centralen.vantytor") == 7);
        CHECK(count_of(event(1, "6", 8), "centralen.vantytor") == 9);
    }
    TEST_CASE("a total that wraps past 32 bits counts both parts") {
        CounterRouter router(station(), "xovis/#");
        CHECK(count_of(router.route(aoa_topic(1), crossline(1, "4294967290"), example_now), "centralen.vantytor") == 0);
        auto after = router.route(aoa_topic(1), crossline(1, "4", example_ms + 1000), example_now);
        CHECK(count_of(after, "centralen.vantytor") == 10); // 6 to the wrap, 4 after
    }
    TEST_CASE("an area's count replaces the last; a topic nobody reads is refused") {
        CounterRouter router(station(), "xovis/#");
        CHECK(count_of(router.route(aoa_topic(3), area(3, "7"), example_now), "centralen.toaletter") == 7);
        CHECK(count_of(router.route(aoa_topic(3), area(3, "2", example_ms + 1000), example_now), "centralen.toaletter") == 2);
        CHECK(reason_of(router.route(aoa_topic(3), area(3, "7.5"), example_now)) == RejectReason::bad_value);
        CHECK(reason_of(router.route("platslage/v1/centralen/guard/g1/report", "{}", example_now)) == RejectReason::unknown_topic);
        CHECK(reason_of(router.route(aoa_topic(1) + "Threshold", crossline(1, "1"), example_now)) == RejectReason::unknown_topic);
    }
}

TEST_SUITE("Xovis line count push (firmware before 5)") {
    TEST_CASE("the documented push: fw and bw are crossings within each bin, taken once") {
        CounterRouter router(station(), "xovis/#");
        auto first = router.route("xovis/platform2", legacy_push(documented_bins()).dump(), legacy_now);
        CHECK(first.refused.empty());
        REQUIRE(first.samples.size() == 1);
        CHECK(first.samples[0].zone == "cityterminalen.gater");
        CHECK(first.samples[0].sensor == "xovis-gater-stairs");
        CHECK(first.samples[0].count == 1); // 4 in and 1 out, then 2 out
        CHECK(first.samples[0].ts == at("2026-11-17T07:03:00+01:00"));
        // The same push again (a retry): every bin seen, nothing counted twice.
        auto again = router.route("xovis/platform2", legacy_push(documented_bins()).dump(), legacy_now);
        CHECK(again.repeated == 2);
        CHECK(again.samples.empty());
        CHECK(again.refused.empty());
        // The next push repeats the last bin and brings a new one.
        auto next = router.route("xovis/platform2",
                                 legacy_push(json::array({legacy_bin("2026-11-17T07:02:00+01:00", "2026-11-17T07:03:00+01:00", 0, 2),
                                                          legacy_bin("2026-11-17T07:03:00+01:00", "2026-11-17T07:04:00+01:00", 5, 0)}))
                                     .dump(),
                                 legacy_now);
        CHECK(next.repeated == 1);
        CHECK(count_of(next, "cityterminalen.gater") == 6);
        // A late bin, from before the others, still counts: bins of a day add up in any order.
        auto late = router.route("xovis/platform2",
                                 legacy_push(json::array({legacy_bin("2026-11-17T07:00:00+01:00", "2026-11-17T07:01:00+01:00", 3, 0)})).dump(),
                                 legacy_now);
        CHECK(count_of(late, "cityterminalen.gater") == 9);
        CHECK(late.samples[0].ts == at("2026-11-17T07:04:00+01:00")); // the zone's latest time, never back
    }
    TEST_CASE("a line mounted the other way round walks in with bw, and never below zero") {
        auto cfg = station();
        cfg.xovis[0].forward_enters = false;
        CounterRouter router(cfg, "xovis/#");
        // 1 in and 4 out from an empty zone: 0, not −3; then 2 in.
        CHECK(count_of(router.route("xovis/p2", legacy_push(documented_bins()).dump(), legacy_now), "cityterminalen.gater") == 2);
    }
    TEST_CASE("each counting day starts empty at 04:00 Stockholm time") {
        CounterRouter router(station(), "xovis/#");
        auto evening = legacy_push(json::array({legacy_bin("2026-11-17T03:58:00+01:00", "2026-11-17T03:59:00+01:00", 30, 0)}));
        CHECK(count_of(router.route("xovis/p2", evening.dump(), legacy_now), "cityterminalen.gater") == 30);
        auto morning = legacy_push(json::array({legacy_bin("2026-11-17T04:00:00+01:00", "2026-11-17T04:01:00+01:00", 2, 0)}));
        CHECK(count_of(router.route("xovis/p2", morning.dump(), legacy_now), "cityterminalen.gater") == 2);
        // A bin of the day just closed is too late to place.
        auto stale = legacy_push(json::array({legacy_bin("2026-11-17T03:57:00+01:00", "2026-11-17T03:58:00+01:00", 1, 0)}));
        CHECK(reason_of(router.route("xovis/p2", stale.dump(), legacy_now)) == RejectReason::bad_timestamp);
    }
    TEST_CASE("a push that does not read as documented is refused whole, and leaves nothing remembered") {
        XovisLive xovis(station().xovis);
        auto reason = [&](const json& push) { return xovis.read(push.dump(), legacy_now).rejection().reason; };
        auto push = legacy_push(documented_bins());
        auto without_serial = push;
        without_serial["sensor-info"].erase("serial-number");
        CHECK(reason(without_serial) == RejectReason::missing_field);
        auto text_count = push;
        text_count["content"]["element"][0]["measurement"][1]["value"][0]["value"] = "0";
        CHECK(reason(text_count) == RejectReason::wrong_type);
        auto negative = push;
        negative["content"]["element"][0]["measurement"][1]["value"][0]["value"] = -1;
        CHECK(reason(negative) == RejectReason::bad_value);
        auto other_label = push;
        other_label["content"]["element"][0]["measurement"][1]["value"][0]["label"] = "in";
        CHECK(reason(other_label) == RejectReason::bad_value);
        auto no_bw = push;
        no_bw["content"]["element"][0]["measurement"][1]["value"].erase(1);
        CHECK(reason(no_bw) == RejectReason::missing_field);
        auto backwards = push;
        backwards["content"]["element"][0]["measurement"][1]["to"] = "2026-11-17T07:01:30+01:00";
        CHECK(reason(backwards) == RejectReason::bad_timestamp);
        auto local_time = push;
        local_time["content"]["element"][0]["measurement"][1]["to"] = "2026-11-17T07:03:00";
        CHECK(reason(local_time) == RejectReason::bad_timestamp);
        auto no_bins = push;
        no_bins["content"]["element"][0].erase("measurement");
        CHECK(reason(no_bins) == RejectReason::missing_field);
        CHECK(reason(json{{"sensor-info", {{"serial-number", "00:6E:02:08:12:A4"}}}}) == RejectReason::missing_field);
        CHECK(reason(legacy_push(documented_bins(), "Stairs line", "00:6E:02:08:99:99")) == RejectReason::unknown_sensor);
        // None of those left a bin behind as seen: the good push counts in full.
        auto good = xovis.read(push.dump(), legacy_now);
        REQUIRE(good);
        CHECK(good->repeated == 0);
        CHECK(good->readings.size() == 2);
    }
    TEST_CASE("an element the config does not map, or a zone element, is refused on its own") {
        CounterRouter router(station(), "xovis/#");
        auto push = legacy_push(documented_bins());
        auto extra = push["content"]["element"][0];
        extra["element-name"] = "Lift line";
        auto zone = push["content"]["element"][0];
        zone["element-name"] = "Waiting area";
        zone["data-type"] = "ZONE";
        push["content"]["element"].push_back(extra);
        push["content"]["element"].push_back(zone);
        auto r = router.route("xovis/p2", push.dump(), legacy_now);
        CHECK(count_of(r, "cityterminalen.gater") == 1); // the mapped element still counts
        REQUIRE(r.refused.size() == 2);
        CHECK(r.refused[0].reason == RejectReason::unknown_sensor);
        CHECK(says(r.refused[0].detail, "'Lift line'"));
        CHECK(r.refused[1].reason == RejectReason::bad_value);
        CHECK(says(r.refused[1].detail, "only LINE elements"));
    }
}

TEST_SUITE("Xovis v5 live data") {
    TEST_CASE("the documented push: counter values are running totals, the first one a baseline") {
        CounterRouter router(station(), "xovis/#");
        auto first = router.route("xovis/pc2r", live(json::array({frame(812345, example_ms, json::array({count_event("COUNT_INCREMENT", 1001, 318)}))})),
                                  example_now);
        CHECK(first.refused.empty());
        CHECK(count_of(first, "cityterminalen.flygbussar") == 0);
        auto frames = json::array({frame_at(1, json::array({count_event("COUNT_INCREMENT", 1001, 319)})),
                                   frame_at(2, json::array({count_event("COUNT_INCREMENT", 1002, 50)})),
                                   frame_at(3, json::array({count_event("COUNT_INCREMENT", 1001, 320),
                                                            count_event("COUNT_INCREMENT", 2001, 12)})),
                                   frame_at(4, json::array({count_event("COUNT_INCREMENT", 1002, 51)}))});
        auto r = router.route("xovis/pc2r", live(frames), example_now);
        CHECK(r.refused.empty());
        CHECK(count_of(r, "cityterminalen.flygbussar") == 1); // 2 forward in, then 1 backward out
        CHECK(count_of(r, "cityterminalen.biljetthall") == 12); // the state counter as it stands
    }
    TEST_CASE("a decrement takes a crossing back, a reset sets a new baseline, a drop without one counts on") {
        CounterRouter router(station(), "xovis/#");
        auto step = [&](int n, const char* type, std::int64_t value) {
            return count_of(router.route("xovis/pc2r", live(json::array({frame_at(n, json::array({count_event(type, 1001, value)}))})), example_now),
                            "cityterminalen.flygbussar");
        };
        CHECK(step(0, "COUNT_INCREMENT", 318) == 0);
        CHECK(step(1, "COUNT_INCREMENT", 323) == 5);
        CHECK(step(2, "COUNT_DECREMENT", 322) == 4); // not a reset, though lower
        CHECK(step(3, "COUNT_RESET", 0) == 4);       // reset mid-day: nothing moved
        CHECK(step(4, "COUNT_INCREMENT", 2) == 6);
        CHECK(step(5, "COUNT_INCREMENT", 1) == 7); // lower without a reset event: a reset unheard, 1 since
    }
    TEST_CASE("repeated frames are skipped; times in RFC 3339 with an offset read the same") {
        CounterRouter router(station(), "xovis/#");
        auto push = live(json::array({frame(812345, "2026-11-23T07:03:05.123+01:00", json::array({count_event("COUNT_INCREMENT", 1001, 318)})),
                                      frame(812346, "2026-11-23T07:03:06+01:00", json::array({count_event("COUNT_INCREMENT", 1001, 319)}))}));
        auto r = router.route("xovis/pc2r", push, example_now);
        CHECK(count_of(r, "cityterminalen.flygbussar") == 1);
        CHECK(r.samples[0].ts == at("2026-11-23T06:03:06Z"));
        auto again = router.route("xovis/pc2r", push, example_now);
        CHECK(again.repeated == 2);
        CHECK(again.samples.empty());
    }
    TEST_CASE("without config.counts the map from the sensor's last push is used; with none known the push is refused") {
        XovisLive xovis(station().xovis);
        auto bare = live(json::array({frame_at(1, json::array({count_event("COUNT_INCREMENT", 2001, 9)}))}), false);
        auto refused = xovis.read(bare, example_now);
        CHECK(refused.rejection().reason == RejectReason::missing_field);
        CHECK(says(refused.rejection().detail, "REFERENCED or FULL"));
        REQUIRE(xovis.read(live(json::array({frame_at(0, json::array())})), example_now));
        auto taken = xovis.read(bare, example_now);
        REQUIRE(taken);
        REQUIRE(taken->readings.size() == 1);
        CHECK(std::get<OccupancySample>(taken->readings[0]).count == 9);
    }
    TEST_CASE("missing fields, strings for numbers, other versions and unknown counters are refused") {
        XovisLive xovis(station().xovis);
        auto reason = [&](const std::string& push) { return xovis.read(push, example_now).rejection().reason; };
        auto one = [](json event) { return json::array({frame_at(1, json::array({std::move(event)}))}); };
        auto no_value = count_event("COUNT_INCREMENT", 1001, 318);
        no_value["attributes"].erase("counter_value");
        CHECK(reason(live(one(no_value))) == RejectReason::missing_field);
        CHECK(reason(live(one(count_event("COUNT_INCREMENT", 1001, "318")))) == RejectReason::wrong_type);
        CHECK(reason(live(one(count_event("COUNT_INCREMENT", 1001, 318.5)))) == RejectReason::wrong_type);
        CHECK(reason(live(one(count_event("COUNT_SQUARED", 1001, 318)))) == RejectReason::bad_value);
        CHECK(reason(live(json::array({frame(1, 1795413785, json::array())}))) == RejectReason::bad_timestamp); // seconds
        CHECK(reason(live(json::array({frame(1, "2026-11-23T07:03:05", json::array())}))) == RejectReason::bad_timestamp);
        auto v4 = json::parse(live(json::array()));
        v4["live_data"]["package_info"]["version"] = "4.2";
        CHECK(reason(v4.dump()) == RejectReason::wrong_version);
        CHECK(reason(live(json::array(), true, "00:00:34:56:99:99")) == RejectReason::unknown_sensor);
        CHECK(reason(R"({"something":"else"})") == RejectReason::missing_field);
        // Unknown counters are refused on their own, once per push; the rest is taken.
        auto frames = json::array({frame_at(1, json::array({count_event("COUNT_INCREMENT", 1003, 4), count_event("COUNT_INCREMENT", 1003, 5),
                                                            count_event("COUNT_INCREMENT", 2001, 3)}))});
        auto r = xovis.read(live(frames), example_now);
        REQUIRE(r);
        REQUIRE(r->refused.size() == 1);
        CHECK(r->refused[0].reason == RejectReason::unknown_sensor);
        CHECK(r->readings.size() == 1);
        // Scene and wrong-way events are not counts: skipped without a word.
        auto scene = xovis.read(live(json::array({frame_at(2, json::array({{{"category", "SCENE"}, {"type", "SCENE_CHANGED"}},
                                                                             {{"category", "COUNT"}, {"type", "WRONG_WAY_DETECTED"}}}))})),
                                example_now);
        REQUIRE(scene);
        CHECK(scene->refused.empty());
        CHECK(scene->readings.empty());
    }
    TEST_CASE("a counter whose type or name does not fit the config is refused, not guessed") {
        auto cfg = station();
        cfg.xovis[3].kind = XovisKind::in; // says the occupancy counter is a line
        XovisLive xovis(cfg.xovis);
        auto r = xovis.read(live(json::array({frame_at(1, json::array({count_event("COUNT_INCREMENT", 2001, 3)}))})), example_now);
        REQUIRE(r);
        REQUIRE(r->refused.size() == 1);
        CHECK(r->refused[0].reason == RejectReason::bad_value);
        CHECK(says(r->refused[0].detail, "type 'state'"));
        // Two logics, each with a "Forward": a config entry without its logic cannot tell them apart.
        cfg = station();
        cfg.xovis[1].element.clear();
        XovisLive ambiguous(cfg.xovis);
        auto push = json::parse(live(json::array({frame_at(1, json::array({count_event("COUNT_INCREMENT", 1001, 3)}))})));
        push["live_data"]["config"]["counts"].push_back({{"id", 3001}, {"name", "Forward"}, {"logic_id", 3}, {"type", "accumulation"}});
        auto two = ambiguous.read(push.dump(), example_now);
        REQUIRE(two);
        REQUIRE(two->refused.size() == 1);
        CHECK(says(two->refused[0].detail, "two counters named 'Forward'"));
    }
}

TEST_SUITE("counters config: vendor entries") {
    const std::string aoa_entry = R"(
[[aoa]]
device = "ACCC8E012345"
scenario = 1
kind = "crossline-in"
sensor = "aoa-in"
zone = "centralen.vantytor"
)";
    const std::string xovis_entry = R"(
[[xovis]]
device = "00:00:34:56:2b:7c"
element = "Stairs line"
counter = "Forward"
kind = "in"
sensor = "xovis-fwd"
zone = "cityterminalen.flygbussar"
)";
    std::string with(std::string text, const std::string& from, const std::string& to) {
        text.replace(text.find(from), from.size(), to);
        return text;
    }

    TEST_CASE("the shipped example maps AOA scenarios and Xovis counters too, serials normalised") {
        auto cfg = load_counters_config(std::string(PLATSLAGE_SOURCE_DIR) + "/sensors/counters.toml", maps());
        REQUIRE(cfg.aoa.size() == 3);
        CHECK(cfg.aoa[0].kind == AoaKind::crossline_in);
        CHECK(cfg.aoa[1].kind == AoaKind::crossline_out);
        CHECK(cfg.aoa[2].kind == AoaKind::area);
        REQUIRE(cfg.xovis.size() == 4);
        CHECK(cfg.xovis[0].device == "006E020812A4");
        CHECK(cfg.xovis[0].kind == XovisKind::line);
        CHECK(cfg.xovis[3].kind == XovisKind::state);
        CHECK(cfg.xovis[3].element == "Zone 0");
        CHECK(cfg.xovis[3].counter == "balance");
        // Every line LineOccupancy counts: 2 AXIS doors, 2 crossline scenarios, 1 element, 2 v5 counters.
        auto lines = counting_lines(cfg);
        CHECK(lines.size() == 7);
        auto out = std::find_if(lines.begin(), lines.end(), [](const CountingLine& l) { return l.sensor == "aoa-vt-north-out"; });
        REQUIRE(out != lines.end());
        CHECK(out->line == "Device1Scenario2");
        CHECK_FALSE(out->in_enters);
    }
    TEST_CASE("a file of AOA or Xovis entries alone is enough") {
        CHECK(refusal(aoa_entry) == "accepted");
        CHECK(refusal(xovis_entry) == "accepted");
        CHECK(says(refusal("reset-hour = 4\n"), "no [[line]], [[aoa]] or [[xovis]] entries"));
    }
    TEST_CASE("every mistake in a vendor entry refuses the file, with the entry and its line named") {
        CHECK(says(refusal(aoa_entry + aoa_entry), "[[aoa]] 2 (line 9): scenario 1 on device 'ACCC8E012345' is listed twice"));
        CHECK(says(refusal(with(aoa_entry, "scenario = 1", "scenario = 0")), "'scenario' must be a whole number, 1-9999"));
        CHECK(says(refusal(with(aoa_entry, "scenario = 1", "scenario = \"1\"")), "'scenario' must be a whole number"));
        CHECK(says(refusal(with(aoa_entry, "crossline-in", "crossline")), "'kind' must be one of: crossline-in, crossline-out, area"));
        CHECK(says(refusal(with(aoa_entry, "ACCC8E012345", "ACCC 8E01")), "'device' must be the device's serial"));
        CHECK(says(refusal(aoa_entry + "direction = \"in\"\n"), "[[aoa]] 1 (line 2): unknown setting 'direction'"));
        CHECK(says(refusal(with(aoa_entry, "centralen.vantytor", "centralen.perrong")), "zone 'centralen.perrong' is not in the maps"));
        CHECK(says(refusal(aoa_entry + with(xovis_entry, "xovis-fwd", "aoa-in")), "sensor id 'aoa-in' is used twice"));
        // A zone counted by lines cannot also be counted directly, nor directly twice.
        auto area_too = with(with(with(aoa_entry, "scenario = 1", "scenario = 2"), "crossline-in", "area"), "aoa-in", "aoa-area");
        CHECK(says(refusal(aoa_entry + area_too), "zone 'centralen.vantytor' is already counted by lines"));
        CHECK(says(refusal(area_too + aoa_entry), "zone 'centralen.vantytor' is already counted directly by sensor 'aoa-area'"));
        CHECK(says(refusal(with(xovis_entry, "kind = \"in\"", "kind = \"line\"")), "a line element (kind line) has none"));
        CHECK(says(refusal(with(xovis_entry, "counter = \"Forward\"\n", "")), "'counter' is required text"));
        CHECK(says(refusal(xovis_entry + "forward-enters = false\n"), "'forward-enters' is for line elements"));
        CHECK(says(refusal(with(xovis_entry, "kind = \"in\"", "kind = \"both\"")), "'kind' must be one of: line, in, out, state"));
        // The same counter name twice on one sensor needs its logic named each time.
        auto second = with(with(with(xovis_entry, "element = \"Stairs line\"\n", ""), "xovis-fwd", "xovis-fwd-2"), "kind = \"in\"", "kind = \"out\"");
        CHECK(says(refusal(xovis_entry + second), "counter 'Forward' on device '000034562B7C' is listed twice"));
        auto other_logic = with(with(xovis_entry, "Stairs line", "Lift line"), "xovis-fwd", "xovis-lift");
        CHECK(refusal(xovis_entry + other_logic) == "accepted");
        CHECK(says(refusal(xovis_entry + xovis_entry), "counter 'Stairs line/Forward' on device '000034562B7C' is listed twice"));
        CHECK(says(refusal("aoa = 3\n"), "'aoa' must be a list of [[aoa]] tables"));
        // A sensor's topic names it when its pushes do not: exact, and one sensor's only.
        CHECK(says(refusal(xovis_entry + "topic = \"xovis/#\"\n"), "'topic' must be the MQTT topic the sensor publishes to"));
        auto other_sensor = with(with(other_logic, "00:00:34:56:2b:7c", "00:00:34:56:2b:7d"), "xovis-lift", "xovis-lift-2");
        CHECK(says(refusal(xovis_entry + "topic = \"xovis/a\"\n" + other_sensor + "topic = \"xovis/a\"\n"),
                   "topic 'xovis/a' is given for two sensors"));
        CHECK(refusal(xovis_entry + "topic = \"xovis/a\"\n" + other_logic + "topic = \"xovis/a\"\n") == "accepted");
    }
}

TEST_SUITE("counter serials and topics") {
    TEST_CASE("serials compare without colons and case") {
        CHECK(normalise_serial("00:6e:02:08:12:a4") == "006E020812A4");
        CHECK(normalise_serial("ACCC8E012345") == "ACCC8E012345");
        CHECK(normalise_serial("ac-cc-8e-01-23-45") == "ACCC8E012345");
    }
    TEST_CASE("MQTT topic filters match as a broker does") {
        CHECK(topic_matches("axis/+/event/#", aoa_topic(1)));
        CHECK(topic_matches("xovis/#", "xovis"));
        CHECK(topic_matches("xovis/+/live", "xovis/pc2r/live"));
        CHECK_FALSE(topic_matches("xovis/+/live", "xovis/pc2r/other"));
        CHECK_FALSE(topic_matches("#", "$SYS/broker/uptime"));
        CHECK(is_topic_filter("site/+/xovis/#"));
        CHECK_FALSE(is_topic_filter("site/x#"));
        CHECK_FALSE(is_topic_filter("site/#/live"));
        CHECK_FALSE(is_topic_filter(""));
    }
}
