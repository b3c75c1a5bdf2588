#pragma once
// MQTT topics of protocol v1: platslage/v1/<station>/<role>/<actor>/<leaf>.
#include "checked.hpp"

#include <string>
#include <string_view>

namespace platslage {

inline constexpr std::string_view mqtt_root = "platslage";
inline constexpr std::string_view mqtt_version = "v1";

enum class TopicKind {
    guard_report,      // guard → hub, QoS 1
    guard_shift,       // guard → hub, shift start/end
    guard_receipt,     // hub → guard: the report is stored (or why it was refused)
    outreach_status,   // team → hub, presence and status
    outreach_dispatch, // hub → team, QoS 1: an order, or its withdrawal
    outreach_ack,      // team → hub: the order is accepted or declined
    outreach_outcome,  // team → hub: how it went
    outreach_receipt,  // hub → team: the answer or outcome is stored (or why it was refused)
    hub_notice,        // hub → every handheld of a station: upcoming joint deployment meetings
    device_online,     // device → hub, online flag and last will
};

struct Topic {
    std::string station;
    TopicKind kind;
    std::string actor; // device id (guard, device) or team id (outreach)
};

// Checks shape, version and leaf, and that the station and the device or team are ids (the
// station is checked against the maps by the caller).
Checked<Topic> parse_topic(std::string_view topic);
std::string topic_string(const Topic& t);

// Device and team ids: 1-32 of [A-Za-z0-9_-]; they name equipment or a team, never a person,
// so an id that the privacy scrubber would take for an identity or phone number is refused.
bool is_actor_id(std::string_view id);
// What is_actor_id asks, said the same way in every refusal: "field 'by' must be an operator
// position: 1-32 of A-Z a-z 0-9 _ -, and not an identity or phone number".
std::string actor_id_refusal(std::string_view field, std::string_view what = "an id");

} // namespace platslage
