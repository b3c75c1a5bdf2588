#include "dynsec_admin.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <sys/wait.h>
#include <unistd.h>

namespace platslage {

namespace {
constexpr const char* control_topic = "$CONTROL/dynamic-security/v1";
constexpr const char* response_topic = "$CONTROL/dynamic-security/v1/response";

MqttSessionOptions admin_session(MqttSessionOptions o) {
    o.client_id = "platslage-admin-" + std::to_string(::getpid());
    o.subscriptions = {response_topic};
    o.reconnect = false;
    o.log_name = "admin";
    o.quiet = true;
    return o;
}
} // namespace

DynsecAdmin::DynsecAdmin(MqttSessionOptions broker, std::chrono::milliseconds wait)
    : wait_(wait), session_(admin_session(std::move(broker)), [this](mqtt::const_message_ptr m) {
          {
              std::lock_guard lock(mutex_);
              responses_.push_back(m->to_string());
          }
          arrived_.notify_one();
      }) {
    if (!session_.connect(wait_))
        throw std::runtime_error("cannot log in to the broker as its admin (wrong password, or an untrusted certificate?)");
}

nlohmann::json DynsecAdmin::run(const nlohmann::json& commands) {
    {
        std::lock_guard lock(mutex_);
        responses_.clear();
    }
    auto token = session_.publish(control_topic, nlohmann::json{{"commands", commands}}.dump(), 1);
    if (!token) throw std::runtime_error("the broker connection was lost");
    std::unique_lock lock(mutex_);
    if (!arrived_.wait_for(lock, wait_, [&] { return !responses_.empty(); }))
        throw std::runtime_error("the broker did not answer (is the dynamic security plugin loaded?)");
    auto doc = nlohmann::json::parse(responses_.front(), nullptr, false);
    if (!doc.is_object() || !doc.contains("responses") || !doc["responses"].is_array())
        throw std::runtime_error("the broker's answer could not be read");
    return doc["responses"];
}

void DynsecAdmin::enrol(const DeviceGrant& grant, const std::string& password) {
    auto acl = device_acls(grant);
    if (!acl) throw std::invalid_argument(acl.rejection().detail);
    const std::string role = role_of(grant.id);
    // An id already enrolled is refused before anything is touched: its role and rights stay
    // as they are. A role left without its client (an enrolment cut short) is cleared first.
    auto found = run(nlohmann::json::array({{{"command", "getClient"}, {"username", grant.id}},
                                            {{"command", "getRole"}, {"rolename", role}}}));
    if (found.size() == 2 && !found[0].contains("error"))
        throw std::runtime_error("the broker refused to enrol " + grant.id + ": it is enrolled already (revoke it first)");
    if (found.size() == 2 && !found[1].contains("error")) run(nlohmann::json::array({{{"command", "deleteRole"}, {"rolename", role}}}));
    nlohmann::json commands = nlohmann::json::array();
    commands.push_back({{"command", "createRole"}, {"rolename", role},
                        {"textname", std::string(device_kind_name(grant.kind)) + " " + grant.id}});
    for (const auto& e : *acl)
        commands.push_back({{"command", "addRoleACL"}, {"rolename", role}, {"acltype", acl_type_name(e.type)},
                            {"topic", e.topic}, {"allow", true}, {"priority", 0}});
    commands.push_back({{"command", "createClient"}, {"username", grant.id}, {"password", password},
                        {"roles", nlohmann::json::array({{{"rolename", role}}})}});
    auto responses = run(commands);
    std::string error;
    for (const auto& r : responses)
        if (r.contains("error") && error.empty()) error = r.value("command", std::string("?")) + ": " + r["error"].get<std::string>();
    if (error.empty()) return;
    // Leave nothing half made: neither existed before this batch.
    run(nlohmann::json::array(
        {{{"command", "deleteClient"}, {"username", grant.id}}, {{"command", "deleteRole"}, {"rolename", role}}}));
    throw std::runtime_error("the broker refused to enrol " + grant.id + ": " + error);
}

void DynsecAdmin::revoke(const std::string& id) {
    auto responses = run(nlohmann::json::array(
        {{{"command", "deleteClient"}, {"username", id}}, {{"command", "deleteRole"}, {"rolename", role_of(id)}}}));
    if (!responses.empty() && responses[0].contains("error"))
        throw std::runtime_error("the broker refused to revoke " + id + ": " + responses[0]["error"].get<std::string>());
}

std::vector<std::string> DynsecAdmin::clients() {
    auto responses = run(nlohmann::json::array({{{"command", "listClients"}, {"verbose", false}, {"count", -1}}}));
    std::vector<std::string> names;
    if (responses.empty() || !responses[0].contains("data")) return names;
    for (const auto& c : responses[0]["data"].value("clients", nlohmann::json::array()))
        if (c.is_string()) names.push_back(c.get<std::string>());
    return names;
}

std::string new_broker_password() {
    std::array<unsigned char, 24> raw{};
    if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) throw std::runtime_error("no random bytes from OpenSSL");
    std::array<unsigned char, 33> text{};
    EVP_EncodeBlock(text.data(), raw.data(), static_cast<int>(raw.size()));
    return reinterpret_cast<const char*>(text.data());
}

void init_dynsec_config(const std::filesystem::path& file, const std::string& admin_user, const std::string& admin_password) {
    if (std::filesystem::exists(file)) throw std::runtime_error(file.string() + " exists already; it is not overwritten");
    // mosquitto_ctrl asks for the password twice on its standard input.
    std::string command = "mosquitto_ctrl dynsec init '" + file.string() + "' '" + admin_user + "' >/dev/null";
    if (file.string().find('\'') != std::string::npos || admin_user.find('\'') != std::string::npos)
        throw std::invalid_argument("no quotes in the file or user name");
    FILE* ctrl = ::popen(command.c_str(), "w");
    if (!ctrl) throw std::runtime_error("cannot run mosquitto_ctrl");
    std::string twice = admin_password + "\n" + admin_password + "\n";
    std::fwrite(twice.data(), 1, twice.size(), ctrl);
    int status = ::pclose(ctrl);
    if (status != 0 || !std::filesystem::exists(file))
        throw std::runtime_error("mosquitto_ctrl dynsec init failed for " + file.string());
    std::filesystem::permissions(file, std::filesystem::perms(0600));

    std::ifstream in(file);
    auto config = nlohmann::json::parse(in);
    in.close();
    // The admin administers; it does not read what guards report.
    for (auto& role : config["roles"]) {
        auto& acls = role["acls"];
        nlohmann::json kept = nlohmann::json::array();
        for (const auto& a : acls)
            if (a.value("topic", std::string()).rfind("$CONTROL/dynamic-security/", 0) == 0) kept.push_back(a);
        acls = kept;
    }
    config["defaultACLAccess"] = {{"publishClientSend", false}, {"publishClientReceive", false}, {"subscribe", false},
                                  {"unsubscribe", false}};
    auto tmp = file;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        std::filesystem::permissions(tmp, std::filesystem::perms(0600));
        out << config.dump(1, '\t') << "\n";
        if (!out) throw std::runtime_error(tmp.string() + ": could not be written");
    }
    std::filesystem::rename(tmp, file);
}

} // namespace platslage
