// What platslage-counters keeps across a restart (counter_state.hpp): each line's baseline and
// each line-counted zone's count, the Xovis counters' last values and the bins already taken,
// read back by a fresh router exactly as the running one had them.
#include <doctest/doctest.h>

#include "counter_router.hpp"
#include "counter_state.hpp"
#include "time_text.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace platslage;
using namespace platslage::counters;
using nlohmann::json;

namespace {
TimePoint at(const char* t) { return *parse_rfc3339(t); }

CountersConfig station() {
    CountersConfig c;
    c.lines = {{"00408CAC512B", "Door east", "axis-vh-east", "cityterminalen.vanthall", true}};
    c.xovis = {{"80:1F:12:D5:30:DC", "Line 0", "fw", XovisKind::in, true, "xovis-l0-fw", "cityterminalen.gater"},
               {"80:1F:12:D3:27:CA", "Line-based logic 3", "", XovisKind::line, true, "xovis-l3", "cityterminalen.flygbussar"}};
    return c;
}
std::string live_sum(const char* stamp, int in, int out) {
    return R"({"serial":"00408CAC512B","name":"Door east","timestamp":")" + std::string(stamp) + R"(","in":)" +
           std::to_string(in) + R"(,"out":)" + std::to_string(out) + "}";
}
std::string fw_event(std::int64_t ms, std::int64_t frame, std::int64_t value) {
    json attrs = {{"track_id", 1}, {"logic_id", 2}, {"logic_name", "Line 0"}, {"counter_id", 2}, {"counter_name", "fw"}, {"counter_value", value}};
    json ev = {{"category", "COUNT"}, {"type", "COUNT_INCREMENT"}, {"attributes", attrs}};
    return json{{"live_data",
                 {{"sensor_info", {{"serial_number", "80:1F:12:D5:30:DC"}}},
                  {"frames", json::array({{{"framenumber", frame}, {"time", ms}, {"events", json::array({ev})}}})}}}}
        .dump();
}
std::string logic_bin(std::int64_t from, int fw, int bw) {
    json counts = json::array({{{"id", 8}, {"name", "fw"}, {"value", fw}}, {{"id", 9}, {"name", "bw"}, {"value", bw}}});
    json rec = {{"from", from}, {"to", from + 60'000}, {"counts", counts}};
    return json{{"logics_data",
                 {{"sensor_info", {{"serial_number", "80:1F:12:D3:27:CA"}}},
                  {"logics", json::array({{{"id", 3}, {"name", "Line-based logic 3"}, {"records", json::array({rec})}}})}}}}
        .dump();
}
std::optional<int> count_of(const Routed& r, const std::string& zone) {
    for (const auto& s : r.samples)
        if (s.zone == zone) return s.count;
    return std::nullopt;
}
const TimePoint now = at("2026-11-24T13:00:00Z");
constexpr std::int64_t ms = 1795525200000; // 2026-11-24T13:00:00Z
} // namespace

TEST_CASE("a fresh router that loads the state counts on where the last one stopped") {
    CounterRouter before(station(), "xovis/#");
    CHECK(count_of(before.route_live_sum(live_sum("20261124130000", 100, 40), now), "cityterminalen.vanthall") == 0);
    CHECK(count_of(before.route_live_sum(live_sum("20261124130100", 130, 45), now), "cityterminalen.vanthall") == 25);
    CHECK(count_of(before.route("xovis/a", fw_event(ms - 60'000, 10, 900), now), "cityterminalen.gater") == 0);
    CHECK(count_of(before.route("xovis/a", fw_event(ms - 50'000, 11, 904), now), "cityterminalen.gater") == 4);
    CHECK(count_of(before.route("xovis/b", logic_bin(ms - 120'000, 5, 1), now), "cityterminalen.flygbussar") == 4);
    auto state = before.save();

    // Round-tripped through text, as the file holds it.
    CounterRouter after(station(), "xovis/#");
    after.load(json::parse(state.dump()));
    CHECK(count_of(after.route_live_sum(live_sum("20261124130200", 134, 47), now), "cityterminalen.vanthall") == 27);
    CHECK(count_of(after.route("xovis/a", fw_event(ms - 40'000, 12, 905), now), "cityterminalen.gater") == 5);
    auto again = after.route("xovis/a", fw_event(ms - 50'000, 11, 904), now); // a frame taken before the restart
    CHECK(again.repeated == 1);
    auto resent = after.route("xovis/b", logic_bin(ms - 120'000, 5, 1), now); // a bin taken before the restart
    CHECK(resent.repeated == 1);
    CHECK(resent.samples.empty());
    CHECK(count_of(after.route("xovis/b", logic_bin(ms - 60'000, 2, 0), now), "cityterminalen.flygbussar") == 6);

    // Without the state, the same readings start from nothing: what the file is for.
    CounterRouter forgetful(station(), "xovis/#");
    CHECK(count_of(forgetful.route_live_sum(live_sum("20261124130200", 134, 47), now), "cityterminalen.vanthall") == 0);
}

TEST_CASE("a state that is not one the router wrote changes nothing; lines the config dropped are forgotten") {
    CounterRouter router(station(), "xovis/#");
    router.route_live_sum(live_sum("20261124130000", 100, 40), now);
    router.route_live_sum(live_sum("20261124130100", 130, 45), now);
    auto good = router.save();
    CHECK_THROWS(router.load(json{{"version", 2}}));
    CHECK_THROWS(router.load(json{{"version", 1}, {"lines", good["lines"]}, {"xovis", 7}}));
    CHECK(router.save() == good); // the half that read was not taken either

    auto cfg = station();
    cfg.lines[0].line = "Door west"; // the config changed: the east door is no longer counted
    CounterRouter changed(cfg, "xovis/#");
    changed.load(good);
    CHECK(changed.save()["lines"]["lines"].empty());
    CHECK(changed.save()["lines"]["zones"].contains("cityterminalen.vanthall")); // still counted, by the west door
    cfg.lines[0].zone = "cityterminalen.biljetthall";
    CounterRouter moved(cfg, "xovis/#");
    moved.load(good);
    CHECK(moved.save()["lines"]["zones"].empty());
}

TEST_CASE("the state file: written whole and read back, none before the first write, a broken one named") {
    auto path = std::filesystem::temp_directory_path() / ("platslage-counter-state-" + std::to_string(::getpid()) + ".json");
    std::filesystem::remove(path);
    StateFile file(path);
    CHECK_FALSE(file.read());
    file.write(json{{"version", 1}, {"n", 3}});
    CHECK(*file.read() == json{{"version", 1}, {"n", 3}});
    CHECK_FALSE(std::filesystem::exists(path.string() + ".new"));
    CHECK((std::filesystem::status(path).permissions() & std::filesystem::perms::others_read) == std::filesystem::perms::none);
    std::ofstream(path, std::ios::trunc) << "{ half";
    try {
        file.read();
        FAIL("a broken state file was read");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "counters state " + path.string() + ": not JSON");
    }
    std::filesystem::remove(path);
}
