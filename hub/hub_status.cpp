#include "hub_status.hpp"

#include <nlohmann/json.hpp>

namespace platslage {

std::string HubStatus::json(bool mqtt_connected, const SnapshotCounts& snapshots, const FollowUpCounts& statistics) const {
    const auto& situation = hub_.situation;
    const auto& refused = refusals_.counters();
    nlohmann::json stations = nlohmann::json::object();
    for (const auto& s : hub_.zones.stations()) stations[s] = {{"occupancy", situation.station_occupancy(s)}};
    nlohmann::json by_reason = nlohmann::json::object();
    for (std::size_t i = 0; i < reject_reason_count; ++i) {
        auto r = static_cast<RejectReason>(i);
        if (refused.of(r)) by_reason[std::string(reason_name(r))] = refused.of(r);
    }
    return nlohmann::json{{"epoch", hub_.epoch},
                          {"seq", situation.state().sequence()},
                          {"uptime_s", (hub_.clock.now() - hub_.started).count() / 1000},
                          {"mqtt", mqtt_connected ? "connected" : "disconnected"},
                          {"events_in", hub_.accepted},
                          {"duplicates", hub_.duplicates},
                          {"store_failures", hub_.storage.failures()},
                          {"storage", hub_.storage.status()},
                          {"reports_stored", hub_.log.report_count()},
                          {"stations", stations},
                          {"alerts_open", situation.open_alerts()},
                          {"extra_cold", situation.fusion().extra_cold()},
                          {"rejected", {{"total", refused.total()},
                                        {"by_reason", by_reason},
                                        {"held_back", refusals_.held_back_total()}}},
                          {"security", {{"on", hub_.security.on()},
                                        {"keys_admitted", hub_.security.admitted_keys()},
                                        {"handshakes_refused", hub_.security.handshakes_refused()}}},
                          {"snapshots", {{"sending", snapshots.sending},
                                         {"completed", snapshots.completed},
                                         {"abandoned", snapshots.abandoned},
                                         {"busy", snapshots.busy}}},
                          {"statistics", {{"answered", statistics.answered},
                                          {"failed", statistics.failed},
                                          {"busy", statistics.busy},
                                          {"searches", statistics.searched}}}}
        .dump();
}

std::string HubStatus::line(bool mqtt_connected) const {
    const auto& situation = hub_.situation;
    const auto& refused = refusals_.counters();
    std::string occ;
    for (const auto& s : hub_.zones.stations()) occ += " " + s + "=" + std::to_string(situation.station_occupancy(s));
    return "status: events_in=" + std::to_string(hub_.accepted) + " duplicates=" + std::to_string(hub_.duplicates) + occ +
           " alerts_open=" + std::to_string(situation.open_alerts()) + " rejected=" + std::to_string(refused.total()) +
           " (" + refused.summary() + ") mqtt=" + (mqtt_connected ? "up" : "down") +
           (hub_.storage.failing() ? " storage=FAILING" : "") +
           " seq=" + std::to_string(situation.state().sequence());
}

} // namespace platslage
