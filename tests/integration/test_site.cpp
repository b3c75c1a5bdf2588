#include "test_site.hpp"

#include "dynsec_admin.hpp"
#include "processes.hpp"
#include "secret_file.hpp"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>

#include <csignal>

namespace platslage::test {

namespace {
const char* const console_keys[][2] = {{"kc-1", "coordinator"}, {"kc-2", "coordinator"}, {"kc-3", "coordinator"}, {"kc-13", "coordinator"},
                                       {"kc-15", "coordinator"}, {"operator-1", "operator"}, {"viewer-1", "viewer"},
                                       {"admin-1", "admin"}, {"sensor", "sensor"}};

// The broker users made once: a template every test broker copies.
void enrol_standard_users(const TestSite& site, DynsecAdmin& admin) {
    admin.enrol({DeviceKind::hub, "hub", "", {}}, site.password("hub"));
    admin.enrol({DeviceKind::simulator, "sim", "", {}}, site.password("sim"));
    admin.enrol({DeviceKind::counters, "counters", "", {"axis/+/event/#", "xovis/#"}}, site.password("counters"));
    admin.enrol({DeviceKind::camera, "camera", "", {"axis/#", "xovis/#"}}, site.password("camera"));
}

std::unique_ptr<TempDir> site_dir;
} // namespace

const TestSite& TestSite::get() {
    static const TestSite site;
    return site;
}

TestSite::TestSite() {
    site_dir = std::make_unique<TempDir>("platslage-site");
    dir = site_dir->path();
    certs = dir / "certs";
    ca_file = certs / "ca.crt";
    hub_keys = dir / "keys";
    admitted = hub_keys / "admitted";
    dynsec_template = dir / "dynamic-security.json";
    admin_password = dir / "secrets" / "admin.password";
    std::filesystem::create_directories(admitted);
    std::filesystem::create_directories(dir / "secrets");
    std::filesystem::create_directories(dir / "clients");

    if (run_command({PLATSLAGE_MAKE_CERTS, certs.string()}, std::chrono::seconds(30)) != 0)
        throw std::runtime_error("scripts/make-certs failed");

    KeyCard hub{"hub", "hub", Role::hub, "", ""};
    auto pair = make_curve_key_pair();
    hub.public_key = pair.public_key;
    hub.secret_key = pair.secret_key;
    write_secret_card(hub_keys, hub);
    write_public_card(hub_keys, hub);
    for (const auto& k : console_keys) make_key(k[0], *role_from_name(k[1]));
    make_key("stranger", Role::coordinator, /*admit=*/false);

    for (const char* user : {"hub", "sim", "counters", "camera"}) write_secret_file(password_file(user), new_broker_password());
    // The users are made through a real broker, as platslage-admin makes them.
    auto init_dir = dir / "dynsec-init";
    std::filesystem::create_directories(init_dir);
    auto admin_password_text = new_broker_password();
    write_secret_file(admin_password, admin_password_text);
    init_dynsec_config(init_dir / "dynamic-security.json", "admin", admin_password_text);
    int port = free_port();
    {
        std::ofstream conf(init_dir / "mosquitto.conf");
        conf << "per_listener_settings false\nallow_anonymous false\nplugin " << PLATSLAGE_DYNSEC_PLUGIN
             << "\nplugin_opt_config_file " << (init_dir / "dynamic-security.json").string() << "\nlistener " << port
             << " 127.0.0.1\n";
        if (::getuid() == 0) conf << "user root\n";
    }
    {
        ChildProcess broker({"/usr/sbin/mosquitto", "-c", (init_dir / "mosquitto.conf").string()}, init_dir / "mosquitto.out");
        if (!eventually([&] { return port_accepts(port); })) throw std::runtime_error("mosquitto did not start: " + broker.log_text());
        MqttSessionOptions o;
        o.uri = loopback(port);
        o.username = "admin";
        o.password = admin_password_text;
        DynsecAdmin admin(o);
        enrol_standard_users(*this, admin);
    }
    std::filesystem::copy_file(init_dir / "dynamic-security.json", dynsec_template);

    for (const char* user : {"hub", "sim", "counters", "camera"}) {
        auto conf_dir = dir / "mosquitto-clients" / user;
        std::filesystem::create_directories(conf_dir);
        for (const char* tool : {"mosquitto_pub", "mosquitto_sub"})
            write_secret_file(conf_dir / tool, std::string("-u ") + user + "\n-P " + password(user));
    }
}

std::filesystem::path TestSite::password_file(const std::string& user) const { return dir / "secrets" / (user + ".password"); }

std::string TestSite::password(const std::string& user) const { return read_secret_file(password_file(user)); }

std::vector<std::string> TestSite::login_args(const std::string& user) const {
    return {"--mqtt-user", user, "--mqtt-password-file", password_file(user).string(), "--mqtt-ca", ca_file.string()};
}

std::vector<std::string> TestSite::mosquitto_tool(const std::string& tool, const std::string& user) const {
    return {"/usr/bin/env", "XDG_CONFIG_HOME=" + (dir / "mosquitto-clients" / user).string(), "/usr/bin/" + tool};
}

std::string key_file(const std::string& name) { return TestSite::get().card(name).string(); }
std::string hub_key_file() { return (TestSite::get().hub_keys / "hub.key").string(); }

std::string mosquitto_login(const std::string& user) {
    return "XDG_CONFIG_HOME=" + (TestSite::get().dir / "mosquitto-clients" / user).string();
}

std::filesystem::path TestSite::card(const std::string& name) const { return dir / "clients" / (name + ".secret"); }

CurveClientKeys TestSite::keys(const std::string& name) const { return load_client_keys(card(name), hub_keys / "hub.key"); }

std::vector<std::string> TestSite::key_args(const std::string& name) const {
    return {"--key", card(name).string(), "--hub-key", (hub_keys / "hub.key").string()};
}

CurveClientKeys TestSite::make_key(const std::string& name, Role role, bool admit) const {
    auto pair = make_curve_key_pair();
    KeyCard c{name, name, role, pair.public_key, pair.secret_key};
    write_secret_card(dir / "clients", c);
    if (admit) write_public_card(admitted, c);
    return keys(name);
}

mqtt::connect_options connect_options_for(const std::string& url, const std::string& user) {
    const auto& site = TestSite::get();
    mqtt::connect_options_builder b;
    b.clean_session(true).user_name(user).password(site.password(user));
    if (url.rfind("ssl://", 0) == 0)
        b.ssl(mqtt::ssl_options_builder().trust_store(site.ca_file.string()).enable_server_cert_auth(true).verify(true).finalize());
    return b.finalize();
}

} // namespace platslage::test
