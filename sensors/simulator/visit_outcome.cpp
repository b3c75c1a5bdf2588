#include "visit_outcome.hpp"

#include "seeded_draw.hpp"

#include <algorithm>
#include <array>

namespace platslage::sim {

namespace {
// Each person met is a woman, a man or not known, with the shares of follow-up: two thirds of
// the homeless in Stockholm are men, one third women (domain brief); a tenth not told.
void count_women_and_men(DispatchOutcome& o, std::mt19937& rng) {
    const std::array<double, 3> share{0.30, 0.60, 0.10};
    int women = 0, men = 0;
    for (int i = 0; i < o.persons; ++i) {
        auto g = pick_weighted(rng, share);
        women += g == 0;
        men += g == 1;
    }
    o.women = women;
    o.men = men;
}

bool has(const DispatchOrder& o, std::string_view category) {
    return std::find(o.categories.begin(), o.categories.end(), category) != o.categories.end();
}
} // namespace

DispatchOutcome draw_visit_outcome(const DispatchOrder& order, const std::string& station, const std::string& team,
                                   TimePoint ts, bool extra_cold, std::mt19937& rng) {
    DispatchOutcome o;
    o.station = station;
    o.team = team;
    o.dispatch = order.dispatch;
    o.ts = ts;

    // contact_made, support_offered, support_accepted, referred, declined, nobody_found (dispatch_outcomes' order)
    std::array<double, 6> w{0.26, 0.18, 0.14, 0.18, 0.12, 0.12};
    if (extra_cold) {
        w[2] *= 1.5; // a warm place tonight is easier to accept
        w[3] *= 1.3;
        w[4] *= 0.7;
    }
    if (has(order, "needs_care")) w[3] *= 1.8;
    o.outcome = std::string(dispatch_outcomes[pick_weighted(rng, w)]);

    if (o.outcome == "referred") {
        // capio, psykiatri, socialjouren, night_shelter, eu_team, emergency_services, polisen,
        // mariamottagningen, ungdomsjouren, äldrelotsen (referral_targets' order)
        std::array<double, referral_targets.size()> to{1.0, 1.0, 1.0, 2.0, 1.0, 0.3, 0.05, 0.4, 0.0, 0.2};
        if (has(order, "needs_care")) to[0] += 3, to[1] += 1.5, to[5] += 1;
        if (has(order, "distress")) to[1] += 1.5;
        if (has(order, "minor") || has(order, "family_with_children")) to[2] += 4, to[8] += 2;
        if (extra_cold) to[3] += 3;
        o.referred_to = std::string(referral_targets[pick_weighted(rng, to)]);
    }
    if (o.outcome == "nobody_found") {
        o.persons = 0; // and no descriptors: there was no one to describe
        return o;
    }
    o.persons = std::clamp(order.persons, 1, 50);
    count_women_and_men(o, rng);
    if (o.persons == 1) {
        // Descriptors only for a single person met, and only as coarse as follow-up needs.
        o.gender = *o.women ? "woman" : *o.men ? "man" : "unknown"; // the older descriptor, kept in step
        if (has(order, "minor")) o.age_band = "under_18";
        else if (has(order, "elderly")) o.age_band = "65+";
        else if (chance(rng, 0.9)) {
            const std::array<double, 4> age{0.03, 0.15, 0.75, 0.07}; // under_18, 18-25, 26-64, 65+
            o.age_band = std::string(age_bands[pick_weighted(rng, age)]);
        }
    }
    return o;
}

} // namespace platslage::sim
