// platslage-admin: enrols and revokes the devices and keys that may reach Platsläge
// (docs/security.md). Broker users and their roles live in Mosquitto's dynamic security
// plugin and change while it runs; CURVE key cards are files, the hub's admitted folder
// holding the public halves. A device's broker password is made here, printed once (or
// written to a 0600 file for the device) and kept nowhere else: the broker holds only its hash.
//
// Exit codes: 0 done; 1 refused or failed (the reason is printed); 2 bad command line.
#include "curve_keys.hpp"
#include "dynsec_admin.hpp"
#include "secret_file.hpp"
#include "security_options.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

#include <sys/stat.h>

using namespace platslage;

namespace {

struct AdminLogin {
    std::string mqtt = "tcp://127.0.0.1:1883";
    BrokerLogin login{"admin", "", ""};
};

void add_admin_login(CLI::App& cmd, AdminLogin& a) {
    cmd.add_option("--mqtt", a.mqtt, "the broker (its loopback listener, or ssl://host:8883 with --mqtt-ca)")->capture_default_str();
    cmd.add_option("--admin-user", a.login.user, "the broker's admin user")->capture_default_str();
    cmd.add_option("--admin-password-file", a.login.password_file, "file (0600) with the admin's password")->required();
    cmd.add_option("--mqtt-ca", a.login.ca_file, "CA certificate the broker's must chain to (ssl:// only)");
}

DynsecAdmin connect(const AdminLogin& a) {
    MqttSessionOptions o;
    o.uri = a.mqtt;
    apply_broker_login(a.login, o);
    return DynsecAdmin(o);
}

} // namespace

int main(int argc, char** argv) {
    // Everything written here is a secret or sits beside one.
    ::umask(077);
    CLI::App app{"platslage-admin: enrol and revoke the devices, consoles and programs that may reach Platsläge"};
    app.require_subcommand(1);

    std::string config, password_file;
    std::string admin_user = "admin";
    auto* init = app.add_subcommand("broker-init", "write the broker's dynamic security config: an admin user, deny by default");
    init->add_option("--config", config, "the new dynsec JSON file (plugin_opt_config_file)")->required();
    init->add_option("--admin-user", admin_user, "the admin's user name")->capture_default_str();
    init->add_option("--admin-password-file", password_file, "where the admin's new password is written (0600)")->required();

    AdminLogin enrol_login;
    DeviceGrant grant{DeviceKind::guard, "", "", {}};
    std::string kind = "guard", password_out;
    auto* enrol = app.add_subcommand("enrol", "give a device, team, program or camera its broker user and role");
    enrol->add_option("--kind", kind, "guard, team, hub, simulator, counters or camera")->capture_default_str()
        ->check(CLI::IsMember({"guard", "team", "hub", "simulator", "counters", "camera"}));
    enrol->add_option("--id", grant.id, "its id, which is its user name (hh-07, team-2, hub)")->required();
    enrol->add_option("--station", grant.station, "guard and team: the station it works at");
    enrol->add_option("--topic", grant.topics, "counters and camera: a vendor topic filter it reads or publishes (repeat)");
    enrol->add_option("--password-out", password_out, "write the new password to this new file (0600) instead of printing it");
    add_admin_login(*enrol, enrol_login);

    AdminLogin revoke_login;
    std::string revoke_id;
    auto* revoke = app.add_subcommand("revoke", "delete a device's broker user: it is disconnected at once");
    revoke->add_option("--id", revoke_id, "the device's id")->required();
    add_admin_login(*revoke, revoke_login);

    AdminLogin list_login;
    auto* devices = app.add_subcommand("devices", "list the broker's users");
    add_admin_login(*devices, list_login);

    KeyCard card;
    std::string role = "viewer", out_dir, admit_dir;
    auto* key = app.add_subcommand("key", "make a CURVE key pair: the secret card for its holder, the public one for the hub");
    key->add_option("--name", card.name, "the card's name (console-kc-1, sim, counters-1, hub)")->required();
    key->add_option("--position", card.position, "the operator position it acts as (kc-1); default its name");
    key->add_option("--role", role, "viewer, operator, coordinator, admin, sensor, or hub for the hub's own")
        ->capture_default_str()
        ->check(CLI::IsMember({"viewer", "operator", "coordinator", "admin", "sensor", "hub"}));
    key->add_option("--out", out_dir, "folder for the secret card <name>.secret (and the public <name>.key)")->required();
    key->add_option("--admit", admit_dir, "the hub's admitted folder: the public card is put there too");

    std::string revoke_key_name, admitted_dir;
    auto* revoke_key = app.add_subcommand("revoke-key", "take a public card out of the hub's admitted folder");
    revoke_key->add_option("--name", revoke_key_name, "the card's name")->required();
    revoke_key->add_option("--admitted", admitted_dir, "the hub's admitted folder")->required();

    CLI11_PARSE(app, argc, argv);
    try {
        if (*init) {
            auto password = new_broker_password();
            init_dynsec_config(config, admin_user, password);
            write_secret_file(password_file, password);
            std::cout << "broker config " << config << " written; admin " << admin_user << "'s password in " << password_file << "\n";
        } else if (*enrol) {
            grant.kind = *device_kind_from_name(kind);
            auto password = new_broker_password();
            // The file first: a password the device never gets is no use to anyone.
            if (!password_out.empty()) write_secret_file(password_out, password, /*only_new=*/true);
            try {
                connect(enrol_login).enrol(grant, password);
            } catch (...) {
                if (!password_out.empty()) std::filesystem::remove(password_out); // a password for nobody
                throw;
            }
            if (password_out.empty())
                std::cout << "enrolled " << kind << " " << grant.id << "; its password, shown this once:\n" << password << "\n";
            else
                std::cout << "enrolled " << kind << " " << grant.id << "; its password is in " << password_out << "\n";
        } else if (*revoke) {
            connect(revoke_login).revoke(revoke_id);
            std::cout << "revoked " << revoke_id << ": disconnected, and refused from now on\n";
        } else if (*devices) {
            for (const auto& name : connect(list_login).clients()) std::cout << name << "\n";
        } else if (*key) {
            if (card.position.empty()) card.position = card.name;
            card.role = *role_from_name(role);
            auto pair = make_curve_key_pair();
            card.public_key = pair.public_key;
            card.secret_key = pair.secret_key;
            std::filesystem::create_directories(out_dir);
            write_secret_card(out_dir, card);
            write_public_card(out_dir, card);
            if (!admit_dir.empty()) {
                std::filesystem::create_directories(admit_dir);
                write_public_card(admit_dir, card);
            }
            std::cout << "key " << card.name << " (" << role << ", position " << card.position << ", fingerprint "
                      << key_fingerprint(card.public_key) << ") in " << out_dir
                      << (admit_dir.empty() ? "" : "; admitted in " + admit_dir) << "\n";
        } else if (*revoke_key) {
            auto path = std::filesystem::path(admitted_dir) / (revoke_key_name + ".key");
            if (!std::filesystem::remove(path)) throw std::runtime_error(path.string() + " is not there");
            std::cout << "key " << revoke_key_name << " revoked: the hub refuses it within a second\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "platslage-admin: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
