#pragma once
// What each kind of MQTT client may do at the broker, as Mosquitto's dynamic security plugin
// is told (docs/security.md). Everything not listed is denied: the broker's default for every
// kind of access is deny. Each device gets a role of its own naming exactly its own topics, so
// a handheld that publishes under another device's id, or on a receipt or order topic, is
// refused by the broker and nothing reaches the hub.
#include "checked.hpp"
#include "rejection.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platslage {

enum class DeviceKind {
    guard,     // a guard's handheld: its reports and shifts; reads its receipts and its station's notices
    team,      // an outreach team's device: its status, answers, outcomes; reads its orders and receipts
    hub,       // the hub: reads every Platsläge topic; alone publishes receipts, orders and notices
    simulator, // the simulator: every device's topics at once (demo and tests only)
    counters,  // the counters adapter: reads its vendors' topics (`topics`)
    camera,    // a people counter publishing to the broker: only its own vendor topics (`topics`)
};

std::string_view device_kind_name(DeviceKind k);
std::optional<DeviceKind> device_kind_from_name(std::string_view name);

// Mosquitto dynsec's ACL types.
enum class AclType { publish_send, publish_receive, subscribe_literal, subscribe_pattern, unsubscribe_pattern };
std::string_view acl_type_name(AclType t); // "publishClientSend", ...

struct AclEntry {
    AclType type;
    std::string topic;
    bool operator==(const AclEntry&) const = default;
};

struct DeviceGrant {
    DeviceKind kind;
    std::string id;                  // the username: a device, team or program id (1-32 of A-Z a-z 0-9 _ -)
    std::string station;             // guard and team: the station it works at
    std::vector<std::string> topics; // counters and camera: their vendor topic filters
};

// The ACL entries of `grant`'s role, or why the grant is not a valid one (a station or id
// that is no id, a guard without a station, a topic filter with a Platsläge topic in it, ...).
Checked<std::vector<AclEntry>> device_acls(const DeviceGrant& grant);

} // namespace platslage
