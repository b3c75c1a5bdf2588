#include "alert.hpp"

#include "time_text.hpp"

#include <algorithm>

namespace platslage {

namespace {
constexpr std::array<std::string_view, severity_count> severity_names{"warning", "minor", "major", "critical"};
constexpr std::array<std::string_view, rule_count> rule_names{
    "needs_care", "child", "sleeping", "crowding", "repeated_presence", "coverage_gap", "sensor_silent", "handheld_offline",
    "dispatch_unanswered"};
constexpr std::array<std::string_view, 5> state_names{"raised", "acknowledged", "assigned", "resolved", "expired"};

template <class E, std::size_t N>
std::optional<E> from_name(const std::array<std::string_view, N>& names, std::string_view name) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == name) return static_cast<E>(i);
    return std::nullopt;
}
} // namespace

std::string_view severity_name(Severity s) { return severity_names[static_cast<std::size_t>(s)]; }
std::optional<Severity> severity_from_name(std::string_view n) { return from_name<Severity>(severity_names, n); }
Severity raised_one_step(Severity s) { return s == Severity::critical ? s : static_cast<Severity>(static_cast<int>(s) + 1); }
std::string_view rule_name(AlertRule r) { return rule_names[static_cast<std::size_t>(r)]; }
std::optional<AlertRule> rule_from_name(std::string_view n) { return from_name<AlertRule>(rule_names, n); }
std::string_view state_name(AlertState s) { return state_names[static_cast<std::size_t>(s)]; }
std::optional<AlertState> alert_state_from_name(std::string_view n) { return from_name<AlertState>(state_names, n); }

bool is_outcome(std::string_view o) {
    return std::find(alert_outcomes.begin(), alert_outcomes.end(), o) != alert_outcomes.end();
}

nlohmann::json to_json(const AlertTransition& t) {
    return {{"at", format_rfc3339(t.at)}, {"what", t.what}, {"by", t.by}, {"severity", severity_name(t.severity)},
            {"detail", t.detail}};
}

namespace {
nlohmann::json alert_json(const Alert& a, nlohmann::json history) {
    return {{"id", a.id},
            {"rule", rule_name(a.rule)},
            {"station", a.station},
            {"zone", a.zone.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.zone)},
            {"subject", a.subject.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.subject)},
            {"severity", severity_name(a.severity)},
            {"state", state_name(a.state)},
            {"raised_at", format_rfc3339(a.raised_at)},
            {"last_signal", format_rfc3339(a.last_signal)},
            {"ack_due", format_rfc3339(a.ack_due)},
            {"expires_at", format_rfc3339(a.expires_at)},
            {"signals", a.signals},
            {"persons", a.persons},
            {"categories", a.categories},
            {"summary", a.summary},
            {"escalations", a.escalations},
            {"reannounced", a.reannounced},
            {"assigned_to", a.assigned_to.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.assigned_to)},
            {"outcome", a.outcome.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.outcome)},
            {"history", std::move(history)}};
}
} // namespace

nlohmann::json to_json(const Alert& a) {
    nlohmann::json history = nlohmann::json::array();
    for (const auto& t : a.history) history.push_back(to_json(t));
    return alert_json(a, std::move(history));
}

nlohmann::json to_published_json_without_steps(const Alert& a) {
    auto j = alert_json(a, nlohmann::json::array());
    j["steps"] = a.history.size();
    return j;
}

nlohmann::json to_published_json(const Alert& a) {
    auto j = to_published_json_without_steps(a);
    auto& history = j["history"];
    const std::size_t n = a.history.size();
    // The first step says how the alert began; the rest are the newest.
    if (n > 0) history.push_back(to_json(a.history.front()));
    for (std::size_t i = n > alert_steps_shown ? n - (alert_steps_shown - 1) : 1; i < n; ++i)
        history.push_back(to_json(a.history[i]));
    return j;
}

Alert alert_from_json(const nlohmann::json& j) {
    auto time = [&](const char* key) { return *parse_rfc3339(j.at(key).get<std::string>()); };
    auto text = [&](const char* key) { return j.at(key).is_null() ? std::string() : j.at(key).get<std::string>(); };
    Alert a;
    a.id = j.at("id").get<std::string>();
    a.rule = *rule_from_name(j.at("rule").get<std::string>());
    a.station = j.at("station").get<std::string>();
    a.zone = text("zone");
    a.subject = text("subject");
    a.severity = *severity_from_name(j.at("severity").get<std::string>());
    a.state = *from_name<AlertState>(state_names, j.at("state").get<std::string>());
    a.raised_at = time("raised_at");
    a.last_signal = time("last_signal");
    a.ack_due = time("ack_due");
    a.expires_at = time("expires_at");
    a.signals = j.at("signals").get<int>();
    a.persons = j.at("persons").get<int>();
    a.categories = j.at("categories").get<std::vector<std::string>>();
    a.summary = j.at("summary").get<std::string>();
    a.escalations = j.at("escalations").get<int>();
    a.reannounced = j.at("reannounced").get<int>();
    a.assigned_to = text("assigned_to");
    a.outcome = text("outcome");
    for (const auto& t : j.at("history"))
        a.history.push_back(AlertTransition{*parse_rfc3339(t.at("at").get<std::string>()), t.at("what").get<std::string>(),
                                            t.at("by").get<std::string>(),
                                            *severity_from_name(t.at("severity").get<std::string>()),
                                            t.at("detail").get<std::string>()});
    return a;
}

} // namespace platslage
