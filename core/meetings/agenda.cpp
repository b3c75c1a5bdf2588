#include "agenda.hpp"

#include "guard_report.hpp"
#include "time_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace platslage {

namespace {
using namespace std::chrono;

std::string zone_name(const ZoneMap& zones, const std::string& id) {
    const Zone* z = zones.find(id);
    return z ? z->name : id;
}

// Nearest rank: the value at or below which `share` of the measurements lie.
Millis nearest_rank(std::vector<Millis>& sorted, double share) {
    auto rank = static_cast<std::size_t>(std::ceil(share * static_cast<double>(sorted.size())));
    return sorted[std::max<std::size_t>(rank, 1) - 1];
}

ResponseStep step(std::string from, std::string to, std::vector<Millis> spans) {
    ResponseStep s{std::move(from), std::move(to), static_cast<int>(spans.size()), std::nullopt, std::nullopt};
    if (spans.empty()) return s;
    std::sort(spans.begin(), spans.end());
    s.median = nearest_rank(spans, 0.5);
    s.p90 = nearest_rank(spans, 0.9);
    return s;
}

std::string why_text(const HotZone& h) {
    std::string out = std::to_string(h.persons) + (h.persons == 1 ? " person" : " people") + " in " +
                      std::to_string(h.reports) + (h.reports == 1 ? " report" : " reports");
    if (!h.categories.empty()) {
        out += ", mostly ";
        for (std::size_t i = 0; i < h.categories.size(); ++i) {
            if (i) out += ", ";
            out += category_words(h.categories[i].first) + " (" + std::to_string(h.categories[i].second) + ")";
        }
    }
    if (h.reports) out += "; " + std::to_string(h.at_night) + " of " + std::to_string(h.reports) + " at night";
    if (h.alerts)
        out += "; " + std::to_string(h.alerts) + (h.alerts == 1 ? " alert" : " alerts") + ", " +
               std::to_string(h.serious_alerts) + " major or critical";
    return out;
}

nlohmann::json millis_or_null(const std::optional<Millis>& m) {
    return m ? nlohmann::json(m->count()) : nlohmann::json(nullptr);
}

nlohmann::json alert_json(const AgendaAlert& a) {
    nlohmann::json j{{"id", a.id}, {"rule", a.rule}, {"zone", a.zone}, {"zone_name", a.zone_name}, {"severity", a.severity},
                     {"raised", format_rfc3339(a.raised)}, {"escalated", a.escalated}, {"summary", a.summary}};
    if (a.closed) j["closed"] = format_rfc3339(*a.closed);
    return j;
}
} // namespace

TimePoint agenda_since(const AgendaInput& in) { return in.previous ? *in.previous : in.held_at - agenda_default_window; }

namespace {
// The shelters' nights run 18:00 to 06:00: a reading counts for the night it falls in.
constexpr NightHours shelter_night{18, 6};

std::vector<AgendaShelter> shelter_nights(const std::vector<ShelterReading>& readings, TimePoint since, TimePoint until) {
    std::vector<AgendaShelter> out;
    for (const auto& known : known_shelters) {
        AgendaShelter s{std::string(known.id), std::string(known.name), known.places, 0, 0, 0, 0};
        std::map<sys_days, const ShelterReading*> last; // per night
        const ShelterReading* newest = nullptr;
        for (const auto& r : readings) {
            if (r.shelter != known.id || r.ts < since || r.ts >= until) continue;
            auto& l = last[night_of(r.ts, shelter_night)];
            if (!l || l->ts <= r.ts) l = &r;
            if (!newest || newest->ts <= r.ts) newest = &r;
        }
        for (const auto& [night, r] : last) {
            ++s.nights;
            s.occupied += r->occupied;
            if (r->occupied >= r->places) ++s.full_nights;
        }
        if (newest) {
            s.places = newest->places;
            s.last_free = newest->places - newest->occupied;
        }
        out.push_back(std::move(s));
    }
    return out;
}

AgendaWeather weather_in(const std::vector<WeatherReading>& readings, TimePoint since, TimePoint until, NightHours night,
                         ColdNightRule cold) {
    AgendaWeather w;
    std::set<sys_days> cold_nights;
    for (const auto& r : readings) {
        if (r.ts < since || r.ts >= until) continue;
        ++w.readings;
        if (r.temperature_c && (!w.coldest_c || *r.temperature_c < *w.coldest_c)) w.coldest_c = r.temperature_c;
        if (r.warning_class) w.worst_warning = std::max(w.worst_warning, *r.warning_class);
        bool is_cold = (r.temperature_c && *r.temperature_c <= cold.at_or_below_c) ||
                       (r.warning_class && *r.warning_class >= cold.warning_class_from);
        if (is_cold) cold_nights.insert(night_of(r.ts, night));
    }
    w.extra_cold_nights = static_cast<int>(cold_nights.size());
    return w;
}
} // namespace

Agenda build_agenda(const AgendaInput& input, const ZoneMap& zones, NightHours night, ColdNightRule cold) {
    // Only the plan's station: a meeting at Centralen weighs Centralen.
    AgendaInput in = input;
    auto elsewhere = [&](const std::string& zone) {
        const Zone* z = zones.find(zone);
        return z && z->station != in.plan.station;
    };
    if (!in.plan.station.empty()) {
        std::erase_if(in.reports, [&](const AgendaReport& r) { return elsewhere(r.zone); });
        std::erase_if(in.alerts, [&](const AgendaAlert& al) {
            return al.zone.empty() ? !al.station.empty() && al.station != in.plan.station : elsewhere(al.zone);
        });
        std::erase_if(in.dispatches, [&](const Dispatch& d) { return !d.station.empty() && d.station != in.plan.station; });
    }
    Agenda a;
    a.plan = in.plan;
    a.held_at = in.held_at;
    a.since = agenda_since(in);
    a.first_meeting = !in.previous;
    a.zone_name = zone_name(zones, in.plan.zone);
    auto in_window = [&](TimePoint t) { return t >= a.since && t < a.held_at; };

    // Where, and why.
    std::map<std::string, HotZone> heat;
    std::map<std::string, std::map<std::string, int>> categories;
    std::map<std::string, std::set<sys_days>> days;
    for (const auto& r : in.reports) {
        if (!in_window(r.at)) continue;
        auto& h = heat[r.zone];
        h.zone = r.zone;
        ++h.reports;
        h.persons += r.persons;
        if (is_night(r.at, night)) ++h.at_night;
        for (const auto& c : r.categories) ++categories[r.zone][c];
        days[r.zone].insert(night_of(r.at, NightHours{22, 6})); // a day runs 06:00 to 06:00
    }
    for (const auto& al : in.alerts) {
        if (al.zone.empty() || !in_window(al.raised)) continue;
        auto& h = heat[al.zone];
        h.zone = al.zone;
        ++h.alerts;
        if (al.severity == "major" || al.severity == "critical") ++h.serious_alerts;
    }
    for (auto& [zone, h] : heat) {
        h.name = zone_name(zones, zone);
        std::vector<std::pair<std::string, int>> cats(categories[zone].begin(), categories[zone].end());
        std::stable_sort(cats.begin(), cats.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
        if (cats.size() > 3) cats.resize(3);
        h.categories = cats;
        h.why = why_text(h);
        a.hottest.push_back(h);
    }
    std::stable_sort(a.hottest.begin(), a.hottest.end(), [](const HotZone& x, const HotZone& y) {
        if (x.persons != y.persons) return x.persons > y.persons;
        return x.alerts > y.alerts;
    });
    if (a.hottest.size() > static_cast<std::size_t>(agenda_hot_zones)) a.hottest.resize(agenda_hot_zones);

    for (const auto& [zone, d] : days) {
        if (static_cast<int>(d.size()) < repeated_presence_days) continue;
        a.repeated.push_back({zone, zone_name(zones, zone), static_cast<int>(d.size()), heat[zone].persons});
    }
    std::stable_sort(a.repeated.begin(), a.repeated.end(),
                     [](const auto& x, const auto& y) { return x.days > y.days || (x.days == y.days && x.persons > y.persons); });

    // Alerts in the window, and whether a team reached them.
    std::map<std::string, bool> reached; // by alert
    for (const auto& d : in.dispatches) {
        if (d.on_scene_at || d.state == DispatchState::completed) reached[d.alert] = true;
    }
    std::map<std::string, CoverageGap> gaps;
    for (AgendaAlert al : in.alerts) {
        if (!al.zone.empty()) al.zone_name = zone_name(zones, al.zone);
        bool raised_here = in_window(al.raised);
        if (raised_here && al.escalated) a.escalated.push_back(al);
        if (al.raised < a.held_at && (!al.closed || *al.closed >= a.held_at)) a.open_alerts.push_back(al);
        if (!raised_here || al.zone.empty()) continue;
        auto& g = gaps[al.zone];
        g.zone = al.zone;
        ++g.alerts;
        if (reached.count(al.id)) ++g.reached;
    }

    std::vector<Millis> to_ack, ack_to_sent, sent_to_answer, sent_to_scene, scene_to_done, raised_to_done;
    std::map<std::string, OutcomeRow> outcomes;
    std::map<std::string, int> referrals;
    for (const auto& d : in.dispatches) {
        if (!in_window(d.dispatched_at)) continue;
        ++a.dispatches;
        switch (d.state) {
        case DispatchState::completed: ++a.completed; break;
        case DispatchState::declined: ++a.declined; break;
        case DispatchState::unanswered: ++a.unanswered; break;
        case DispatchState::withdrawn: ++a.withdrawn; break;
        default: break;
        }
        bool missed = d.state == DispatchState::declined || d.state == DispatchState::unanswered ||
                      (d.state == DispatchState::withdrawn && !d.answered_at);
        if (missed && !d.zone.empty()) {
            auto& g = gaps[d.zone];
            g.zone = d.zone;
            ++g.unanswered;
        }
        if (d.acknowledged_at) {
            to_ack.push_back(*d.acknowledged_at - d.raised_at);
            if (d.dispatched_at >= *d.acknowledged_at) ack_to_sent.push_back(d.dispatched_at - *d.acknowledged_at);
        }
        if (d.answered_at && d.state != DispatchState::declined) sent_to_answer.push_back(*d.answered_at - d.dispatched_at);
        if (d.on_scene_at) sent_to_scene.push_back(*d.on_scene_at - d.dispatched_at);
        if (d.state == DispatchState::completed && d.finished_at) {
            if (d.on_scene_at) scene_to_done.push_back(*d.finished_at - *d.on_scene_at);
            raised_to_done.push_back(*d.finished_at - d.raised_at);
            auto& row = outcomes[d.outcome];
            row.outcome = d.outcome;
            int people = std::max(1, d.outcome_persons);
            if (d.outcome == "nobody_found") people = 0;
            if (d.gender == "woman") row.women += people;
            else if (d.gender == "man") row.men += people;
            else row.unknown += people;
            row.total += people;
            if (!d.referred_to.empty()) ++referrals[d.referred_to];
        }
    }
    a.response = {step("raised", "acknowledged", to_ack),       step("acknowledged", "dispatched", ack_to_sent),
                  step("dispatched", "accepted", sent_to_answer), step("dispatched", "on_scene", sent_to_scene),
                  step("on_scene", "resolved", scene_to_done),    step("raised", "resolved", raised_to_done)};
    for (auto o : dispatch_outcomes)
        if (outcomes.count(std::string(o))) a.outcomes.push_back(outcomes[std::string(o)]);
    for (auto r : referral_targets)
        if (referrals.count(std::string(r))) a.referrals.emplace_back(std::string(r), referrals[std::string(r)]);

    for (auto& [zone, g] : gaps) {
        if (g.reached == g.alerts && g.unanswered == 0) continue;
        g.name = zone_name(zones, zone);
        a.gaps.push_back(g);
    }
    std::stable_sort(a.gaps.begin(), a.gaps.end(), [](const auto& x, const auto& y) {
        return (x.alerts - x.reached + x.unanswered) > (y.alerts - y.reached + y.unanswered);
    });

    a.shelters = shelter_nights(in.shelter_readings, a.since, a.held_at);
    a.weather = weather_in(in.weather_readings, a.since, a.held_at, night, cold);

    a.open_actions = in.open_actions;
    // Due dates are written YYYY-MM-DD, so they compare as text.
    auto meeting_day = stockholm_date(a.held_at);
    char today[32];
    std::snprintf(today, sizeof today, "%04d-%02u-%02u", static_cast<int>(meeting_day.year()),
                  static_cast<unsigned>(meeting_day.month()), static_cast<unsigned>(meeting_day.day()));
    for (const auto& n : a.open_actions)
        if (!n.due.empty() && n.due < std::string(today)) a.overdue.push_back(n.id);
    a.last_notes = in.last_notes;
    return a;
}

nlohmann::json to_json(const Agenda& a) {
    nlohmann::json hottest = nlohmann::json::array(), repeated = nlohmann::json::array(), gaps = nlohmann::json::array();
    for (const auto& h : a.hottest) {
        nlohmann::json cats = nlohmann::json::array();
        for (const auto& [c, n] : h.categories) cats.push_back({c, n});
        hottest.push_back({{"zone", h.zone}, {"name", h.name}, {"reports", h.reports}, {"persons", h.persons},
                           {"at_night", h.at_night}, {"alerts", h.alerts}, {"serious_alerts", h.serious_alerts},
                           {"categories", cats}, {"why", h.why}});
    }
    for (const auto& r : a.repeated)
        repeated.push_back({{"zone", r.zone}, {"name", r.name}, {"days", r.days}, {"persons", r.persons}});
    for (const auto& g : a.gaps)
        gaps.push_back({{"zone", g.zone}, {"name", g.name}, {"alerts", g.alerts}, {"reached", g.reached},
                        {"unanswered", g.unanswered}});
    nlohmann::json open = nlohmann::json::array(), escalated = nlohmann::json::array();
    for (const auto& al : a.open_alerts) open.push_back(alert_json(al));
    for (const auto& al : a.escalated) escalated.push_back(alert_json(al));
    nlohmann::json response = nlohmann::json::array();
    for (const auto& s : a.response)
        response.push_back({{"from", s.from}, {"to", s.to}, {"measured", s.measured}, {"median_ms", millis_or_null(s.median)},
                            {"p90_ms", millis_or_null(s.p90)}});
    nlohmann::json outcomes = nlohmann::json::array();
    for (const auto& o : a.outcomes)
        outcomes.push_back({{"outcome", o.outcome}, {"women", o.women}, {"men", o.men}, {"unknown", o.unknown}, {"total", o.total}});
    nlohmann::json referrals = nlohmann::json::object();
    for (const auto& [r, n] : a.referrals) referrals[r] = n;
    nlohmann::json actions = nlohmann::json::array(), notes = nlohmann::json::array();
    for (const auto& n : a.open_actions) actions.push_back(to_json(n));
    for (const auto& n : a.last_notes) notes.push_back(to_json(n));
    nlohmann::json shelters = nlohmann::json::array();
    for (const auto& sh : a.shelters)
        shelters.push_back({{"id", sh.id}, {"name", sh.name}, {"places", sh.places}, {"nights", sh.nights},
                            {"full_nights", sh.full_nights}, {"occupied", sh.occupied}, {"last_free", sh.last_free}});
    nlohmann::json weather{{"readings", a.weather.readings},
                           {"coldest_c", a.weather.coldest_c ? nlohmann::json(*a.weather.coldest_c) : nlohmann::json(nullptr)},
                           {"extra_cold_nights", a.weather.extra_cold_nights},
                           {"worst_warning", a.weather.worst_warning}};
    return {{"meeting", to_json(a.plan, a.held_at)},
            {"held_at", format_rfc3339(a.held_at)},
            {"since", format_rfc3339(a.since)},
            {"first_meeting", a.first_meeting},
            {"hottest", hottest},
            {"repeated_presence", repeated},
            {"coverage_gaps", gaps},
            {"open_alerts", open},
            {"escalated_alerts", escalated},
            {"dispatches", {{"sent", a.dispatches}, {"completed", a.completed}, {"declined", a.declined},
                            {"unanswered", a.unanswered}, {"withdrawn", a.withdrawn}}},
            {"response_times", response},
            {"outcomes", outcomes},
            {"referrals", referrals},
            {"open_actions", actions},
            {"overdue", a.overdue},
            {"last_meeting_notes", notes},
            {"shelters", shelters},
            {"weather", weather}};
}

} // namespace platslage
