// A guard's report travels handheld → Mosquitto → hub → SQLite → ZeroMQ subscribers.
#include "system_under_test.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

TEST_CASE("a report sent with mosquitto_pub is in SQLite and on a ZeroMQ subscriber within a second") {
    TempDir dir("platslage-it01");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    zmq::context_t ctx(1);
    Subscriber console(ctx, hub.ports());
    console.pump(300ms);
    REQUIRE(console.replica().link() == LinkState::live);

    auto sent = std::chrono::steady_clock::now();
    REQUIRE(run_command({"/usr/bin/env", mosquitto_login("sim"), "/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", std::to_string(broker.port()), "-q", "1",
                         "-t", "platslage/v1/centralen/guard/hh-01/report", "-m",
                         report_json("r-0001", "centralen.vantytor", 2, {"sleeping"})},
                        5s) == 0);
    bool stored = eventually([&] { return sql_count(hub.db(), "SELECT count(*) FROM guard_reports WHERE report_id='r-0001'") == 1; }, 1s);
    bool published = eventually([&] {
        console.pump(10ms);
        for (const auto& u : console.received)
            if (u.key.rfind("report/", 0) == 0 && u.body.find("\"r-0001\"") != std::string::npos) return true;
        return false;
    }, 1s);
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - sent);
    MESSAGE("mosquitto_pub to SQLite and subscriber: " << elapsed.count() << " ms");
    CHECK(stored);
    CHECK(published);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='guard_report' AND zone='centralen.vantytor'") == 1);
    auto zone = nlohmann::json::parse(console.replica().entries().at("zone/centralen.vantytor"));
    CHECK(zone["last_report"]["persons"] == 2);
}

TEST_CASE("a report delivered twice is stored once, and each delivery gets a receipt") {
    TempDir dir("platslage-it01b");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    Handheld hh(broker.url(), "centralen", "hh-02");
    auto payload = report_json("dup-1", "centralen.centralhallen", 1, {"needs_care"});
    REQUIRE(hh.publish_report(payload));
    REQUIRE(hh.publish_report(payload));
    REQUIRE(eventually([&] { return hh.receipts().size() == 2; }));
    auto receipts = hh.receipts();
    CHECK(receipts[0]["id"] == "dup-1");
    CHECK(receipts[0]["status"] == "stored");
    CHECK(receipts[1]["status"] == "duplicate");
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM guard_reports WHERE device='hh-02' AND report_id='dup-1'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='guard_report'") == 1);
    CHECK(hub.status()["duplicates"] == 1);

    // The same id from another device is another report.
    Handheld other(broker.url(), "centralen", "hh-03");
    REQUIRE(other.publish_report(payload));
    CHECK(eventually([&] { return sql_count(hub.db(), "SELECT count(*) FROM guard_reports WHERE report_id='dup-1'") == 2; }));
}

TEST_CASE("shifts, outreach presence and online flags reach the picture") {
    TempDir dir("platslage-it01c");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    Handheld hh(broker.url(), "cityterminalen", "hh-05");
    REQUIRE(hh.publish("platslage/v1/cityterminalen/guard/hh-05/shift", R"({"ts":")" + now_rfc3339() + R"(","event":"start","guards":2})"));
    REQUIRE(hh.publish("platslage/v1/cityterminalen/outreach/team-1/status",
                       R"({"ts":")" + now_rfc3339() + R"(","status":"on_scene","zone":"cityterminalen.vanthall","org":"capio"})"));
    REQUIRE(hh.publish("platslage/v1/cityterminalen/device/hh-05/online", R"({"online":true})"));
    zmq::context_t ctx(1);
    bool seen = eventually([&] {
        Subscriber late(ctx, hub.ports());
        late.pump(100ms);
        const auto& e = late.replica().entries();
        if (!e.count("station/cityterminalen") || !e.count("team/team-1") || !e.count("device/cityterminalen/hh-05")) return false;
        auto st = nlohmann::json::parse(e.at("station/cityterminalen"));
        auto dev = nlohmann::json::parse(e.at("device/cityterminalen/hh-05"));
        return st["guards_on_shift"] == 2 && st["teams_on_site"] == 1 && dev["online"] == true;
    });
    CHECK(seen);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind IN ('guard_shift','outreach_status','device_online')") == 3);
}

namespace {
// The names of a process's threads, as top -H, gdb and perf show them.
std::multiset<std::string> thread_names(pid_t pid) {
    std::multiset<std::string> names;
    std::error_code ec;
    for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
        std::ifstream comm(task.path() / "comm");
        std::string name;
        if (std::getline(comm, name)) names.insert(name);
    }
    return names;
}
} // namespace

TEST_CASE("the running hub's threads carry their names, one each, for top -H and the benchmark's CPU by thread") {
    TempDir dir("platslage-it01");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    REQUIRE(hub.secured()); // the ZAP handler's thread is there only when the hub is secured
    auto names = thread_names(hub.process().pid());
    for (const char* name : {"log-writer", "wal-checkpoint", "mqtt-sender", "follow-up", "zap-handler"}) {
        INFO("thread " << name);
        CHECK(names.count(name) == 1);
    }
}
