// Pushes in the shapes real sensors send, as published captures show them
// (docs/vendor-formats.md says where each was seen): Xovis v5 live data whose events name
// their logic and counter and carry no config block, Xovis v5 logics pushes with a line's
// per-bin fw/bw and a zone's balance beside counts nobody asked for, and AXIS Object
// Analytics crossline events whose `total` counts cars and trucks too. The structure, key
// names, value types and numbers are the captures'; sensor serials are the captures' too
// (a sensor's serial names a device, never a person).
#include <doctest/doctest.h>

#include "axis_object_analytics.hpp"
#include "counter_router.hpp"
#include "time_text.hpp"
#include "xovis_live.hpp"

#include <nlohmann/json.hpp>

using namespace platslage;
using namespace platslage::counters;
using nlohmann::json;

namespace {
TimePoint at_ms(std::int64_t ms) { return from_epoch_ms(ms); }

std::optional<int> count_of(const Routed& r, const std::string& zone) {
    for (const auto& s : r.samples)
        if (s.zone == zone) return s.count;
    return std::nullopt;
}
bool says(const std::string& message, const std::string& part) {
    INFO(message);
    return message.find(part) != std::string::npos;
}

CountersConfig config_of(std::vector<XovisCounter> xovis, std::vector<AoaScenario> aoa = {}) {
    CountersConfig c;
    c.xovis = std::move(xovis);
    c.aoa = std::move(aoa);
    return c;
}

// ---- Xovis v5 live data, no config block (metadata NONE) ----

// A COUNT event as the captures have it: the logic and the counter named in its attributes.
json named_event(const char* type, std::int64_t logic_id, const char* logic, std::int64_t counter_id, const char* counter,
                 std::int64_t value, std::int64_t track) {
    return {{"category", "COUNT"},
            {"type", type},
            {"attributes",
             {{"track_id", track},
              {"logic_id", logic_id},
              {"logic_name", logic},
              {"counter_id", counter_id},
              {"counter_name", counter},
              {"counter_value", value}}}};
}
json live_frame(std::int64_t number, std::int64_t ms, json events) {
    return {{"framenumber", number},
            {"time", ms},
            {"illumination", "SUFFICIENT"},
            {"tracked_objects", json::array({{{"track_id", 111}, {"type", "PERSON"}, {"position", {-0.620745, -0.685637, 1.656886}},
                                              {"attributes", {{"person_height", 1.646858}}}}})},
            {"events", std::move(events)}};
}
std::string live_push(json frames, const char* serial = "80:1F:12:D5:30:DC") {
    json data = {{"package_info", {{"version", "5.0"}, {"id", 97}, {"agent_id", 1022}}}, {"frames", std::move(frames)}};
    if (serial) data["sensor_info"] = {{"serial_number", serial}, {"type", "SINGLE_SENSOR"}};
    return json{{"live_data", std::move(data)}}.dump();
}
// The capture's frame: 2023-01-16, a person crossing "Line-based logic 2" forward, 1471 so far.
constexpr std::int64_t capture_ms = 1673875622987;
const TimePoint capture_now = at_ms(capture_ms + 60'000);

// ---- Xovis v5 logics ----

json record(std::int64_t from, std::int64_t to, json counts) {
    return {{"from", from}, {"to", to}, {"samples", 1}, {"samples_expected", 1}, {"counts", std::move(counts)}};
}
json logic(std::int64_t id, const char* name, const char* info, json geometries, json records) {
    return {{"id", id}, {"name", name}, {"info", info}, {"geometries", std::move(geometries)}, {"records", std::move(records)}};
}
std::string logics_push(json logics, const char* serial = "80:1F:12:D3:27:CA", bool with_sensor = true) {
    json data = {{"package_info", {{"version", "5.0"}, {"id", 2}, {"agent_id", 1003}}}, {"logics", std::move(logics)}};
    if (with_sensor) data["sensor_info"] = {{"serial_number", serial}, {"type", "SINGLE_SENSOR"}};
    return json{{"logics_data", std::move(data)}}.dump();
}
// A line logic's four one-minute bins as the 2022 capture has them: fw 1, 3, 0, 0 and bw 0, 1, 0, 0,
// each bin with the gender add-on's counts beside (2023 capture), which nobody here asks for.
json line_records(std::int64_t start) {
    const int fw[] = {1, 3, 0, 0}, bw[] = {0, 1, 0, 0};
    json out = json::array();
    for (int i = 0; i < 4; ++i)
        out.push_back(record(start + i * 60'000, start + (i + 1) * 60'000,
                             json::array({{{"id", 8}, {"name", "fw"}, {"value", fw[i]}},
                                          {{"id", 9}, {"name", "bw"}, {"value", bw[i]}},
                                          {{"id", 10}, {"name", "fw-male"}, {"value", fw[i]}},
                                          {{"id", 11}, {"name", "bw-male"}, {"value", 0}}})));
    return out;
}
constexpr std::int64_t line_start = 1684325340000; // 2023-05-17, the capture's first bin
// The 2026 capture of a zone occupancy logic: balance 1, with visits and a dwell time in seconds.
json zone_logic(std::int64_t from, std::int64_t balance) {
    return logic(1001, "POI5", "XLT_ZONE_OCCUPANCY_COUNT", json::array({{{"id", 1002}, {"type", "ZONE"}, {"name", "POI5"}}}),
                 json::array({record(from, from + 60'000,
                                     json::array({{{"id", 1001001}, {"name", "balance"}, {"value", balance}},
                                                  {{"id", 1001002}, {"name", "visits"}, {"value", 1}},
                                                  {{"id", 1001003}, {"name", "dwell_time"}, {"value", 83.646004}, {"unit", "seconds"}}}))}));
}
constexpr std::int64_t zone_from = 1783674240000;

// ---- AXIS Object Analytics ----

// Axis's own published crossline event: a scenario set to count cars and trucks too.
std::string axis_crossline(const char* total, const char* human, const char* car, const char* truck, std::int64_t ms) {
    return json{{"topic", "axis:CameraApplicationPlatform/ObjectAnalytics/Device1Scenario1"},
                {"timestamp", ms},
                {"serial", "0123456789AB"},
                {"message",
                 {{"source", json::object()},
                  {"key", json::object()},
                  {"data",
                   {{"startTime", "2022-12-06T22:01:25Z"}, {"reason", "car"}, {"total", total}, {"totalBus", "0"},
                    {"totalCar", car}, {"totalHuman", human}, {"totalMotorcycle/bicycle", "0"}, {"totalTruck", truck},
                    {"totalUnknown", "0"}}}}}}
        .dump();
}
const std::string axis_topic = "axis/0123456789AB/event/CameraApplicationPlatform/ObjectAnalytics/Device1Scenario1";
constexpr std::int64_t axis_ms = 1670518346712;
} // namespace

TEST_SUITE("published captures: Xovis v5 live data without a config block") {
    TEST_CASE("events that name their logic and counter are mapped through the counters config") {
        CounterRouter router(config_of({{"80:1F:12:D5:30:DC", "Line-based logic 2", "fw", XovisKind::in, true, "xovis-l2-fw",
                                         "cityterminalen.gater"},
                                        {"80:1F:12:D5:30:DC", "Line-based logic 2", "bw", XovisKind::out, true, "xovis-l2-bw",
                                         "cityterminalen.gater"}}),
                             "xovis/#");
        auto first = router.route("xovis/entrance", live_push(json::array({live_frame(251830, capture_ms, json::array({named_event(
                                                           "COUNT_INCREMENT", 4, "Line-based logic 2", 6, "fw", 1471, 111)}))})),
                                  capture_now);
        CHECK(first.refused.empty());
        CHECK(count_of(first, "cityterminalen.gater") == 0); // the first value heard is the baseline
        auto next = router.route(
            "xovis/entrance",
            live_push(json::array({live_frame(251900, capture_ms + 2000,
                                              json::array({named_event("COUNT_INCREMENT", 4, "Line-based logic 2", 6, "fw", 1473, 112)})),
                                   live_frame(251950, capture_ms + 4000,
                                              json::array({named_event("COUNT_INCREMENT", 4, "Line-based logic 2", 7, "bw", 88, 113)})),
                                   live_frame(251990, capture_ms + 6000,
                                              json::array({named_event("COUNT_INCREMENT", 4, "Line-based logic 2", 7, "bw", 89, 114)}))})),
            capture_now);
        CHECK(next.refused.empty());
        CHECK(count_of(next, "cityterminalen.gater") == 1); // 2 in, then bw's baseline, then 1 out
    }
    TEST_CASE("a zone's balance is the people in it, up on entry and down on exit") {
        // The 2022 capture: "Zone 0" and "Line 0" on one sensor, the person entering and later leaving.
        CounterRouter router(config_of({{"80:1F:12:D5:30:DC", "Zone 0", "balance", XovisKind::state, true, "xovis-zone0",
                                         "cityterminalen.biljetthall"}}),
                             "xovis/#");
        auto enter = router.route("xovis/x", live_push(json::array({live_frame(11966464, 1646407003605, json::array({named_event(
                                                          "COUNT_INCREMENT", 1, "Zone 0", 1, "balance", 1, 1128)}))})),
                                  at_ms(1646407003605 + 60'000));
        CHECK(count_of(enter, "cityterminalen.biljetthall") == 1);
        auto leave = router.route(
            "xovis/x",
            live_push(json::array({live_frame(11966600, 1646407008000,
                                              json::array({named_event("COUNT_DECREMENT", 1, "Zone 0", 1, "balance", 0, 1128),
                                                           named_event("COUNT_INCREMENT", 2, "Line 0", 3, "bw", 926, 1128)}))})),
            at_ms(1646407003605 + 60'000));
        CHECK(count_of(leave, "cityterminalen.biljetthall") == 0);
        REQUIRE(leave.refused.size() == 1); // the line is not in this config: refused on its own
        CHECK(says(leave.refused[0].detail, "counter 'bw' of logic 'Line 0' on sensor 801F12D530DC is not in the counters config"));
    }
    TEST_CASE("a config entry without its logic is refused once two logics use its counter's name") {
        XovisLive xovis({{"80:1F:12:D5:30:DC", "", "fw", XovisKind::in, true, "xovis-fw", "cityterminalen.gater"}});
        auto one = xovis.read(live_push(json::array({live_frame(1, capture_ms, json::array({named_event(
                                           "COUNT_INCREMENT", 4, "Line-based logic 2", 6, "fw", 1471, 1)}))})),
                              capture_now);
        REQUIRE(one);
        CHECK(one->refused.empty());
        auto two = xovis.read(live_push(json::array({live_frame(2, capture_ms + 1000, json::array({named_event(
                                           "COUNT_INCREMENT", 5, "Line-based logic 3", 9, "fw", 10, 2)}))})),
                              capture_now);
        REQUIRE(two);
        REQUIRE(two->refused.size() == 1);
        CHECK(says(two->refused[0].detail, "two counters named 'fw' on sensor 801F12D530DC: name the logic with 'element'"));
        CHECK(two->readings.empty());
    }
    TEST_CASE("an event without counter_name still needs a config block, and names that are not text are refused") {
        XovisLive xovis({{"80:1F:12:D5:30:DC", "Line-based logic 2", "fw", XovisKind::in, true, "xovis-fw", "cityterminalen.gater"}});
        auto unnamed = named_event("COUNT_INCREMENT", 4, "Line-based logic 2", 6, "fw", 1471, 1);
        unnamed["attributes"].erase("counter_name");
        auto r = xovis.read(live_push(json::array({live_frame(1, capture_ms, json::array({unnamed}))})), capture_now);
        CHECK(r.rejection().reason == RejectReason::missing_field);
        CHECK(says(r.rejection().detail, "an event without 'counter_name'"));
        auto numeric = named_event("COUNT_INCREMENT", 4, "Line-based logic 2", 6, "fw", 1471, 1);
        numeric["attributes"]["counter_name"] = 6;
        r = xovis.read(live_push(json::array({live_frame(1, capture_ms, json::array({numeric}))})), capture_now);
        CHECK(r.rejection().reason == RejectReason::wrong_type);
        CHECK(says(r.rejection().detail, "live_data.frames[0].events[0].attributes.counter_name"));
    }
}

TEST_SUITE("published captures: firmware 5.0.x names no sensor, a queue logic counts seconds") {
    // The 2022 captures (firmware 5.0.3) of both pushes have no sensor_info: the topic the
    // installer gave the agent is all that says which sensor counted.
    XovisCounter by_topic(const char* logic, const char* counter, XovisKind kind, const char* zone, const char* topic) {
        XovisCounter c{"80:1F:12:D5:30:DC", logic, counter, kind, true, std::string("xovis-") + counter, zone};
        c.topic = topic;
        return c;
    }
    TEST_CASE("a live data push without sensor_info is the sensor's whose topic the config gives") {
        CounterRouter router(config_of({by_topic("Zone 0", "balance", XovisKind::state, "cityterminalen.biljetthall",
                                                 "xovis/cityterminalen/pc2s-1")}),
                             "xovis/#");
        auto push = live_push(json::array({live_frame(11966464, 1646407003605, json::array({named_event(
                                           "COUNT_INCREMENT", 1, "Zone 0", 1, "balance", 1, 1128)}))}),
                              nullptr);
        auto now = at_ms(1646407003605 + 60'000);
        auto r = router.route("xovis/cityterminalen/pc2s-1", push, now);
        CHECK(r.refused.empty());
        CHECK(count_of(r, "cityterminalen.biljetthall") == 1);
        auto elsewhere = router.route("xovis/cityterminalen/pc2s-2", push, now);
        REQUIRE(elsewhere.refused.size() == 1);
        CHECK(elsewhere.refused[0].detail == "field 'live_data.sensor_info' is missing, and no [[xovis]] entry gives this "
                                            "topic: name the sensor's topic with 'topic'");
    }
    TEST_CASE("a logics push without sensor_info, as firmware 5.0.x sends it, is taken by its topic") {
        CounterRouter router(config_of({by_topic("Line 0", "", XovisKind::line, "cityterminalen.gater", "xovis/gater/logics")}),
                             "xovis/#");
        // The 2022 capture: "Line 0" with fw 1, 3, 0, 0 and bw 0, 1, 0, 0 in four one-minute bins.
        json records = json::array();
        const int fw[] = {1, 3, 0, 0}, bw[] = {0, 1, 0, 0};
        for (int i = 0; i < 4; ++i)
            records.push_back({{"from", 1645792860000 + i * 60'000},
                               {"to", 1645792920000 + i * 60'000},
                               {"counts", json::array({{{"id", 2}, {"name", "fw"}, {"value", fw[i]}}, {{"id", 3}, {"name", "bw"}, {"value", bw[i]}}})}});
        auto push = json{{"logics_data",
                          {{"package_info", {{"version", "5.0"}, {"id", 28}, {"agent_id", 1008}}},
                           {"logics", json::array({{{"id", 2}, {"name", "Line 0"}, {"info", "XLT_4X_LINE_IN_OUT_COUNT"},
                                                    {"geometries", json::array()}, {"records", records}}})}}}};
        auto r = router.route("xovis/gater/logics", push.dump(), at_ms(1645792920000 + 5 * 60'000));
        CHECK(r.refused.empty());
        CHECK(count_of(r, "cityterminalen.gater") == 3);
    }
    TEST_CASE("a queue logic's TIME_CHANGE events (seconds of waiting) are passed over, the people still counted") {
        XovisLive xovis({{"00:6E:02:01:AB:7C", "Zone 0", "balance", XovisKind::state, true, "xovis-z0", "cityterminalen.biljetthall"}});
        json time_change = {{"category", "COUNT"},
                            {"type", "TIME_CHANGE"},
                            {"attributes", {{"track_id", 57060}, {"counter_id", 1000003}, {"unit", "seconds"}, {"amount", 4.202},
                                            {"counter_value", 10.922001}, {"logic_id", 1000}, {"logic_name", "Queue statistics 1"},
                                            {"counter_name", "queueing-time"}}}};
        auto push = live_push(json::array({live_frame(31757307, 1725001494320,
                                                      json::array({time_change, named_event("COUNT_INCREMENT", 1, "Zone 0", 1,
                                                                                            "balance", 4, 57061)}))}),
                              "00:6E:02:01:AB:7C");
        auto r = xovis.read(push, at_ms(1725001494320 + 1000));
        REQUIRE(r);
        CHECK(r->refused.empty());
        REQUIRE(r->readings.size() == 1);
        CHECK(std::get<OccupancySample>(r->readings[0]).count == 4);
    }
}

TEST_SUITE("published captures: Xovis v5 logics push") {
    TEST_CASE("a line logic's records are crossings within each bin, taken once; counts nobody asked for are passed over") {
        CounterRouter router(config_of({{"80:1F:12:D3:27:CA", "Line-based logic 3", "", XovisKind::line, true, "xovis-l3",
                                         "cityterminalen.gater"}}),
                             "xovis/#");
        auto push = logics_push(json::array({logic(3, "Line-based logic 3", "XLT_LINE_IN_OUT_COUNT",
                                                   json::array({{{"id", 2}, {"type", "LINE"}, {"name", "Line 0"}}}),
                                                   line_records(line_start))}));
        auto now = at_ms(line_start + 5 * 60'000);
        auto r = router.route("xovis/logics", push, now);
        CHECK(r.refused.empty());
        CHECK(count_of(r, "cityterminalen.gater") == 3); // fw 4 in, bw 1 out
        REQUIRE(r.samples.size() == 1);
        CHECK(r.samples[0].ts == at_ms(line_start + 4 * 60'000)); // the last bin's end
        auto again = router.route("xovis/logics", push, now);
        CHECK(again.repeated == 4);
        CHECK(again.samples.empty());
    }
    TEST_CASE("one counter per direction works for a logics push as for live data") {
        CounterRouter router(config_of({{"80:1F:12:D3:27:CA", "Line-based logic 3", "fw", XovisKind::in, true, "xovis-l3-fw",
                                         "cityterminalen.gater"},
                                        {"80:1F:12:D3:27:CA", "Line-based logic 3", "bw", XovisKind::out, true, "xovis-l3-bw",
                                         "cityterminalen.gater"}}),
                             "xovis/#");
        auto r = router.route("xovis/logics",
                              logics_push(json::array({logic(3, "Line-based logic 3", "XLT_LINE_IN_OUT_COUNT", json::array(),
                                                             line_records(line_start))})),
                              at_ms(line_start + 5 * 60'000));
        CHECK(r.refused.empty());
        CHECK(count_of(r, "cityterminalen.gater") == 3);
    }
    TEST_CASE("a zone logic's balance is the people in it at the bin's end") {
        CounterRouter router(config_of({{"00:6E:02:06:9B:48", "POI5", "balance", XovisKind::state, true, "xovis-poi5",
                                         "cityterminalen.biljetthall"}}),
                             "xovis/#");
        auto r = router.route("xovis/logics", logics_push(json::array({zone_logic(zone_from, 1)}), "00:6E:02:06:9B:48"),
                              at_ms(zone_from + 2 * 60'000));
        CHECK(r.refused.empty());
        CHECK(count_of(r, "cityterminalen.biljetthall") == 1);
        REQUIRE(r.samples.size() == 1);
        CHECK(r.samples[0].ts == at_ms(zone_from + 60'000));
        CHECK(r.samples[0].sensor == "xovis-poi5");
    }
    TEST_CASE("a push from firmware that leaves out sensor_info, a logic nobody mapped and broken counts are refused") {
        XovisLive xovis({{"80:1F:12:D3:27:CA", "Line-based logic 3", "", XovisKind::line, true, "xovis-l3", "cityterminalen.gater"}});
        auto now = at_ms(line_start + 5 * 60'000);
        auto line = logic(3, "Line-based logic 3", "XLT_LINE_IN_OUT_COUNT", json::array(), line_records(line_start));
        auto r = xovis.read(logics_push(json::array({line}), "", false), now);
        CHECK(r.rejection().reason == RejectReason::missing_field);
        CHECK(says(r.rejection().detail, "logics_data.sensor_info"));

        auto other = xovis.read(logics_push(json::array({zone_logic(line_start, 2), line})), now);
        REQUIRE(other);
        REQUIRE(other->refused.size() == 1);
        CHECK(says(other->refused[0].detail, "logic 'POI5' on sensor 801F12D327CA is not in the counters config"));
        CHECK(other->readings.size() == 4);

        auto text = line;
        text["records"][0]["counts"][0]["value"] = "1";
        CHECK(xovis.read(logics_push(json::array({text})), now).rejection().reason == RejectReason::wrong_type);
        auto fraction = line;
        fraction["records"][0]["counts"][3]["value"] = "many"; // even a count nobody asked for must be a number
        CHECK(xovis.read(logics_push(json::array({fraction})), now).rejection().reason == RejectReason::wrong_type);
        auto half = line;
        half["records"][1]["counts"].erase(1); // no bw in this bin
        auto r2 = XovisLive({{"80:1F:12:D3:27:CA", "Line-based logic 3", "", XovisKind::line, true, "xovis-l3", "cityterminalen.gater"}})
                      .read(logics_push(json::array({half})), now);
        REQUIRE(r2);
        REQUIRE(r2->refused.size() == 1);
        CHECK(says(r2->refused[0].detail, "without both 'fw' and 'bw'"));
        CHECK(r2->readings.size() == 3);
        auto backwards = line;
        backwards["records"][0]["to"] = line_start - 60'000;
        CHECK(xovis.read(logics_push(json::array({backwards})), now).rejection().reason == RejectReason::bad_timestamp);
        CHECK(xovis.read(R"({"logics_data":{"sensor_info":{"serial_number":"80:1F:12:D3:27:CA"}}})", now).rejection().reason ==
              RejectReason::missing_field);
        CHECK(xovis.read(R"({"logics_data":{},"live_data":{}})", now).rejection().reason == RejectReason::bad_value);
    }
}

TEST_SUITE("published captures: AXIS Object Analytics") {
    TEST_CASE("a crossline scenario counting cars and trucks too: people are totalHuman, not total") {
        std::vector<AoaScenario> scenarios{{"0123456789AB", 1, AoaKind::crossline_in, "aoa-in", "centralen.vantytor"}};
        auto r = parse_aoa_event(axis_topic, axis_crossline("20960", "0", "18103", "2857", axis_ms), scenarios,
                                 at_ms(axis_ms + 1000));
        REQUIRE(r);
        CHECK(std::get<LineReading>(*r).in == 0); // Axis's example: 20,960 vehicles and nobody on foot
        auto mixed = parse_aoa_event(axis_topic, axis_crossline("21100", "7", "18222", "2871", axis_ms + 1000), scenarios,
                                     at_ms(axis_ms + 2000));
        REQUIRE(mixed);
        CHECK(std::get<LineReading>(*mixed).in == 7);
        // A scenario set to count no humans at all sends no totalHuman: nothing here it could count.
        auto cars = json::parse(axis_crossline("20960", "0", "18103", "2857", axis_ms));
        cars["message"]["data"].erase("totalHuman");
        auto refused = parse_aoa_event(axis_topic, cars.dump(), scenarios, at_ms(axis_ms + 1000));
        CHECK(refused.rejection().reason == RejectReason::missing_field);
        CHECK(says(refused.rejection().detail, "message.data.totalHuman"));
    }
}
