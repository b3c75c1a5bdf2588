// The console's Statistics window end to end: nine days of the simulator's recorded
// situations (late November into December) imported into the hub's log the way a partner
// fills one, the hub serving it, and the console in a real window on Xvfb with its keys pressed
// through the GLFW key path (--keys "S E": open the Statistics window, export its tables). The
// tables must arrive from the hub, counted there, and the CSV files the console writes must be
// byte for byte the ones platslage-report writes from the same log for the same months.
#include "system_under_test.hpp"
#include "virtual_display.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

TEST_CASE("console statistics: S opens the window, the hub counts, E exports the same CSV files as platslage-report") {
    TempDir dir("platslage-it19");
    const auto records = dir.path() / "records.jsonl";
    REQUIRE(run_command({"/bin/sh", "-c",
                         "exec \"$0\" --maps \"$1\" --record-period 2026-11-24..2026-12-02 --seed 11 > \"$2\"",
                         PLATSLAGE_SIM_BIN, PLATSLAGE_MAPS_DIR, records.string()},
                        120s) == 0);
    const auto db = dir.path() / "platslage.db";
    REQUIRE(run_command({PLATSLAGE_HUB_BIN, "--db", db.string(), "--maps", PLATSLAGE_MAPS_DIR, "--import",
                         records.string(), "--log-level", "warn"},
                        300s) == 0);
    REQUIRE(sql_count(db, "SELECT count(*) FROM guard_reports") > 100);

    Broker broker(dir.path());
    // Nothing is purged while the test reads: the records are from a fixed autumn.
    Hub hub(dir.path(), broker.url(), {}, {"--retention-days", "0"});
    REQUIRE(hub.db() == db);
    REQUIRE(hub.wait_mqtt_up());
    VirtualDisplay display(dir.path());

    auto out = dir.path() / "exports";
    std::filesystem::create_directories(out);
    auto png = dir.path() / "statistics.png";
    ChildProcess console({"/usr/bin/env",
                          "DISPLAY=" + display.name(),
                          "LIBGL_ALWAYS_SOFTWARE=1",
                          PLATSLAGE_CONSOLE_BIN,
                          "--router",
                          loopback(hub.ports().router),
                          "--pub",
                          loopback(hub.ports().pub),
                          "--maps",
                          PLATSLAGE_MAPS_DIR,
                          "--screenshot",
                          png.string(),
                          "--screenshot-wait-s",
                          "8",
                          "--width",
                          "1600",
                          "--height",
                          "900",
                          "--position",
                          "kc-15",
                          "--export-dir",
                          out.string(),
                          "--keys",
                          "S E",
                          "--stats-period",
                          "2026-11..2026-12",
                          "--key",
                          key_file("kc-15"),
                          "--hub-key",
                          hub_key_file()},
                         dir.path() / "console.log");
    int rc = console.wait(120s);
    auto log = console.log_text();
    INFO(log);
    REQUIRE(rc == 0);
    CHECK(std::filesystem::exists(png));
    // The feedback lines, logged: what came, and where it went.
    CHECK(log.find("statistics: 11 tables for Centralen och Cityterminalen, nov 2026 – dec 2026") != std::string::npos);
    auto folder = out / "statistik-2026-11--2026-12";
    CHECK(log.find("statistics: 11 tables exported to " + std::filesystem::absolute(folder).string()) !=
          std::string::npos);

    // The report from the same log, for the same months and both stations.
    auto report = dir.path() / "report";
    REQUIRE(run_command({PLATSLAGE_REPORT_BIN, "--db", db.string(), "--maps", PLATSLAGE_MAPS_DIR, "--from", "2026-11",
                         "--to", "2026-12", "--out", report.string()},
                        120s) == 0);
    std::size_t compared = 0;
    for (const auto& entry : std::filesystem::directory_iterator(report)) {
        if (entry.path().extension() != ".csv") continue;
        auto exported = folder / entry.path().filename();
        INFO(entry.path().filename().string());
        REQUIRE(std::filesystem::exists(exported));
        CHECK(file_text(exported) == file_text(entry.path()));
        ++compared;
    }
    CHECK(compared == 11);
    // The figures are real: November's rows count reports of the nine days (CSV: label;observations;…).
    auto reports_csv = file_text(folder / "rapporter.csv");
    CHECK(reports_csv.find("\r\nnov 2026;0;") == std::string::npos);
    CHECK(reports_csv.find("\r\nnov 2026;") != std::string::npos);
    CHECK(hub.status()["statistics"]["answered"] == 1);
}
