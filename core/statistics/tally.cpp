#include "tally.hpp"

#include "stockholm_time.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>

namespace platslage {

namespace {
using namespace std::chrono;

// The outcome an alert's step tells: "support_accepted" from "support_accepted: note text".
std::string outcome_of(const AlertStepFact& s) {
    auto colon = s.detail.find(':');
    std::string head = s.detail.substr(0, colon);
    if (is_outcome(head)) return head;
    return s.what == "resolved" ? "cleared" : "";
}

std::int64_t whole_minutes(Millis d) { return std::max<std::int64_t>(0, duration_cast<minutes>(d).count()); }

// A shelter's night is named by its evening: a reading before noon belongs to the night before.
std::string night_of_reading(TimePoint ts) {
    auto day = sys_days{stockholm_date(ts)};
    if (stockholm_hour(ts) < 12) day -= days{1};
    year_month_day ymd{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return text;
}
} // namespace

bool needs_support(std::string_view rule) {
    return rule == "needs_care" || rule == "child" || rule == "sleeping" || rule == "repeated_presence";
}

bool support_was_offered(std::string_view outcome) {
    return outcome == "support_offered" || outcome == "support_accepted" || outcome == "referred";
}

void Tally::count(const std::string& period, const Place& where, const char* measure, const std::string& key,
                  std::int64_t n) {
    figures_.add(FigureKey{period, where.station, where.zone, measure, key}, n);
}

void Tally::count_people(const std::string& period, const Place& where, const char* measure, int persons,
                         const std::optional<int>& women, const std::optional<int>& men) {
    count(period, where, measure, "persons", persons);
    count(period, where, measure, "women", women.value_or(0));
    count(period, where, measure, "men", men.value_or(0));
}

void Tally::add(const Dispatch& d) { order_places_[d.id] = Place{d.station, d.zone}; }

void Tally::add(const HotspotHour& h) {
    auto period = period_of(h.hour, granularity_);
    Place where{h.station, h.zone};
    if (h.peak >= hotspot_hour_from) count(period, where, "hotspot_hours", "from_30", 1);
    if (h.peak >= hotspot_hour_strong) count(period, where, "hotspot_hours", "from_60", 1);
}

void Tally::add(const AlertStepFact& s) { alerts_by_id_[s.alert].steps.push_back(s); }

void Tally::add(const EventRecord& r, const ZoneMap& zones) {
    auto e = from_record(r, zones);
    if (!e) {
        ++unreadable_;
        return;
    }
    add(e.value(), r.heard);
}

void Tally::add(const Event& e, TimePoint heard) {
    std::visit(
        [&](const auto& ev) {
            using T = std::decay_t<decltype(ev)>;
            if constexpr (std::is_same_v<T, GuardReport>) on_report(ev, heard);
            else if constexpr (std::is_same_v<T, DispatchOutcome>) on_outcome(ev, heard);
            else if constexpr (std::is_same_v<T, AlertCommand>) on_resolve(ev, heard);
            else if constexpr (std::is_same_v<T, ShelterReading>) on_shelter(ev);
        },
        e);
}

void Tally::on_report(const GuardReport& r, TimePoint heard) {
    auto period = period_of(heard, granularity_);
    Place where{r.station, r.zone};
    count(period, where, "reports", std::string(kind_name(r.kind)), 1);
    count_people(period, where, "reported", r.persons, r.women, r.men);
    for (auto c : r.categories) {
        std::string cat(category_name(c));
        count(period, where, "category", cat + ":reports", 1);
        count(period, where, "category", cat + ":persons", r.persons);
        count(period, where, "category", cat + ":women", r.women.value_or(0));
        count(period, where, "category", cat + ":men", r.men.value_or(0));
    }
}

void Tally::on_outcome(const DispatchOutcome& o, TimePoint heard) {
    auto period = period_of(heard, granularity_);
    Place where{o.station, o.zone};
    if (!o.is_round_contact()) {
        auto it = order_places_.find(o.dispatch);
        if (it != order_places_.end()) where = it->second;
    }
    count(period, where, "outreach", "visits", 1);
    count(period, where, "outreach", o.is_round_contact() ? "own_round" : "after_order", 1);
    if (o.outcome == "nobody_found") {
        count(period, where, "outreach", "nobody_found", 1);
        return;
    }
    // The older single-person descriptor counts as one woman or one man when no counts came.
    auto women = o.women, men = o.men;
    if (!women && !men && o.persons == 1) {
        if (o.gender == "woman") women = 1;
        if (o.gender == "man") men = 1;
    }
    count_people(period, where, "outreach", o.persons, women, men);
    for (const auto& r : results_or_whole(o.results, o.outcome, o.referred_to, o.persons)) {
        count(period, where, "results", r.outcome, r.persons);
        if (!r.referred_to.empty()) count(period, where, "referrals", r.referred_to, r.persons);
    }
}

void Tally::on_resolve(const AlertCommand& c, TimePoint heard) {
    if (c.op != AlertOp::resolve || c.persons == 0) return;
    auto period = period_of(heard, granularity_);
    Place where;
    if (auto it = alerts_by_id_.find(c.alert); it != alerts_by_id_.end() && !it->second.steps.empty())
        where = Place{it->second.steps.front().station, it->second.steps.front().zone};
    count_people(period, where, "resolved", c.persons, c.women, c.men);
    for (const auto& r : results_or_whole(c.results, c.outcome, "", c.persons)) count(period, where, "resolved", "result:" + r.outcome, r.persons);
}

void Tally::on_shelter(const ShelterReading& s) {
    // The night's figure is its fullest reading: guests come in during the evening and leave in the morning.
    auto& night = shelter_nights_[{night_of_reading(s.ts), s.shelter}];
    if (night.places != 0 && s.occupied <= night.occupied) return;
    night = ShelterNight{s.places, s.occupied, s.women, s.men};
}

void Tally::add_meetings(const std::vector<MeetingPlan>& plans, const std::vector<MeetingNote>& notes, TimePoint from,
                         TimePoint until) {
    std::map<std::string, std::string> station_of;
    for (const auto& p : plans) {
        station_of[p.id] = p.station;
        for (int k = 0; k < 1000; ++k) {
            auto at = occurrence(p, k);
            if (at >= until || (p.cancelled_at && at >= *p.cancelled_at)) break;
            if (at >= from) count(period_of(at, granularity_), Place{p.station, ""}, "meetings", "held", 1);
            if (p.repeat == Repeat::once) break;
        }
    }
    for (const auto& n : notes) {
        if (n.kind != NoteKind::action) continue;
        Place where{station_of[n.meeting], ""};
        if (n.recorded_at >= from && n.recorded_at < until)
            count(period_of(n.recorded_at, granularity_), where, "meetings", "actions_opened", 1);
        if (n.closed_at && *n.closed_at >= from && *n.closed_at < until) {
            auto period = period_of(*n.closed_at, granularity_);
            count(period, where, "meetings", "actions_closed", 1);
            // On time: closed on or before its due date, Stockholm time.
            auto d = stockholm_date(*n.closed_at);
            char closed[16];
            std::snprintf(closed, sizeof closed, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                          static_cast<unsigned>(d.day()));
            if (!n.due.empty() && std::string(closed) <= n.due) count(period, where, "meetings", "actions_closed_on_time", 1);
        }
    }
}

void Tally::count_alerts(Figures& out) const {
    for (const auto& [id, life] : alerts_by_id_) {
        auto raised = std::find_if(life.steps.begin(), life.steps.end(), [](const AlertStepFact& s) { return s.what == "raised"; });
        if (raised == life.steps.end()) continue; // raised before the period read
        // Each alert counts in the period it was raised, with how it went on.
        auto period = period_of(raised->at, granularity_);
        auto add = [&](const char* measure, const std::string& key, std::int64_t n) {
            out.add(FigureKey{period, raised->station, raised->zone, measure, key}, n);
        };
        add("alerts", "raised", 1);
        add("alerts", "rule:" + raised->rule, 1);
        auto has = [&](std::initializer_list<std::string_view> whats) {
            return std::any_of(life.steps.begin(), life.steps.end(), [&](const AlertStepFact& s) {
                return std::find(whats.begin(), whats.end(), s.what) != whats.end();
            });
        };
        if (has({"acknowledged", "assigned"})) add("alerts", "acknowledged", 1);
        if (has({"resolved"})) add("alerts", "resolved", 1);
        if (has({"expired"})) add("alerts", "expired", 1);
        if (!needs_support(raised->rule)) continue;
        add("goal", "needed", 1);
        for (const auto& s : life.steps)
            if (s.what == "on_scene") {
                add("to_scene", minutes_key(whole_minutes(s.at - raised->at)), 1);
                add("goal", "reached", 1);
                break;
            }
        for (const auto& s : life.steps)
            if ((s.what == "resolved" || s.what == "team_outcome") && support_was_offered(outcome_of(s))) {
                add("to_support", minutes_key(whole_minutes(s.at - raised->at)), 1);
                add("goal", "offered", 1);
                break;
            }
    }
}

void Tally::count_shelters(Figures& out) const {
    for (const auto& [key, night] : shelter_nights_) {
        auto date = key.first;
        // The night's period is its evening's: noon that day, Stockholm time.
        year_month_day ymd{year{std::stoi(date.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(date.substr(5, 2)))},
                           day{static_cast<unsigned>(std::stoi(date.substr(8, 2)))}};
        auto noon = from_stockholm_local(local_time<Millis>{local_days{ymd}.time_since_epoch() + hours{12}});
        auto period = period_of(noon, granularity_);
        auto add = [&](const char* k, std::int64_t n) { out.add(FigureKey{period, "", key.second, "shelter", k}, n); };
        add("nights", night.occupied);
        add("women", night.women.value_or(0));
        add("men", night.men.value_or(0));
        add("places", night.places);
        add("open_nights", 1);
    }
}

Figures Tally::figures() const {
    Figures out = figures_;
    if (alerts_) count_alerts(out);
    count_shelters(out);
    return out;
}

} // namespace platslage
