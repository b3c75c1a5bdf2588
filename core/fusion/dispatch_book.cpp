#include "dispatch_book.hpp"

#include <algorithm>
#include <cstdio>

namespace platslage {

namespace {
std::string number_id(std::int64_t n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "D-%06lld", static_cast<long long>(n));
    return buf;
}

std::optional<TimePoint> acknowledged_at(const Alert& a) {
    for (const auto& t : a.history)
        if (t.what == "acknowledged") return t.at;
    return std::nullopt;
}
} // namespace

DispatchBook::Sent DispatchBook::send(const Alert& alert, const std::string& team, const std::string& by, TimePoint at) {
    Sent out;
    if (Dispatch* earlier = active_order_of(alert.id)) {
        finished(*earlier, DispatchState::withdrawn, at);
        out.withdrawn = earlier->id;
    }
    Dispatch d;
    d.id = number_id(next_number_++);
    d.alert = alert.id;
    d.team = team;
    d.station = alert.station;
    d.zone = alert.zone;
    d.by = by;
    d.severity = alert.severity;
    d.persons = alert.persons;
    d.categories = alert.categories;
    d.summary = alert.summary;
    d.raised_at = alert.raised_at;
    d.acknowledged_at = acknowledged_at(alert);
    d.dispatched_at = at;
    d.answer_due = at + settings_.answer_within;
    out.id = d.id;
    dispatches_.emplace(d.id, std::move(d));
    return out;
}

std::optional<Rejection> DispatchBook::check(const DispatchAnswer& a) const {
    const Dispatch* d = find(a.dispatch);
    if (!d || d->team != a.team)
        return Rejection{RejectReason::unknown_dispatch, "no order " + a.dispatch + " was sent to team " + a.team};
    if (is_repeat(a)) return std::nullopt;
    switch (d->state) {
    case DispatchState::sent:
    case DispatchState::unanswered: return std::nullopt; // a late answer still counts
    default:
        return Rejection{RejectReason::not_allowed,
                         "order " + a.dispatch + " is already " + std::string(dispatch_state_name(d->state))};
    }
}

std::optional<Rejection> DispatchBook::check(const DispatchOutcome& o) const {
    if (o.is_round_contact()) return std::nullopt; // no order to judge it by; the event log keeps one of each
    const Dispatch* d = find(o.dispatch);
    if (!d || d->team != o.team)
        return Rejection{RejectReason::unknown_dispatch, "no order " + o.dispatch + " was sent to team " + o.team};
    if (is_repeat(o)) return std::nullopt;
    if (d->state == DispatchState::completed)
        return Rejection{RejectReason::not_allowed, "order " + o.dispatch + " already has the outcome " + d->outcome};
    if (d->state == DispatchState::declined)
        return Rejection{RejectReason::not_allowed, "order " + o.dispatch + " was declined by the team"};
    // A withdrawn order may still get its outcome: the team may have gone before it heard.
    return std::nullopt;
}

bool DispatchBook::is_repeat(const DispatchAnswer& a) const {
    const Dispatch* d = find(a.dispatch);
    if (!d || d->team != a.team) return false;
    if (a.accepted) return d->answered_at && (d->state == DispatchState::accepted || d->state == DispatchState::on_scene ||
                                              d->state == DispatchState::completed);
    return d->state == DispatchState::declined;
}

bool DispatchBook::is_repeat(const DispatchOutcome& o) const {
    if (o.is_round_contact()) return false;
    const Dispatch* d = find(o.dispatch);
    return d && d->team == o.team && d->state == DispatchState::completed && d->outcome == o.outcome &&
           d->referred_to == o.referred_to;
}

bool DispatchBook::answer(const DispatchAnswer& a, TimePoint at) {
    if (check(a) || is_repeat(a)) return false;
    Dispatch& d = *get(a.dispatch);
    d.answered_at = at;
    if (a.accepted) {
        d.state = DispatchState::accepted;
    } else {
        finished(d, DispatchState::declined, at);
    }
    return true;
}

bool DispatchBook::finish(const DispatchOutcome& o, TimePoint at) {
    if (o.is_round_contact() || check(o) || is_repeat(o)) return false;
    Dispatch& d = *get(o.dispatch);
    if (!d.answered_at) d.answered_at = at; // an outcome says the team went, answer or not
    d.outcome = o.outcome;
    d.referred_to = o.referred_to;
    d.gender = o.gender;
    d.age_band = o.age_band;
    d.outcome_persons = o.persons;
    finished(d, DispatchState::completed, at);
    return true;
}

std::optional<std::string> DispatchBook::on_team_status(const std::string& team, TeamStatus status, TimePoint at) {
    if (status != TeamStatus::on_scene) return std::nullopt;
    for (auto& [id, d] : dispatches_) {
        if (d.team != team || d.on_scene_at) continue;
        if (d.state == DispatchState::accepted || d.state == DispatchState::sent || d.state == DispatchState::unanswered) {
            // Arriving is an answer too: the team is there.
            if (!d.answered_at) d.answered_at = at;
            d.state = DispatchState::on_scene;
            d.on_scene_at = at;
            return id;
        }
    }
    return std::nullopt;
}

std::optional<std::string> DispatchBook::withdraw_for_alert(const std::string& alert, TimePoint at) {
    Dispatch* d = active_order_of(alert);
    // A team on scene is with the people: its order stays open for the outcome it records.
    if (!d || d->state == DispatchState::on_scene) return std::nullopt;
    finished(*d, DispatchState::withdrawn, at);
    return d->id;
}

DispatchBook::Changes DispatchBook::advance(TimePoint now) {
    Changes out;
    std::vector<Dispatch*> due;
    for (auto& [id, d] : dispatches_)
        if (d.state == DispatchState::sent && d.answer_due <= now) due.push_back(&d);
    std::sort(due.begin(), due.end(), [](const Dispatch* a, const Dispatch* b) {
        return a->answer_due != b->answer_due ? a->answer_due < b->answer_due : a->id < b->id;
    });
    for (Dispatch* d : due) {
        d->state = DispatchState::unanswered;
        out.unanswered.push_back(d->id);
    }
    for (auto it = dispatches_.begin(); it != dispatches_.end();) {
        const auto& d = it->second;
        if (!is_active(d.state) && d.finished_at && now - *d.finished_at >= settings_.keep_finished) {
            out.dropped.push_back(it->first);
            it = dispatches_.erase(it);
        } else {
            ++it;
        }
    }
    return out;
}

const Dispatch* DispatchBook::find(const std::string& id) const {
    auto it = dispatches_.find(id);
    return it == dispatches_.end() ? nullptr : &it->second;
}

Dispatch* DispatchBook::get(const std::string& id) {
    auto it = dispatches_.find(id);
    return it == dispatches_.end() ? nullptr : &it->second;
}

Dispatch* DispatchBook::active_order_of(const std::string& alert) {
    for (auto& [id, d] : dispatches_)
        if (d.alert == alert && is_active(d.state)) return &d;
    return nullptr;
}

const Dispatch* DispatchBook::active_for_team(const std::string& team) const {
    for (const auto& [id, d] : dispatches_)
        if (d.team == team && is_active(d.state)) return &d;
    return nullptr;
}

const Dispatch* DispatchBook::active_for_alert(const std::string& alert) const {
    return const_cast<DispatchBook*>(this)->active_order_of(alert);
}

void DispatchBook::finished(Dispatch& d, DispatchState how, TimePoint at) {
    d.state = how;
    d.finished_at = at;
}

nlohmann::json DispatchBook::save() const {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& [id, d] : dispatches_) all.push_back(to_json(d));
    return {{"next_number", next_number_}, {"dispatches", all}};
}

void DispatchBook::load(const nlohmann::json& j) {
    dispatches_.clear();
    next_number_ = j.at("next_number").get<std::int64_t>();
    for (const auto& dj : j.at("dispatches")) {
        Dispatch d = dispatch_from_json(dj);
        dispatches_.emplace(d.id, std::move(d));
    }
}

} // namespace platslage
