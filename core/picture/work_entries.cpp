#include "work_entries.hpp"

#include "entry_reader.hpp"

#include <algorithm>

namespace platslage {

using nlohmann::json;

namespace {
constexpr std::size_t dispatch_state_count = 7;

std::vector<AlertTransition> steps_from(const EntryReader& r) {
    std::vector<AlertTransition> out;
    if (const json* h = r.array("history"))
        for (const auto& s : *h)
            if (s.is_object()) {
                EntryReader step(s);
                out.push_back({step.time("at").value_or(TimePoint{}), step.text("what"), step.text("by"),
                               step.named<Severity>("severity", severity_count, severity_name).value_or(Severity::warning),
                               step.text("detail")});
            }
    return out;
}
} // namespace

std::optional<PublishedAlert> published_alert_from(const json& object) {
    EntryReader r(object);
    auto rule = r.named<AlertRule>("rule", rule_count, rule_name);
    auto severity = r.named<Severity>("severity", severity_count, severity_name);
    auto state = alert_state_from_name(r.text("state"));
    if (!rule || !severity || !state) return std::nullopt;
    PublishedAlert p;
    Alert& a = p.alert;
    a.id = r.text("id");
    a.rule = *rule;
    a.station = r.text("station");
    a.zone = r.text("zone");
    a.subject = r.text("subject");
    a.severity = *severity;
    a.state = *state;
    a.raised_at = r.time("raised_at").value_or(TimePoint{});
    a.last_signal = r.time("last_signal").value_or(TimePoint{});
    a.ack_due = r.time("ack_due").value_or(TimePoint{});
    a.expires_at = r.time("expires_at").value_or(TimePoint{});
    a.signals = r.integer("signals");
    a.persons = r.integer("persons");
    a.categories = r.texts("categories");
    a.summary = r.text("summary");
    a.escalations = r.integer("escalations");
    a.reannounced = r.integer("reannounced");
    a.assigned_to = r.text("assigned_to");
    a.outcome = r.text("outcome");
    a.history = steps_from(r);
    // A hub from before the steps were counted sent them all.
    p.steps = std::max<std::size_t>(static_cast<std::size_t>(std::max(r.integer("steps"), 0)), a.history.size());
    return p;
}

std::optional<Dispatch> dispatch_entry_from(const json& object) {
    EntryReader r(object);
    auto state = r.named<DispatchState>("state", dispatch_state_count, dispatch_state_name);
    if (!state) return std::nullopt;
    Dispatch d;
    d.id = r.text("id");
    d.alert = r.text("alert");
    d.team = r.text("team");
    d.station = r.text("station");
    d.zone = r.text("zone");
    d.by = r.text("by");
    d.severity = r.named<Severity>("severity", severity_count, severity_name).value_or(Severity::minor);
    d.persons = r.integer("persons");
    d.categories = r.texts("categories");
    d.summary = r.text("summary");
    d.state = *state;
    d.raised_at = r.time("raised_at").value_or(TimePoint{});
    d.acknowledged_at = r.time("acknowledged_at");
    d.dispatched_at = r.time("dispatched_at").value_or(TimePoint{});
    d.answer_due = r.time("answer_due").value_or(TimePoint{});
    d.answered_at = r.time("answered_at");
    d.on_scene_at = r.time("on_scene_at");
    d.finished_at = r.time("finished_at");
    d.outcome = r.text("outcome");
    d.referred_to = r.text("referred_to");
    d.gender = r.text("gender");
    d.age_band = r.text("age_band");
    d.outcome_persons = r.integer("outcome_persons");
    return d;
}

} // namespace platslage
