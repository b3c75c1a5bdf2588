#include "report_generator.hpp"

#include "day_curve.hpp"
#include "seeded_draw.hpp"
#include "time_text.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>
#include <string_view>

namespace platslage::sim {

std::string run_tag(TimePoint start) {
    auto text = format_rfc3339(start); // "2026-11-23T23:26:34.000Z"
    std::string tag;
    for (char c : text.substr(0, 19))
        if (c != '-' && c != ':') tag += c;
    return tag + "Z";
}

namespace {

// Generic situational notes, as a guard would type them. Never anything that names or
// describes a particular person: the system records situations, not identities.
const std::array<std::vector<std::string_view>, 7> notes_by_category{{
    {"sover på bänk", "sover på golvet vid väggen", "behöver filt", "sover, väckt och tillfrågad om stöd"},
    {"påverkad men lugn", "påverkad, svårt att stå", "påverkad, orolig"},
    {"verkar orolig, vill prata", "ledsen, vill ha kontakt med uppsökare", "förvirrad"},
    {"behöver vård, kontakt med vården", "frusen, behöver värme", "skadad fot"},
    {"ung person ensam sent", "ungdomar utan vuxen"},
    {"familj med barn utan natthärbärge", "familj med barn, väntar länge"},
    {"äldre person, trött", "äldre person, frusen"},
}};
const std::vector<std::string_view> patrol_notes{"rond utan anmärkning", "lugnt", "mycket folk"};
const std::vector<std::string_view> incident_notes{"bråk, lugnat", "person föll, hjälpt upp", "larmat polis",
                                                   "hot mot personal, lugnat"};

std::string_view pick(std::mt19937& rng, const std::vector<std::string_view>& list) {
    return list[static_cast<std::size_t>(between(rng, 0, static_cast<int>(list.size()) - 1))];
}

constexpr std::array<double, 4> persons_weights{50, 28, 14, 8}; // 1..4 people seen together

} // namespace

ReportGenerator::ReportGenerator(std::string station, std::string device, std::vector<const Zone*> zones,
                                 std::uint32_t seed, std::string run, const SiteMix* mix)
    : station_(std::move(station)), device_(std::move(device)),
      id_prefix_(device_ + (run.empty() ? "" : "-" + run) + "-"), zones_(std::move(zones)), rng_(seed), mix_(mix) {
    if (zones_.empty()) throw std::invalid_argument("station '" + station_ + "' has no zones to report from");
}

GuardReport ReportGenerator::next(TimePoint ts, double hour) {
    GuardReport r;
    r.station = station_;
    r.device = device_;
    char number[24];
    std::snprintf(number, sizeof number, "%06llu", static_cast<unsigned long long>(++sequence_));
    r.id = id_prefix_ + number;
    r.ts = ts;

    auto kinds = mix_ ? report_kind_weights(hour, *mix_) : report_kind_weights(hour);
    r.kind = static_cast<ReportKind>(pick_weighted(rng_, kinds));
    const Zone& zone = pick_zone(r.kind, hour);
    r.zone = zone.id;

    if (r.kind != ReportKind::patrol) { // a patrol round reports the round, not people
        r.persons = 1 + static_cast<int>(pick_weighted(rng_, persons_weights));
        auto weights = mix_ ? category_weights(zone.kind, zone.level, hour, r.kind, *mix_)
                            : category_weights(zone.kind, zone.level, hour, r.kind);
        int wanted = chance(rng_, 0.2) ? 2 : 1;
        for (int i = 0; i < wanted; ++i) {
            auto c = static_cast<Category>(pick_weighted(rng_, weights));
            weights[static_cast<std::size_t>(c)] = 0; // each category once
            r.categories.push_back(c);
        }
        bool family = std::find(r.categories.begin(), r.categories.end(), Category::family_with_children) !=
                      r.categories.end();
        if (family && r.persons < 2) r.persons = between(rng_, 2, 4);
        count_women_and_men(r);
    }
    r.note = pick_note(r);
    return r;
}

void ReportGenerator::count_women_and_men(GuardReport& r) {
    // Each person taken for a woman about a third of the time and for a man most of the rest,
    // a few not told apart: the IOP report's shares at the shelters (docs/simulation.md). From
    // a stream of its own, seeded by the report's id, so the draws of everything else stay as
    // they were for a seed.
    std::seed_seq seed(r.id.begin(), r.id.end());
    std::mt19937 draw(seed);
    std::discrete_distribution<int> sex{32, 58, 10}; // woman, man, not told apart
    int women = 0, men = 0;
    for (int i = 0; i < r.persons; ++i) {
        int s = sex(draw);
        women += s == 0;
        men += s == 1;
    }
    r.women = women;
    r.men = men;
}

Millis ReportGenerator::gap_after(double hour) {
    double mean_s = 3600.0 / (mix_ ? reports_per_hour(hour, *mix_) : reports_per_hour(hour));
    double s = std::clamp(exponential(rng_, mean_s), 20.0, 4 * mean_s); // a guard needs a moment between reports
    return Millis{static_cast<Millis::rep>(s * 1000)};
}

const Zone& ReportGenerator::pick_zone(ReportKind kind, double hour) {
    std::vector<double> w;
    w.reserve(zones_.size());
    for (const Zone* z : zones_)
        w.push_back(kind == ReportKind::patrol ? 1.0
                    : mix_                     ? observation_zone_weight(z->kind, z->level, hour, *mix_)
                                               : observation_zone_weight(z->kind, z->level, hour));
    return *zones_[pick_weighted(rng_, w)];
}

std::string ReportGenerator::pick_note(const GuardReport& r) {
    switch (r.kind) {
    case ReportKind::patrol: return chance(rng_, 0.05) ? std::string(pick(rng_, patrol_notes)) : std::string();
    case ReportKind::incident: return chance(rng_, 0.4) ? std::string(pick(rng_, incident_notes)) : std::string();
    case ReportKind::observation: break;
    }
    if (!chance(rng_, 0.15)) return {};
    return std::string(pick(rng_, notes_by_category[static_cast<std::size_t>(r.categories.front())]));
}

} // namespace platslage::sim
