#include "order_desk.hpp"

#include "time_text.hpp"
#include "topic.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace platslage {

void OrderDesk::take(const std::vector<Update>& updates) {
    store_alert_steps(updates);
    store_and_send_orders(updates);
}

void OrderDesk::store_all() {
    unstored_ = false;
    std::vector<Update> all;
    for (const auto& [id, a] : hub_.situation.fusion().alerts().alerts()) all.push_back(Update{0, "alert/" + id, ""});
    for (const auto& [id, d] : hub_.situation.fusion().dispatches().dispatches()) all.push_back(Update{0, "dispatch/" + id, ""});
    take(all);
}

void OrderDesk::store_alert_steps(const std::vector<Update>& updates) {
    std::vector<AlertStepRecord> steps;
    for (const auto& u : updates) {
        if (u.key.rfind("alert/", 0) != 0) continue;
        auto id = u.key.substr(6);
        const Alert* a = hub_.situation.fusion().alerts().find(id);
        if (!a) {
            steps_stored_.erase(id); // left the view; every step was stored when it happened
            continue;
        }
        auto& stored = steps_stored_[id];
        for (; stored < a->history.size(); ++stored) {
            const auto& t = a->history[stored];
            steps.push_back(AlertStepRecord{id, static_cast<int>(stored), t.at, t.what, t.by, std::string(severity_name(t.severity)),
                                            t.detail, std::string(rule_name(a->rule)), a->station, a->zone});
        }
    }
    try {
        hub_.log.store_alert_steps(steps);
    } catch (const std::exception& e) {
        // Offered again at the next tick (and at the next start): the events they come from are stored.
        unstored_ = true;
        spdlog::error("alert steps not stored, trying again: {}", e.what());
        for (const auto& st : steps) steps_stored_[st.alert_id] = std::min<std::size_t>(steps_stored_[st.alert_id], static_cast<std::size_t>(st.step));
    }
}

void OrderDesk::store_and_send_orders(const std::vector<Update>& updates) {
    std::vector<Dispatch> changed;
    for (const auto& u : updates) {
        if (u.key.rfind("dispatch/", 0) != 0) continue;
        const Dispatch* d = hub_.situation.fusion().dispatches().find(u.key.substr(9));
        if (!d) continue; // left the view; stored as it was when it finished
        changed.push_back(*d);
        if (d->state == DispatchState::sent && !told_.contains(d->id)) send_order(*d);
        else if (d->state == DispatchState::withdrawn && told_.erase(d->id)) send_withdrawal(*d);
    }
    try {
        hub_.log.store_dispatches(changed);
    } catch (const std::exception& e) {
        // The order itself is in the event log: stored again at the next tick or start.
        unstored_ = true;
        spdlog::error("dispatches not stored, trying again: {}", e.what());
    }
}

void OrderDesk::send_order(const Dispatch& d) {
    if (!hub_.mqtt) return;
    told_.insert(d.id);
    hub_.mqtt->publish(topic_string(Topic{d.station, TopicKind::outreach_dispatch, d.team}), order_json(d, hub_.zones).dump(), 1);
    spdlog::info("dispatch {}: {} sent to {} for {}", d.id, d.zone, d.team, d.alert);
}

void OrderDesk::send_withdrawal(const Dispatch& d) {
    if (!hub_.mqtt) return;
    nlohmann::json j{{"dispatch", d.id}, {"alert", d.alert}, {"withdrawn", true},
                     {"ts", format_rfc3339(d.finished_at.value_or(hub_.clock.now()))}};
    hub_.mqtt->publish(topic_string(Topic{d.station, TopicKind::outreach_dispatch, d.team}), j.dump(), 1);
    spdlog::info("dispatch {}: withdrawn from {}", d.id, d.team);
}

// Orders still waiting for an answer go out again whenever the broker link comes up: one
// sent while it was down is lost, and the team's handheld drops an order it already has.
void OrderDesk::resend_open_orders() {
    for (const auto& [id, d] : hub_.situation.fusion().dispatches().dispatches())
        if (d.state == DispatchState::sent) send_order(d);
}

} // namespace platslage
