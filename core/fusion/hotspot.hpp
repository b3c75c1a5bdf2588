#pragma once
// The hotspot score: how much a zone needs attention now, 0-100, with the reasons in words
// ("3 sleeping, 1 needing care, no outreach for 4 h, night, 5 of the last 7 nights").
// docs/hotspots.md explains the formula and every weight; all of them are settings.
#include "zone_activity.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace platslage {

struct HotspotWeights {
    // Points per person by what was reported; a report's people count under each of its
    // categories, and the same people reported again are not counted twice.
    std::array<double, category_count> category{
        8,  // sleeping
        8,  // intoxicated
        15, // distress
        30, // needs_care
        25, // minor
        25, // family_with_children
        8,  // elderly
    };
    double present = 2;         // people reported without a category
    double incident = 10;       // per incident
    int persons_cap = 10;       // persons counted per report at most
    Millis half_life{std::chrono::hours(4)};   // a report's weight halves this often
    double after_outreach = 0.5;               // reports from before outreach's last visit count this much
    Millis gap_from{std::chrono::hours(1)};    // unmet need this long starts to weigh…
    Millis gap_full{std::chrono::hours(6)};    // …and weighs fully from here
    double gap_weight = 1.0;                   // need × (1 + gap_weight) at full gap
    double night_factor = 1.25;                // need weighs more at night
    double per_night = 4;                      // points per night with people…
    int nights_of = 7;                         // …among this many recent nights (from 2 nights)
    double crowd_weight = 15;                  // points for crowding…
    double crowd_from = 0.8;                   // …starting at this share of capacity…
    double crowd_full = 1.2;                   // …and full at this share
    bool operator==(const HotspotWeights&) const = default;
};

struct Hotspot {
    int score = 0;
    std::vector<std::string> parts; // the reasons, most important first
    bool operator==(const Hotspot&) const = default;
};

// `activity` may be null (nothing happened there). Occupancy is the zone's latest count.
Hotspot hotspot(const ZoneActivity* activity, std::optional<int> occupancy, int capacity, TimePoint now,
                NightHours night, const HotspotWeights& w);

// "in distress", "needing care": how a category reads in an explanation.
std::string_view category_label(Category c);
// "4 h", "35 min"
std::string duration_text(Millis d);

} // namespace platslage
