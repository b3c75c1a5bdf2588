// People counters' own messages through the real adapter: AXIS Object Analytics crossline
// events published to a real Mosquitto the way the camera's MQTT client does, turned into
// occupancy by platslage-counters and pushed to a real hub, and read back from the hub's
// live picture as a console reads it. A broken event is refused and counted while the
// adapter keeps running; on SIGTERM it prints its counts and exits 0.
#include "system_under_test.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <fstream>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {
const std::string camera_serial = "ACCC8E012345";

// The camera's own MQTT client: the default topic prefix axis/<serial>, condition
// namespaces on, the serial included in the payload.
class Camera {
public:
    explicit Camera(const std::string& broker_url)
        : client_(broker_url, "test-camera-" + camera_serial, static_cast<mqtt::iclient_persistence*>(nullptr)) {
        client_.connect(connect_options_for(broker_url, "camera"))->wait();
    }
    ~Camera() {
        try {
            client_.disconnect()->wait_for(std::chrono::seconds(2));
        } catch (const mqtt::exception&) {
        }
    }
    static std::string topic(int scenario) {
        return "axis/" + camera_serial + "/event/tns:axis/CameraApplicationPlatform/ObjectAnalytics/Device1Scenario" +
               std::to_string(scenario);
    }
    // A crossline counting event with the scenario's total since its last reset, as a string.
    bool crossline(int scenario, const std::string& total) {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        nlohmann::json data = {{"startTime", "2026-11-17T03:00:02Z"}, {"reason", "human"}, {"total", total}, {"totalHuman", total}};
        auto payload = nlohmann::json{{"topic", "axis:CameraApplicationPlatform/ObjectAnalytics/Device1Scenario" + std::to_string(scenario)},
                                      {"timestamp", ms},
                                      {"serial", camera_serial},
                                      {"message", {{"source", nlohmann::json::object()}, {"key", nlohmann::json::object()}, {"data", data}}}}
                           .dump();
        return client_.publish(topic(scenario), payload.data(), payload.size(), 1, false)->wait_for(std::chrono::seconds(5));
    }

private:
    mqtt::async_client client_;
};
} // namespace

TEST_CASE("people counters: AOA crossline events through platslage-counters set the zone's count; a broken one is refused and counted") {
    TempDir dir("platslage-it09");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    auto config = dir.path() / "counters.toml";
    // One door into Centralen's waiting area, counted by two scenarios on one camera.
    std::ofstream(config) << "[[aoa]]\ndevice = \"" << camera_serial
                          << "\"\nscenario = 1\nkind = \"crossline-in\"\nsensor = \"aoa-vt-in\"\nzone = \"centralen.vantytor\"\n"
                          << "[[aoa]]\ndevice = \"" << camera_serial
                          << "\"\nscenario = 2\nkind = \"crossline-out\"\nsensor = \"aoa-vt-out\"\nzone = \"centralen.vantytor\"\n";
    ChildProcess counters({PLATSLAGE_COUNTERS_BIN, "--config", config.string(), "--maps", PLATSLAGE_MAPS_DIR, "--mqtt",
                           broker.url(), "--mqtt-client-id", "platslage-counters-test", "--ingest", loopback(hub.ports().ingest),
                           "--summary-every-s", "0", "--log-level", "debug", "--mqtt-user", "counters", "--mqtt-password-file",
                           TestSite::get().password_file("counters").string(), "--mqtt-ca", TestSite::get().ca_file.string(),
                           "--key", key_file("sensor"), "--hub-key", hub_key_file(), "--state",
                           (dir.path() / "counters.state.json").string()},
                          dir.path() / "counters.log");
    REQUIRE_MESSAGE(eventually([&] { return counters.log_text().find("mqtt: subscribed to") != std::string::npos; }, 10s),
                    counters.log_text());

    zmq::context_t ctx(1);
    Subscriber console(ctx, hub.ports());
    auto zone = [&] {
        console.pump(20ms);
        auto it = console.replica().entries().find("zone/centralen.vantytor");
        return it == console.replica().entries().end() ? nlohmann::json() : nlohmann::json::parse(it->second);
    };

    Camera camera(broker.url());
    REQUIRE(camera.crossline(1, "100")); // the first totals heard are the baselines
    REQUIRE(camera.crossline(2, "40"));
    REQUIRE_MESSAGE(eventually([&] { return zone()["occupancy"] == 0 && zone()["sensor"] == "ok"; }, 5s), counters.log_text());
    REQUIRE(camera.crossline(1, "107")); // 7 in
    REQUIRE(camera.crossline(2, "42"));  // 2 out
    CHECK_MESSAGE(eventually([&] { return zone()["occupancy"] == 5; }, 5s), counters.log_text());

    // Text where the count belongs, and a scenario the config does not know: refused and
    // counted, and the adapter goes on.
    REQUIRE(camera.crossline(1, "abc"));
    REQUIRE(camera.crossline(9, "12"));
    CHECK(eventually([&] {
        auto log = counters.log_text();
        return log.find("refused (bad_value)") != std::string::npos && log.find("refused (unknown_sensor)") != std::string::npos;
    }));
    CHECK(counters.running());
    REQUIRE(camera.crossline(1, "3")); // the camera's totals were reset: 3 in since
    CHECK_MESSAGE(eventually([&] { return zone()["occupancy"] == 8; }, 5s), counters.log_text());
    CHECK(zone()["sensor"] == "ok");

    counters.signal(SIGTERM);
    CHECK(counters.wait(5s) == 0);
    auto log = counters.log_text();
    INFO(log);
    CHECK(log.find("counters: messages=7 samples_sent=5") != std::string::npos);
    CHECK(log.find("refused=2 (bad_value=1 unknown_sensor=1)") != std::string::npos);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='occupancy'") == 5);
}

// OpenSSL's cleanup at exit frees a lock that Paho's sending thread may still take (a use after
// free ThreadSanitizer saw in this adapter); it must be asked not to run before any library
// starts OpenSSL, and Debian's cpp-httplib starts it as it is loaded. A program linked as the
// adapter is says, by its exit status, whether the cleanup ran (tests/integration/openssl_exit_check.cpp).
TEST_CASE("a program with cpp-httplib and Paho does not run OpenSSL's cleanup at exit, while Paho's threads may still use it") {
    CHECK(run_command({PLATSLAGE_OPENSSL_EXIT_CHECK_BIN}, scaled(std::chrono::seconds(10))) == 0);
}
