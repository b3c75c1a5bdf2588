// How dispatch orders and alerts move together: an order puts a team on an alert; the
// team's answer, arrival and outcome are steps in the alert's history; an order that goes
// unanswered or is declined comes back to the operator as an alert of its own, which
// clears when the order is answered after all or replaced by an order to another team.
#include "fusion.hpp"

#include "time_text.hpp"

namespace platslage {

std::optional<Rejection> Fusion::check(const AlertCommand& c, const TeamLookup& teams, TimePoint now) const {
    if (auto why = alerts_.check(c, [&](const std::string& t) { return teams(t).has_value(); })) return why;
    if (c.op != AlertOp::dispatch) return std::nullopt;
    const Alert& a = *alerts_.find(c.alert);
    if (a.zone.empty() || a.rule == AlertRule::dispatch_unanswered)
        return Rejection{RejectReason::not_allowed, "alert " + c.alert + " is not about a zone a team can go to" +
                                                        (a.rule == AlertRule::dispatch_unanswered ? "; dispatch the alert it is about" : "")};
    if (const Dispatch* d = dispatches_.active_for_alert(c.alert); d && d->team == c.team && d->state != DispatchState::unanswered)
        return Rejection{RejectReason::not_allowed, "team " + c.team + " already has order " + d->id + " for " + c.alert};
    auto team = *teams(c.team);
    if (team.status == TeamStatus::off_duty) return Rejection{RejectReason::team_busy, "team " + c.team + " is off duty"};
    if (now - team.last_heard >= settings_.dispatch.team_silent_after)
        return Rejection{RejectReason::team_busy,
                         "team " + c.team + " has not been heard from for " + duration_text(now - team.last_heard)};
    if (const Dispatch* d = dispatches_.active_for_team(c.team); d && d->alert != c.alert)
        return Rejection{RejectReason::team_busy, "team " + c.team + " is on order " + d->id + " for " + d->alert};
    if (team.status != TeamStatus::available)
        return Rejection{RejectReason::team_busy, "team " + c.team + " is " + std::string(status_name(team.status))};
    return std::nullopt;
}

void Fusion::dispatch_sent(const AlertCommand& c, TimePoint heard, Effects& out) {
    auto sent = dispatches_.send(*alerts_.find(c.alert), c.team, c.by, heard);
    out.dispatches.insert(sent.id);
    if (sent.withdrawn) settle_unanswered(*sent.withdrawn, heard, "sent to " + c.team + " instead", out);
    // A team that declined finished its order, so nothing was withdrawn; the alert that
    // brought the decline back to the operator is answered all the same by this order.
    for (const auto& [id, d] : dispatches_.dispatches())
        if (d.alert == c.alert && d.state == DispatchState::declined)
            clear(AlertRule::dispatch_unanswered, d.zone, d.id, heard, "sent to " + c.team + " instead", out);
}

void Fusion::settle_unanswered(const std::string& id, TimePoint at, const std::string& why, Effects& out) {
    out.dispatches.insert(id);
    if (const Dispatch* d = dispatches_.find(id)) clear(AlertRule::dispatch_unanswered, d->zone, d->id, at, why, out);
}

void Fusion::dispatch_changes(DispatchBook::Changes c, Effects& out) {
    for (const auto& id : c.unanswered) {
        const Dispatch& d = *dispatches_.find(id);
        out.dispatches.insert(id);
        if (alerts_.step(d.alert, d.answer_due, "unanswered", "hub", d.team + " did not answer " + d.id)) out.alerts.insert(d.alert);
        signal(Signal{AlertRule::dispatch_unanswered, d.station, d.zone, d.id,
                      settings_.alerts.of(AlertRule::dispatch_unanswered).severity, d.answer_due, d.persons, d.categories,
                      d.team + " has not answered " + d.id + " for " + d.alert},
               out);
    }
    for (auto& id : c.dropped) out.dropped_dispatches.insert(std::move(id));
}

void Fusion::on_team_status(const OutreachStatus& s, TimePoint heard, Effects& out) {
    auto id = dispatches_.on_team_status(s.team, s.status, heard);
    if (!id) return;
    const Dispatch& d = *dispatches_.find(*id);
    if (alerts_.step(d.alert, heard, "on_scene", s.team, s.zone)) out.alerts.insert(d.alert);
    settle_unanswered(*id, heard, s.team + " is on scene", out);
}

Fusion::Effects Fusion::on_answer(const DispatchAnswer& a, TimePoint heard) {
    Effects out;
    const Dispatch* d = dispatches_.find(a.dispatch);
    bool late = d && d->state == DispatchState::unanswered;
    if (!dispatches_.answer(a, heard)) return out; // a repeat, or refused before it was stored
    out.dispatches.insert(d->id);
    out.stations.insert(d->station);
    if (a.accepted) {
        if (alerts_.step(d->alert, heard, "team_accepted", a.team, d->id)) out.alerts.insert(d->alert);
        if (late) clear(AlertRule::dispatch_unanswered, d->zone, d->id, heard, a.team + " answered late", out);
        return out;
    }
    if (alerts_.step(d->alert, heard, "team_declined", a.team, d->id)) out.alerts.insert(d->alert);
    if (late) {
        // Already back with the operator; the open alert says so.
        if (const Alert* back = alerts_.open_for(AlertRule::dispatch_unanswered, d->zone, d->id);
            back && alerts_.step(back->id, heard, "team_declined", a.team, d->id))
            out.alerts.insert(back->id);
        return out;
    }
    signal(Signal{AlertRule::dispatch_unanswered, d->station, d->zone, d->id,
                  settings_.alerts.of(AlertRule::dispatch_unanswered).severity, heard, d->persons, d->categories,
                  a.team + " declined " + d->id + " for " + d->alert},
           out);
    return out;
}

Fusion::Effects Fusion::on_outcome(const DispatchOutcome& o, TimePoint heard) {
    Effects out;
    if (!dispatches_.finish(o, heard)) return out;
    const Dispatch& d = *dispatches_.find(o.dispatch);
    out.stations.insert(d.station);
    settle_unanswered(d.id, heard, o.team + " reported " + o.outcome, out);
    const Alert* a = alerts_.find(d.alert);
    if (!a) return out;
    out.alerts.insert(a->id);
    if (is_open(a->state) && a->assigned_to == o.team) {
        AlertCommand resolve{AlertOp::resolve, a->id, o.team, "", o.outcome, o.referred_to, 0};
        alerts_.apply(resolve, heard);
    } else {
        // The alert moved on (another team, or closed) while this team was there.
        alerts_.step(a->id, heard, "team_outcome", o.team, o.outcome);
    }
    return out;
}

} // namespace platslage
