// platslage-hub --check-replay (hub/replay_check.hpp): a restart's picture (the newest
// snapshot and the events after it) against a full replay of the log, at one instant.
#include "hub_parts.hpp"
#include "replay_check.hpp"

using namespace platslage;
using namespace platslage::test;

namespace {
std::string sample(const char* zone, int count, TimePoint ts) {
    return nlohmann::json{{"sensor", "axis-1"}, {"zone", zone}, {"ts", format_rfc3339(ts)}, {"count", count}}.dump();
}
// Reports and counts before a snapshot and after it, as a running hub takes them.
void a_night(HubParts& parts) {
    const std::string topic = "platslage/v1/centralen/guard/hh-07/report";
    for (int i = 0; i < 6; ++i) {
        parts.clock.advance(std::chrono::seconds(40));
        parts.mqtt_in(topic, report_json("r-" + std::to_string(i), i % 2 ? "centralen.vantytor" : "centralen.nedre-plan", 1 + i,
                                         {"sleeping"}, parts.clock.now()));
        parts.sensor_in(encode_occupancy(sample("centralen.vantytor", 30 + i, parts.clock.now())));
        parts.take_inputs();
        if (i == 2) REQUIRE(parts.hub.save_snapshot());
    }
}
} // namespace

TEST_CASE("the picture from the newest snapshot and the events after it is the picture of a full replay") {
    HubParts parts;
    a_night(parts);
    auto check = check_replay(parts.cfg, real_maps(), parts.log, parts.clock.now() + std::chrono::minutes(1));
    CHECK(check.keys >= 30); // 19 zones, 2 stations, 6 reports, the device, …
    CHECK(check.same());
    INFO(check.differing.size());
}

TEST_CASE("a snapshot that says other than the log is found, key by key") {
    HubParts parts;
    a_night(parts);
    // The stored snapshot altered behind the hub's back: its first report says 9 persons, the log 1.
    auto body = nlohmann::json::parse(sql_text(parts.db, "SELECT body FROM snapshots ORDER BY last_event DESC LIMIT 1"));
    auto& entries = body.at("entries");
    std::string altered;
    for (auto& [key, value] : entries.items()) {
        if (key.rfind("report/", 0) != 0) continue;
        auto report = nlohmann::json::parse(value.get<std::string>());
        report["persons"] = 9;
        value = report.dump();
        altered = key;
        break;
    }
    REQUIRE_FALSE(altered.empty());
    std::string text = body.dump(), quoted;
    for (char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    run_sql(parts.db, "UPDATE snapshots SET body = '" + quoted + "'");
    auto check = check_replay(parts.cfg, real_maps(), parts.log, parts.clock.now() + std::chrono::minutes(1));
    CHECK_FALSE(check.same());
    CHECK(check.differing == std::vector<std::string>{altered});
}
