#pragma once
// The command-line options every client program takes for security, named the same
// everywhere: its broker login (--mqtt-user, --mqtt-password-file, --mqtt-ca) and its CURVE
// keys towards the hub (--key, --hub-key). Secrets are only ever named by file, so none shows
// in `ps` or a shell's history (docs/security.md).
#include "curve_keys.hpp"
#include "mqtt_session.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace platslage {

struct BrokerLogin {
    std::string user;
    std::string password_file;
    std::string ca_file;
};

void add_broker_login_options(CLI::App& app, BrokerLogin& login);

// Puts the login into `options`, reading the password file. Throws with the file's name when
// the password cannot be read, or a user is given without one.
void apply_broker_login(const BrokerLogin& login, MqttSessionOptions& options);

struct HubKeyFiles {
    std::string key;     // this program's secret card
    std::string hub_key; // the hub's public card
};

void add_hub_key_options(CLI::App& app, HubKeyFiles& files);

// Both files given: the keys; neither: nullopt (a hub in development mode, without security);
// one only: an error.
std::optional<CurveClientKeys> load_hub_keys(const HubKeyFiles& files);

} // namespace platslage
