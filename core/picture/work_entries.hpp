#pragma once
// The picture's entries about work in hand (docs/protocol.md, "The live picture"): an alert
// (`alert/<id>`) and a dispatch order (`dispatch/<id>`). The hub publishes them with the
// domain's own to_published_json(Alert) and to_json(Dispatch); the consoles read them back
// here into the same types, without throwing. A missing or mistyped field reads as absent,
// but an alert must name its rule, severity and state, and an order its state: the queue is
// sorted and the teams are offered by them, and a guess could bury a critical alert.
#include "alert.hpp"
#include "dispatch.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>

namespace platslage {

// An alert as the consoles are sent it: its history is the raising step and the newest ones
// (alert_steps_shown), and `steps` counts every step it has had.
struct PublishedAlert {
    Alert alert;
    std::size_t steps = 0;
};

std::optional<PublishedAlert> published_alert_from(const nlohmann::json& object);
std::optional<Dispatch> dispatch_entry_from(const nlohmann::json& object);

} // namespace platslage
