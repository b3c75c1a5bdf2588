// The console's Meetings window end to end: a meeting planned over the ROUTER as the hub
// defines it, then the console in a real window on Xvfb with its keys pressed through the
// GLFW key path (--keys "M E": open the Meetings window, export the selected meeting's
// agenda). The agenda must arrive from the hub and land whole in --export-dir as
// agenda-<meeting>-<Stockholm date>.md, and the console must say where.
#include "stockholm_time.hpp"
#include "system_under_test.hpp"
#include "virtual_display.hpp"
#include "time_text.hpp"

#include <doctest/doctest.h>

#include <climits>
#include <cstdio>
#include <fstream>
#include <sstream>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

TEST_CASE("console meetings: M opens the window, E exports the selected meeting's agenda as a Markdown file") {
    TempDir dir("platslage-it15");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    VirtualDisplay display(dir.path());

    // Under way since ten minutes, weekly: its agenda is the one the console asks for.
    auto started = TimePoint{std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) - 10min};
    auto planned = hub.command({{"op", "plan_meeting"}, {"by", "kc-1"}, {"title", "Utsättningsmöte Centralen"},
                                {"zone", "centralen.vantytor"}, {"organisations", {"jernhusen", "socialforvaltningen", "capio"}},
                                {"starts", format_rfc3339(started)}, {"repeat", "weekly"}});
    REQUIRE(planned.kind == Reply::Kind::ok);

    auto out = dir.path() / "agendas";
    std::filesystem::create_directories(out);
    auto png = dir.path() / "meetings.png";
    ChildProcess console({"/usr/bin/env", "DISPLAY=" + display.name(), "LIBGL_ALWAYS_SOFTWARE=1", PLATSLAGE_CONSOLE_BIN,
                          "--router", loopback(hub.ports().router), "--pub", loopback(hub.ports().pub), "--maps",
                          PLATSLAGE_MAPS_DIR, "--screenshot", png.string(), "--screenshot-wait-s", "8", "--width", "1600",
                          "--height", "900", "--position", "kc-15", "--export-dir", out.string(), "--keys", "M E",
                          "--key", key_file("kc-15"), "--hub-key", hub_key_file()},
                         dir.path() / "console.log");
    int rc = console.wait(60s);
    auto log = console.log_text();
    INFO(log);
    REQUIRE(rc == 0);
    CHECK(std::filesystem::exists(png));

    // Named by the meeting and its Stockholm date, written whole (no .tmp left behind).
    auto d = stockholm_date(started);
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    auto file = out / ("agenda-M-000001-" + std::string(date) + ".md");
    REQUIRE(std::filesystem::exists(file));
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(out)) ++files;
    CHECK(files == 1);
    auto md = file_text(file);
    INFO(md);
    CHECK(md.rfind("# Utsättningsmöte Centralen\n", 0) == 0);
    CHECK(md.find("- **Where:** Väntytor, Centralen (the counts below are this station's)\n") != std::string::npos);
    CHECK(md.find("- **Meeting:** M-000001\n") != std::string::npos);
    // The feedback line, logged: where it went.
    CHECK(log.find("command: agenda M-000001 exported to " + std::filesystem::absolute(file).string()) != std::string::npos);
    // No refusal and no missing answer on the way.
    CHECK(log.find("command: agenda M-000001: ") == std::string::npos);
}
