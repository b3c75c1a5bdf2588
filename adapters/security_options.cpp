#include "security_options.hpp"

#include "secret_file.hpp"

#include <stdexcept>

namespace platslage {

void add_broker_login_options(CLI::App& app, BrokerLogin& login) {
    app.add_option("--mqtt-user", login.user, "this device's user at the broker (platslage-admin enrol)");
    app.add_option("--mqtt-password-file", login.password_file, "file (mode 0600) holding that user's password");
    app.add_option("--mqtt-ca", login.ca_file, "CA certificate the broker's must chain to (for ssl:// brokers)");
}

void apply_broker_login(const BrokerLogin& login, MqttSessionOptions& options) {
    if (!login.user.empty() && login.password_file.empty())
        throw std::runtime_error("--mqtt-user " + login.user + " needs --mqtt-password-file");
    if (login.user.empty() && !login.password_file.empty())
        throw std::runtime_error("--mqtt-password-file needs --mqtt-user");
    options.username = login.user;
    if (!login.password_file.empty()) options.password = read_secret_file(login.password_file);
    options.ca_file = login.ca_file;
}

void add_hub_key_options(CLI::App& app, HubKeyFiles& files) {
    app.add_option("--key", files.key, "this program's secret key card (platslage-admin key)");
    app.add_option("--hub-key", files.hub_key, "the hub's public key card");
}

std::optional<CurveClientKeys> load_hub_keys(const HubKeyFiles& files) {
    if (files.key.empty() && files.hub_key.empty()) return std::nullopt;
    if (files.key.empty() || files.hub_key.empty())
        throw std::runtime_error("--key and --hub-key go together: a CURVE client needs its own key and the hub's");
    return load_client_keys(files.key, files.hub_key);
}

} // namespace platslage
