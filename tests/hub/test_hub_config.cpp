#include "hub_config.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <unistd.h>
#include <fstream>
#include <string>
#include <vector>

using namespace platslage;

namespace {
std::optional<HubConfig> load(std::vector<std::string> args, int& code) {
    args.insert(args.begin(), "platslage-hub");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    return load_hub_config(static_cast<int>(argv.size()), argv.data(), code);
}
std::string temp_toml() {
    static int n = 0;
    return (std::filesystem::temp_directory_path() / ("platslage-cfg-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".toml")).string();
}
} // namespace

TEST_CASE("the shipped config file documents every setting at its default") {
    int code = 0;
    auto cfg = load({"--config", PLATSLAGE_SOURCE_DIR "/hub/platslage-hub.toml"}, code);
    REQUIRE(cfg);
    CHECK(*cfg == HubConfig{});
}

TEST_CASE("security is on unless switched off by name, and a hub without its keys or login does not start") {
    int code = 0;
    CHECK_THROWS_WITH_AS(load({"--keys", ""}, code), doctest::Contains("give the hub its keys folder"), std::runtime_error);
    CHECK_THROWS_WITH_AS(load({"--mqtt-user", ""}, code), doctest::Contains("broker login"), std::runtime_error);
    // Plain MQTT only to this machine; TLS needs the CA.
    CHECK_THROWS_WITH_AS(load({"--mqtt", "tcp://10.0.0.5:1883"}, code), doctest::Contains("over TLS only"), std::runtime_error);
    CHECK_THROWS_WITH_AS(load({"--mqtt", "ssl://broker:8883"}, code), doctest::Contains("--mqtt-ca"), std::runtime_error);
    CHECK(load({"--mqtt", "ssl://broker:8883", "--mqtt-ca", "ca.crt"}, code));
    auto off = load({"--insecure-development", "--keys", "", "--mqtt-user", "", "--mqtt", "tcp://10.0.0.5:1883"}, code);
    REQUIRE(off);
    CHECK(off->insecure_development);
    auto path = temp_toml();
    std::ofstream(path) << "insecure-development = 1\n";
    CHECK_THROWS_WITH(load({"--config", path}, code), (path + ": 'insecure-development' must be true or false").c_str());
    std::remove(path.c_str());
}

TEST_CASE("the command line overrides the file") {
    auto path = temp_toml();
    std::ofstream(path) << "db = \"/srv/a.db\"\nheartbeat-ms = 500\n";
    int code = 0;
    auto cfg = load({"--config", path, "--db", "/srv/b.db"}, code);
    REQUIRE(cfg);
    CHECK(cfg->db == "/srv/b.db");
    CHECK(cfg->heartbeat_ms == 500);
    std::remove(path.c_str());
}

TEST_CASE("a bad file or value is a clear error") {
    auto path = temp_toml();
    std::ofstream(path) << "pubb = \"tcp://x\"\n";
    int code = 0;
    CHECK_THROWS_WITH(load({"--config", path}, code), (path + ": unknown setting 'pubb'").c_str());
    std::ofstream(path) << "heartbeat-ms = \"fast\"\n";
    CHECK_THROWS_WITH(load({"--config", path}, code), (path + ": 'heartbeat-ms' must be an integer").c_str());
    std::remove(path.c_str());
    CHECK_FALSE(load({"--heartbeat-ms", "soon"}, code));
    CHECK(code != 0);
}
