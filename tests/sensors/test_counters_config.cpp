// The counters config as partners edit it: the shipped example loads, and every mistake
// is refused with the file and the line named.
#include <doctest/doctest.h>

#include "counters_config.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace platslage;
using namespace platslage::counters;

namespace {
const ZoneMap& maps() {
    static const ZoneMap zones = ZoneMap::load_dir(std::string(PLATSLAGE_SOURCE_DIR) + "/maps");
    return zones;
}
struct TempFile {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("platslage-counters-" + std::to_string(::getpid()) + ".toml");
    explicit TempFile(const std::string& text) { std::ofstream(path) << text; }
    ~TempFile() { std::filesystem::remove(path); }
};
std::string refusal(const std::string& text) {
    TempFile f(text);
    try {
        load_counters_config(f.path.string(), maps());
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "accepted";
}
const std::string good_line = R"(
[[line]]
device = "S1"
line = "Door"
sensor = "axis-s1"
zone = "centralen.vantytor"
)";
} // namespace

TEST_SUITE("counters config") {
    TEST_CASE("the shipped example loads, both doors into Vänthallen, one mounted the other way") {
        auto cfg = load_counters_config(std::string(PLATSLAGE_SOURCE_DIR) + "/sensors/counters.toml", maps());
        CHECK(cfg.reset_hour == 4);
        REQUIRE(cfg.lines.size() == 2);
        CHECK(cfg.lines[0].zone == "cityterminalen.vanthall");
        CHECK(cfg.lines[0].in_enters);
        CHECK_FALSE(cfg.lines[1].in_enters);
    }
    TEST_CASE("every mistake is refused with the line it is on") {
        CHECK(refusal(good_line) == "accepted");
        CHECK(refusal("reset-hour = 4\n").find("no [[line]]") != std::string::npos);
        CHECK(refusal("reset-hour = 25\n" + good_line).find("'reset-hour' must be a whole hour") != std::string::npos);
        CHECK(refusal("resethour = 4\n" + good_line).find("unknown setting 'resethour'") != std::string::npos);
        CHECK(refusal(good_line + "colour = \"red\"\n").find("line 1: unknown setting 'colour'") != std::string::npos);
        auto other_zone = good_line;
        other_zone.replace(other_zone.find("centralen.vantytor"), 18, "centralen.perrong");
        CHECK(refusal(other_zone).find("zone 'centralen.perrong' is not in the maps") != std::string::npos);
        auto bad_sensor = good_line;
        bad_sensor.replace(bad_sensor.find("axis-s1"), 7, "axis s1");
        CHECK(refusal(bad_sensor).find("sensor 'axis s1' must be") != std::string::npos);
        CHECK(refusal(good_line + good_line).find("line 2: line 'Door' on device 'S1' is listed twice") != std::string::npos);
        auto same_sensor = good_line;
        same_sensor.replace(same_sensor.find("\"Door\""), 6, "\"Exit\"");
        CHECK(refusal(good_line + same_sensor).find("sensor id 'axis-s1' is used twice") != std::string::npos);
        CHECK(refusal(good_line + "in-enters = \"yes\"\n").find("'in-enters' must be true or false") != std::string::npos);
        CHECK(refusal("[[line]]\ndevice = \"S1\"\n").find("'line' is required") != std::string::npos);
        CHECK(refusal("[[line]\n").find("(line 1)") != std::string::npos);
    }
}
