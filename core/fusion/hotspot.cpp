#include "hotspot.hpp"

#include <algorithm>
#include <cmath>

namespace platslage {

namespace {
double decay(Millis age, Millis half_life) {
    if (age.count() <= 0) return 1.0;
    return std::exp2(-static_cast<double>(age.count()) / static_cast<double>(half_life.count()));
}
} // namespace

std::string_view category_label(Category c) {
    switch (c) {
    case Category::sleeping: return "sleeping";
    case Category::intoxicated: return "intoxicated";
    case Category::distress: return "in distress";
    case Category::needs_care: return "needing care";
    case Category::minor: return "minor";
    case Category::family_with_children: return "in a family with children";
    case Category::elderly: return "elderly";
    }
    return "";
}

std::string duration_text(Millis d) {
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(d).count();
    if (minutes < 90) return std::to_string(minutes) + " min";
    return std::to_string(minutes / 60) + " h";
}

Hotspot hotspot(const ZoneActivity* a, std::optional<int> occupancy, int capacity, TimePoint now, NightHours night,
                const HotspotWeights& w) {
    struct Part {
        double points;
        std::string text;
    };
    std::vector<Part> parts;
    double need = 0;

    if (a) {
        auto current = a->current(now);
        auto weight_of = [&](const ReportMark& r) {
            double v = std::min(r.persons, w.persons_cap) * decay(now - r.ts, w.half_life);
            if (a->last_outreach && r.ts < *a->last_outreach) v *= w.after_outreach;
            return v;
        };
        // Per category, the heaviest report (recent, many people) counts: patrols that see
        // the same three people every half hour do not make them thirty.
        for (auto c : all_categories()) {
            double best = 0;
            int persons = 0;
            for (const auto* r : current) {
                if (std::find(r->categories.begin(), r->categories.end(), c) == r->categories.end()) continue;
                best = std::max(best, weight_of(*r));
                persons = std::max(persons, r->persons);
            }
            double points = w.category[static_cast<std::size_t>(c)] * best;
            if (persons > 0) parts.push_back({points, std::to_string(persons) + " " + std::string(category_label(c))});
            need += points;
        }
        double best = 0;
        int persons = 0, incidents = 0;
        double incident_points = 0;
        for (const auto* r : current) {
            if (r->categories.empty()) best = std::max(best, weight_of(*r)), persons = std::max(persons, r->persons);
            if (r->kind == ReportKind::incident) ++incidents, incident_points += w.incident * decay(now - r->ts, w.half_life);
        }
        if (persons > 0) parts.push_back({w.present * best, std::to_string(persons) + " present"});
        need += w.present * best;
        if (incidents > 0) parts.push_back({incident_points, std::to_string(incidents) + (incidents == 1 ? " incident" : " incidents")});
        need += incident_points;

        if (auto since = a->unmet_since(now); need > 0 && since && now - *since >= w.gap_from) {
            auto gap = now - *since;
            // Rises evenly from nothing at gap_from to the full weight at gap_full.
            double share = std::min(1.0, static_cast<double>((gap - w.gap_from).count()) /
                                             static_cast<double>((w.gap_full - w.gap_from).count()));
            double extra = need * w.gap_weight * share;
            parts.push_back({extra, "no outreach for " + duration_text(gap)});
            need += extra;
        } else if (a->outreach_here()) {
            parts.push_back({0, "outreach here now"});
        }
        if (need > 0 && is_night(now, night)) {
            double extra = need * (w.night_factor - 1);
            parts.push_back({extra, "night"});
            need += extra;
        }
        // By day the last night is the one that just ended, not the coming one.
        auto last_night = night_of(now, night) - std::chrono::days(is_night(now, night) ? 0 : 1);
        int nights = a->nights_among_last(last_night.time_since_epoch().count(), w.nights_of);
        if (nights >= 2) {
            parts.push_back({w.per_night * nights, std::to_string(nights) + " of the last " + std::to_string(w.nights_of) + " nights"});
            need += w.per_night * nights;
        }
    }
    if (occupancy && capacity > 0) {
        double ratio = static_cast<double>(*occupancy) / capacity;
        if (ratio > w.crowd_from) {
            double points = w.crowd_weight * std::min(1.0, (ratio - w.crowd_from) / (w.crowd_full - w.crowd_from));
            parts.push_back({points, "crowded: " + std::to_string(static_cast<int>(std::lround(ratio * 100))) + " % of capacity"});
            need += points;
        }
    }
    Hotspot h;
    h.score = static_cast<int>(std::clamp(std::lround(need), 0L, 100L));
    std::stable_sort(parts.begin(), parts.end(), [](const Part& x, const Part& y) { return x.points > y.points; });
    for (auto& p : parts) h.parts.push_back(std::move(p.text));
    return h;
}

} // namespace platslage
