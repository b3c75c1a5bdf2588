#include "recorded_period.hpp"

#include "night_shelters.hpp"
#include "seeded_draw.hpp"
#include "situation.hpp"
#include "stockholm_time.hpp"
#include "tally.hpp"
#include "team_duty.hpp"
#include "visit_outcome.hpp"

#include <map>
#include <set>

namespace platslage::sim {

namespace {
using namespace std::chrono;

constexpr Millis heard_after{250}; // as the recorded day's: a fixed network delay
constexpr std::uint32_t team_role = 2, day_role = 10, operator_role = 11, contact_role = 12;

Millis seconds_between(std::mt19937& rng, int lo, int hi) { return Millis{static_cast<Millis::rep>(between(rng, lo, hi)) * 1000}; }

TimePoint local_midnight(year_month_day d) { return from_stockholm_local(local_time<Millis>{local_days{d}.time_since_epoch()}); }

// The operator position that works a station's alerts.
std::string position_for(const std::string& station) { return station == "cityterminalen" ? "kc-2" : "kc-1"; }

class ControlRoom {
public:
    ControlRoom(const ZoneMap& zones, const Scenario& scenario, std::uint32_t seed,
                const std::function<void(const HeardEvent&)>& heard)
        : zones_(zones), situation_(zones, SituationSettings{recorded_sensor_silent, 200, FusionSettings{}}), shelters_(seed, scenario.shelter_occupancy),
          operators_(actor_seed(seed, operator_role, 0)), contacts_(actor_seed(seed, contact_role, 0)), heard_(heard) {
        for (std::size_t i = 0; i < scenario.teams.size(); ++i)
            duties_.emplace_back(scenario.teams[i], zones, actor_seed(seed, team_role, static_cast<std::uint32_t>(i)),
                                 scenario.decline_share);
    }

    // Everything from where the last run ended up to `until`, these events among it.
    void run(std::vector<HeardEvent>& day, TimePoint until) {
        std::size_t next = 0;
        TimePoint t = now_ == TimePoint{} ? (day.empty() ? until : std::min(day.front().heard, until)) : now_;
        for (;;) {
            while (next < day.size() && day[next].heard <= t) feed(day[next].heard, std::move(day[next].event)), ++next;
            while (!actions_.empty() && actions_.begin()->first <= t) {
                auto action = actions_.begin()->second;
                auto at = actions_.begin()->first;
                actions_.erase(actions_.begin());
                act(action, at);
            }
            step_teams(t);
            if (t >= until) break;
            // On to whatever comes next, and at least every minute to see shifts begin and end.
            TimePoint to = std::min(until, TimePoint{floor<minutes>(t) + minutes(1)});
            if (next < day.size()) to = std::min(to, day[next].heard);
            if (!actions_.empty()) to = std::min(to, actions_.begin()->first);
            for (const auto& d : duties_) to = std::min(to, std::max(d.next_due(), t));
            t = to > t ? to : t + Millis{1};
        }
        now_ = until;
    }

    void shelter_readings(TimePoint at) {
        for (const auto& c : shelters_.at(moment_of(at), situation_.fusion().extra_cold()))
            feed(at + heard_after, ShelterReading{c.shelter, at, c.places, c.occupied, c.women, c.occupied - c.women});
    }

    PeriodSummary summary;

private:
    enum class Step { acknowledge, dispatch, resolve };
    struct Action {
        Step step;
        std::string alert;
    };

    void feed(TimePoint heard, Event e) {
        std::visit(
            [&](const auto& ev) {
                using T = std::decay_t<decltype(ev)>;
                if constexpr (std::is_same_v<T, GuardReport>) {
                    situation_.record(ev, static_cast<std::int64_t>(++summary.events), heard);
                    ++summary.reports;
                } else {
                    situation_.record(ev, heard);
                    ++summary.events;
                }
            },
            e);
        // The hub keeps the hotspot hours its own fusion closes on import; here they would only pile up.
        situation_.take_hotspot_hours();
        heard_(HeardEvent{heard, std::move(e)});
        notice_new_alerts(heard);
    }

    void notice_new_alerts(TimePoint now) {
        for (const auto& [id, a] : situation_.fusion().alerts().alerts()) {
            if (!is_open(a.state) || !seen_.insert(id).second) continue;
            ++summary.alerts;
            actions_.emplace(now + seconds_between(operators_, 60, 240), Action{Step::acknowledge, id});
        }
    }

    const Alert* open_alert(const std::string& id) const {
        const auto& all = situation_.fusion().alerts().alerts();
        auto it = all.find(id);
        return it != all.end() && is_open(it->second.state) ? &it->second : nullptr;
    }

    // A command the hub would take, recorded as the hub records it; false if it would refuse it.
    bool command(const AlertCommand& c, TimePoint at) {
        situation_.advance_to(at);
        if (situation_.check(c, at)) return false;
        feed(at, c);
        return true;
    }

    void act(const Action& action, TimePoint at) {
        const Alert* a = open_alert(action.alert);
        if (!a) return;
        const std::string by = position_for(a->station);
        switch (action.step) {
        case Step::acknowledge:
            if (a->state == AlertState::raised && !command(AlertCommand{AlertOp::acknowledge, a->id, by, "", "", "", 0}, at))
                return;
            if (needs_support(rule_name(a->rule)))
                actions_.emplace(at + seconds_between(operators_, 60, 180), Action{Step::dispatch, action.alert});
            else if (!chance(operators_, 0.1)) // one in ten is left to expire on the hub's clock
                actions_.emplace(at + seconds_between(operators_, 600, 1800), Action{Step::resolve, action.alert});
            return;
        case Step::dispatch: {
            if (busy(action.alert)) return;
            for (auto& duty : duties_) {
                if (duty.station() != a->station || !duty.on_duty() || duty.order()) continue;
                if (!command(AlertCommand{AlertOp::dispatch, a->id, by, duty.team(), "", "", 0}, at)) continue;
                if (const Dispatch* d = situation_.fusion().dispatches().active_for_alert(action.alert)) {
                    duty.hear(DispatchOrder{d->id, d->alert, false, d->zone, d->persons, d->categories}, at);
                    ++summary.orders;
                    return;
                }
            }
            actions_.emplace(at + seconds_between(operators_, 1200, 2400), Action{Step::resolve, action.alert});
            return;
        }
        case Step::resolve: {
            if (busy(action.alert)) return; // a pair is on it: its outcome closes it
            AlertCommand c{AlertOp::resolve, a->id, by, "", "cleared", "", 0};
            if (needs_support(rule_name(a->rule))) {
                c.outcome = "handled_by_guard";
                c.persons = std::clamp(a->persons, 1, 50);
                count_women_and_men(c.persons, c.women, c.men);
            }
            if (command(c, at)) ++summary.resolves;
            return;
        }
        }
    }

    // A pair has the alert's order and has not given it back (declined or left unanswered).
    bool busy(const std::string& alert) const { return situation_.fusion().dispatches().active_for_alert(alert) != nullptr; }

    // About a third of those whose gender is told are women (domain brief), a tenth not told.
    void count_women_and_men(int persons, std::optional<int>& women, std::optional<int>& men) {
        const std::array<double, 3> share{0.30, 0.60, 0.10};
        int w = 0, m = 0;
        for (int i = 0; i < persons; ++i) {
            auto g = pick_weighted(contacts_, share);
            w += g == 0;
            m += g == 1;
        }
        women = w;
        men = m;
    }

    void step_teams(TimePoint t) {
        for (auto& duty : duties_) {
            if (duty.next_due() > t && floor<minutes>(t) != t) continue;
            for (auto& m : duty.step(moment_of(t), t, situation_.fusion().extra_cold())) {
                auto* status = std::get_if<OutreachStatus>(&m);
                if (status) round_contact(duty, *status, t);
                bool taken = std::visit(
                    [&](const auto& v) {
                        using T = std::decay_t<decltype(v)>;
                        if constexpr (std::is_same_v<T, DispatchAnswer> || std::is_same_v<T, DispatchOutcome>) {
                            if (situation_.check(v)) return false; // the hub would refuse it
                            if constexpr (std::is_same_v<T, DispatchOutcome>) ++summary.outcomes;
                            if constexpr (std::is_same_v<T, DispatchAnswer>) {
                                // Declined: the operator tries another pair.
                                if (!v.accepted)
                                    if (const Dispatch* d = situation_.fusion().dispatches().find(v.dispatch))
                                        actions_.emplace(t + seconds_between(operators_, 60, 180), Action{Step::dispatch, d->alert});
                            }
                        }
                        return true;
                    },
                    m);
                if (taken) std::visit([&](auto& v) { feed(t + heard_after, v); }, m);
            }
        }
    }

    // A pair leaving someone it was engaged with on its round records the contact.
    void round_contact(const TeamDuty& duty, const OutreachStatus& next, TimePoint t) {
        auto& engaged = engaged_[duty.team()];
        if (!engaged.empty() && next.status != TeamStatus::engaged) {
            const Zone* z = zones_.find(engaged);
            DispatchOrder met{"", "", false, engaged, between(contacts_, 1, 3), {}};
            auto o = draw_visit_outcome(met, z->station, duty.team(), t, situation_.fusion().extra_cold(), contacts_);
            if (o.outcome == "nobody_found") {
                o.outcome = "contact_made";
                o.persons = met.persons;
            }
            if (o.persons >= 2 && o.outcome != "declined" && chance(contacts_, 0.4))
                o.results = {OutcomeResult{o.outcome, o.persons - 1, o.referred_to}, OutcomeResult{"declined", 1, ""}};
            o.dispatch.clear();
            o.contact = duty.team() + "-r" + std::to_string(++contacts_made_);
            o.zone = engaged;
            ++summary.round_contacts;
            feed(t + heard_after, o);
        }
        engaged = next.status == TeamStatus::engaged ? next.zone : std::string();
    }

    const ZoneMap& zones_;
    Situation situation_;
    NightShelters shelters_;
    std::vector<TeamDuty> duties_;
    std::mt19937 operators_, contacts_;
    const std::function<void(const HeardEvent&)>& heard_;
    std::multimap<TimePoint, Action> actions_;
    std::set<std::string> seen_;
    std::map<std::string, std::string> engaged_; // team → the zone it is engaged in on its round
    std::size_t contacts_made_ = 0;
    TimePoint now_{}; // where the last run ended
};
} // namespace

PeriodSummary record_period(const ZoneMap& zones, const Scenario& scenario, year_month_day first, year_month_day last,
                            std::uint32_t seed, const std::function<void(const HeardEvent&)>& heard) {
    ControlRoom room(zones, scenario, seed, heard);
    std::uint32_t n = 0;
    for (auto day = sys_days{first}; day <= sys_days{last}; day += days{1}, ++n) {
        auto start = local_midnight(year_month_day{day});
        auto events = record_scenario_day(zones, scenario, start, actor_seed(seed, day_role, n), /*teams=*/false);
        // The shelters' evening and late counts, and the morning's before guests leave.
        for (double hour : {7.0, 20.0, 23.0}) {
            auto at = start + Millis{static_cast<Millis::rep>(hour * 3600000.0)};
            events.push_back(HeardEvent{at, ShelterReading{"", at, 0, 0}}); // a marker, read below
        }
        std::stable_sort(events.begin(), events.end(), [](const HeardEvent& a, const HeardEvent& b) { return a.heard < b.heard; });
        // The markers become readings when their time comes, with the weather as the fusion sees it then.
        std::vector<HeardEvent> batch;
        for (auto& e : events) {
            if (auto* s = std::get_if<ShelterReading>(&e.event); s && s->shelter.empty()) {
                room.run(batch, e.heard);
                batch.clear();
                room.shelter_readings(e.heard);
                continue;
            }
            batch.push_back(std::move(e));
        }
        room.run(batch, start + hours(24) - Millis{1});
    }
    return room.summary;
}

} // namespace platslage::sim
