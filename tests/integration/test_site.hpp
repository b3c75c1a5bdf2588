#pragma once
// A site's security material for one test run, made the way scripts/demo makes it (the CA and
// broker certificate by scripts/make-certs, broker users through Mosquitto's dynamic security
// plugin, CURVE key cards), once per test process in a folder removed at exit. Every broker
// and hub a test starts runs secured with it, as a deployment does (docs/security.md).
#include "curve_keys.hpp"
#include "hub_endpoints.hpp"

#include <mqtt/connect_options.h>

#include <filesystem>
#include <string>
#include <vector>

namespace platslage::test {

class TestSite {
public:
    // Made on first use.
    static const TestSite& get();

    std::filesystem::path dir;
    std::filesystem::path certs;           // ca.crt, broker.crt, broker.key
    std::filesystem::path ca_file;         // certs/ca.crt
    std::filesystem::path hub_keys;        // hub.secret, hub.key, admitted/
    std::filesystem::path admitted;        // hub_keys/admitted
    std::filesystem::path dynsec_template; // the broker users every test broker starts with
    std::filesystem::path admin_password;  // the broker admin's password file

    // Broker users every test broker has: "hub", "sim" (the simulator's, for test handhelds
    // too), "counters" (reads axis/+/event/# and xovis/#), "camera" (publishes axis/# and xovis/#).
    std::filesystem::path password_file(const std::string& user) const;
    std::string password(const std::string& user) const;
    // --mqtt-user, --mqtt-password-file, --mqtt-ca for a program started by a test.
    std::vector<std::string> login_args(const std::string& user) const;
    // mosquitto_pub or mosquitto_sub logged in as `user` on the plain loopback listener, its
    // password in an options file (XDG_CONFIG_HOME), never on the command line.
    std::vector<std::string> mosquitto_tool(const std::string& tool, const std::string& user) const;

    // Key cards: "kc-1", "kc-2", "kc-3", "kc-13", "kc-15" (coordinators), "operator-1", "viewer-1",
    // "admin-1", "sensor" (role sensor); "stranger" is a key the hub has never been given.
    std::filesystem::path card(const std::string& name) const;
    CurveClientKeys keys(const std::string& name) const;
    // --key and --hub-key for a program started by a test.
    std::vector<std::string> key_args(const std::string& name) const;
    // Makes a new card; admitted unless `admit` is false.
    CurveClientKeys make_key(const std::string& name, Role role, bool admit = true) const;

private:
    TestSite();
};

// The secret card `name` and the hub's public card, as paths for a command line.
std::string key_file(const std::string& name);
std::string hub_key_file();

// "XDG_CONFIG_HOME=…" for /usr/bin/env before mosquitto_pub or mosquitto_sub: logged in as
// `user` from an options file (TestSite::mosquitto_tool).
std::string mosquitto_login(const std::string& user);

// Paho connect options for a test's own client: `user`'s login, and TLS (checking the
// broker's certificate and name against the test CA) when `url` is ssl://.
mqtt::connect_options connect_options_for(const std::string& url, const std::string& user);

} // namespace platslage::test
