#pragma once
// The hours each zone was a hotspot, for the partnership's follow-up ("hotspot hours per
// zone", docs/statistics.md): a zone's highest hotspot score in each clock hour, kept when it
// reached hotspot_hour_from. A score holds until it is computed again, so an hour in which
// nothing new was computed has the score before it. Stockholm is a whole number of hours from
// UTC, so whole UTC hours are whole Stockholm hours, summer time or not.
#include "clock.hpp"
#include "zone_map.hpp"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <vector>

namespace platslage {

// Amber on the console's map: a zone worth a look. An hour at or over it is a hotspot hour.
inline constexpr int hotspot_hour_from = 30;
// Orange: a zone that needs someone there.
inline constexpr int hotspot_hour_strong = 60;

struct HotspotHour {
    std::string zone;
    std::string station;
    TimePoint hour; // its start
    int peak = 0;   // the highest score in it
    bool operator==(const HotspotHour&) const = default;
};

class HotspotHours {
public:
    // A zone's score as computed at `now`; `now` never goes back.
    void observe(const Zone& z, int score, TimePoint now);
    // Closes every zone's hours that ended by `now`.
    void advance(TimePoint now);
    // The hotspot hours closed since the last call, each zone's in order.
    std::vector<HotspotHour> take();

    // The hours under way, for the hub's snapshot: a restart goes on counting them.
    nlohmann::json save() const;
    void load(const nlohmann::json& j);

private:
    struct Open {
        std::string station;
        TimePoint hour;
        int score = 0; // the score now
        int peak = 0;  // the highest in `hour`
    };
    void close_before(const std::string& zone, Open& o, TimePoint hour);

    std::map<std::string, Open> open_;
    std::vector<HotspotHour> closed_;
};

} // namespace platslage
