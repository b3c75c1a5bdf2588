#include "dispatch_view.hpp"

#include "alert_queue.hpp"
#include "time_text.hpp"

#include <algorithm>
#include <regex>

namespace platslage::console {

namespace {
std::optional<TimePoint> time_of(const std::string& rfc3339) {
    if (rfc3339.empty()) return std::nullopt;
    return parse_rfc3339(rfc3339);
}
long long seconds(TimePoint from, TimePoint to) {
    return std::chrono::duration_cast<std::chrono::seconds>(to - from).count();
}
const AlertView* find_alert(const Picture& p, const std::string& id) {
    for (const auto& a : p.alerts)
        if (a->id == id) return a.get();
    return nullptr;
}
} // namespace

const DispatchView* dispatch_of(const Picture& p, const std::string& alert) {
    // Ids number the orders in the order they were sent: the last one is the newest.
    for (auto it = p.dispatches.rbegin(); it != p.dispatches.rend(); ++it)
        if (it->alert == alert) return &*it;
    return nullptr;
}

const DispatchView* active_dispatch_of_team(const Picture& p, const std::string& team) {
    for (auto it = p.dispatches.rbegin(); it != p.dispatches.rend(); ++it)
        if (it->team == team && it->active()) return &*it;
    return nullptr;
}

bool is_dispatch_back(const AlertView& a) { return a.rule == "dispatch_unanswered"; }

std::optional<DispatchTarget> dispatch_target(const Picture& p, const AlertView& a) {
    if (!a.open()) return std::nullopt;
    if (!is_dispatch_back(a)) {
        if (a.zone.empty()) return std::nullopt;
        return DispatchTarget{a.id, a.zone, {}};
    }
    DispatchTarget t;
    for (const auto& d : p.dispatches)
        if (d.id == a.subject) t = DispatchTarget{d.alert, d.zone, d.team};
    if (t.alert.empty()) {
        // The order has left the picture: its alert and team are named in the summary,
        // "team-2 has not answered D-000004 for A-000017".
        static const std::regex named(R"(^(\S+) .* for (A-[0-9]{6})$)");
        std::smatch m;
        if (!std::regex_match(a.summary, m, named)) return std::nullopt;
        t = DispatchTarget{m[2].str(), a.zone, m[1].str()};
    }
    const AlertView* original = find_alert(p, t.alert);
    if (!original || !original->open()) return std::nullopt;
    if (t.zone.empty()) t.zone = original->zone;
    if (t.zone.empty()) return std::nullopt;
    return t;
}

std::string alert_label(const AlertView& a) {
    if (!is_dispatch_back(a)) return rule_title(a.rule);
    // The summary says which: "team-2 declined D-000004 for A-000017".
    return a.summary.find(" declined ") != std::string::npos ? "Team declined" : "Team did not answer";
}

Rgba dispatch_back_colour() { return {0.72f, 0.42f, 0.96f, 1}; }

Rgba silent_team_colour() { return {0.50f, 0.52f, 0.56f, 1}; }

const std::vector<std::string>& dispatch_states() {
    static const std::vector<std::string> states{"sent",     "accepted",   "on_scene", "completed",
                                                 "declined", "unanswered", "withdrawn"};
    return states;
}

Rgba dispatch_state_colour(const std::string& state) {
    if (state == "sent") return {0.35f, 0.70f, 0.95f, 1};      // sky blue: on its way to the team
    if (state == "accepted") return {0.20f, 0.80f, 0.75f, 1};  // teal: the team is going
    if (state == "on_scene") return {0.35f, 0.82f, 0.35f, 1};  // green: the team is there
    if (state == "completed") return {0.55f, 0.66f, 0.56f, 1}; // dim green: done
    if (state == "declined") return {0.95f, 0.45f, 0.75f, 1};  // pink: back with the operator
    if (state == "unanswered") return dispatch_back_colour();  // violet: back with the operator
    return {0.55f, 0.55f, 0.58f, 1};                           // grey: withdrawn, or unknown
}

std::string dispatch_state_words(const std::string& state) {
    std::string w = state;
    std::replace(w.begin(), w.end(), '_', ' ');
    return w;
}

DispatchLook dispatch_look(const DispatchView& d) {
    DispatchLook look{dispatch_state_words(d.state), {}, dispatch_state_colour(d.state)};
    const std::string& t = d.team;
    if (d.state == "sent") look.line = "sent to " + t + ", waiting for an answer";
    else if (d.state == "accepted") look.line = "accepted by " + t + ", on the way";
    else if (d.state == "on_scene") look.line = t + " on scene";
    else if (d.state == "declined") look.line = "declined by " + t;
    else if (d.state == "unanswered") look.line = "unanswered by " + t;
    else if (d.state == "withdrawn") look.line = "withdrawn from " + t;
    else if (d.state == "completed") {
        std::string outcome = d.outcome;
        std::replace(outcome.begin(), outcome.end(), '_', ' ');
        look.line = "completed by " + t + ": " + (outcome.empty() ? "no outcome" : outcome);
        if (!d.referred_to.empty()) {
            std::string to = d.referred_to;
            std::replace(to.begin(), to.end(), '_', ' ');
            look.line += " (" + to + ")";
        }
    } else {
        look.line = look.word + ": " + t;
    }
    return look;
}

std::vector<ResponseStep> response_steps(const DispatchView& d) {
    auto raised = time_of(d.raised_at);
    auto answered = time_of(d.answered_at);
    auto on_scene = time_of(d.on_scene_at);
    auto finished = time_of(d.finished_at);
    std::vector<std::pair<std::string, TimePoint>> at;
    if (raised) at.emplace_back("raised", *raised);
    if (auto t = time_of(d.acknowledged_at)) at.emplace_back("acknowledged", *t);
    if (auto t = time_of(d.dispatched_at)) at.emplace_back("dispatched", *t);
    // The hub stamps the answer with the arrival or the outcome when the team never answered
    // on its own: then the answer is no step of its own. A declined order's answer is its end.
    bool answer_step = answered && d.state != "declined" && answered != on_scene && answered != finished;
    if (answer_step) at.emplace_back("accepted", *answered);
    if (!answered && d.state == "unanswered")
        if (auto t = time_of(d.answer_due)) at.emplace_back("no answer", *t);
    if (on_scene) at.emplace_back("on scene", *on_scene);
    if (finished) {
        std::string how = d.state == "completed" || d.state == "declined" || d.state == "withdrawn" ? d.state : "finished";
        at.emplace_back(how, *finished);
    }
    std::vector<ResponseStep> out;
    for (std::size_t i = 0; i < at.size(); ++i) {
        long long prev = i == 0 ? 0 : seconds(at[i - 1].second, at[i].second);
        long long total = raised ? seconds(*raised, at[i].second) : 0;
        out.push_back({at[i].first, prev, total});
    }
    return out;
}

std::string response_text(const DispatchView& d) {
    std::string out;
    for (const auto& s : response_steps(d)) {
        if (out.empty() && s.what == "raised") {
            out = "raised";
            continue;
        }
        out += (out.empty() ? "" : " → ") + s.what + " " + age_text(s.after_previous_s);
    }
    return out;
}

std::string since_sent_text(const DispatchView& d, TimePoint now) {
    auto sent = time_of(d.dispatched_at);
    if (!sent) return "?";
    auto finished = time_of(d.finished_at);
    return age_text(seconds(*sent, finished && !d.active() ? *finished : now));
}

std::string refusal_words(const std::string& reason) {
    std::string w = reason;
    std::replace(w.begin(), w.end(), '_', ' ');
    return w;
}

std::string answer_text(const std::string& op, bool ok, const std::string& text) {
    if (ok) return op == "dispatch" ? "sent" : "done";
    // "team_busy: team team-1 is on order D-000003 for A-000002"
    auto colon = text.find(": ");
    std::string reason = colon == std::string::npos ? text : text.substr(0, colon);
    bool is_reason = !reason.empty() && std::all_of(reason.begin(), reason.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
    if (!is_reason) return text;
    return refusal_words(reason) + (colon == std::string::npos ? "" : " (" + text.substr(colon + 2) + ")");
}

std::string outreach_here(const Picture& p, const ZoneView& z) {
    std::string out;
    std::vector<std::string> named;
    for (const auto& t : p.teams) {
        if (t.zone != z.id || t.status == "off_duty") continue;
        out += (out.empty() ? "" : ", ") + t.id + " (" + (t.silent ? std::string("silent") : dispatch_state_words(t.status)) + ")";
        named.push_back(t.id);
    }
    for (const auto& id : z.teams_present)
        if (std::find(named.begin(), named.end(), id) == named.end()) out += (out.empty() ? "" : ", ") + id;
    return out.empty() ? "none here" : out;
}

std::string resolve_consequence(const Picture& p, const AlertView& a) {
    const DispatchView* d = dispatch_of(p, a.id);
    if (!d || !d->active()) return {};
    if (d->state == "on_scene")
        return d->team + " is on scene (" + d->id + "). Resolving closes the alert; the team keeps its order, "
               "and the outcome it records is added to the alert.";
    return d->team + " has order " + d->id + " (" + dispatch_state_words(d->state) +
           "). Resolving withdraws the order and tells the team it need not go.";
}

} // namespace platslage::console
