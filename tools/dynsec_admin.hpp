#pragma once
// Mosquitto's dynamic security plugin, administered over its own control topic
// ($CONTROL/dynamic-security/v1, the same commands `mosquitto_ctrl dynsec` sends): devices
// enrolled with a role of their own, and revoked at once (deleting a client disconnects it)
// while the broker keeps running. The admin's login comes from a 0600 file, like every
// other secret here.
#include "broker_acl.hpp"
#include "mqtt_session.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace platslage {

class DynsecAdmin {
public:
    // `broker`: address and the admin's login (MqttSessionOptions::username, password, ca_file).
    explicit DynsecAdmin(MqttSessionOptions broker, std::chrono::milliseconds wait = std::chrono::seconds(5));

    // Creates the device's role (its ACLs) and its client with `password`. An id already
    // enrolled is refused and left as it is; on any other refusal nothing of this enrolment
    // is left behind. Throws with the reason.
    void enrol(const DeviceGrant& grant, const std::string& password);
    // Deletes the device's client, which the broker disconnects at once, and its role.
    // Throws if there was no such device.
    void revoke(const std::string& id);
    // The usernames the broker knows.
    std::vector<std::string> clients();

    // The role name a device's ACLs are kept under.
    static std::string role_of(const std::string& id) { return "platslage-" + id; }

private:
    // Sends the commands in one message and returns the broker's responses, in order.
    nlohmann::json run(const nlohmann::json& commands);

    std::chrono::milliseconds wait_;
    std::mutex mutex_;
    std::condition_variable arrived_;
    std::deque<std::string> responses_;
    MqttSession session_;
};

// A fresh broker password: 24 random bytes from OpenSSL, base64 (32 characters).
std::string new_broker_password();

// Writes a new dynsec config file with the admin user (through `mosquitto_ctrl dynsec init`,
// the password given on its standard input, never its command line), then closes it up:
// the admin may only administer (it reads no Platsläge topic), and every default access is
// deny. Refuses to overwrite an existing file. The file is 0600.
void init_dynsec_config(const std::filesystem::path& file, const std::string& admin_user, const std::string& admin_password);

} // namespace platslage
