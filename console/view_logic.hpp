#pragma once
// The console's decisions that need no window: colours, the map projection, what is under
// the mouse. Tested on their own.
#include "zone_map.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace platslage::console {

struct Rgba {
    float r = 0, g = 0, b = 0, a = 1;
};

// Occupancy against capacity: green (calm) → amber (busy, from 60 %) → red (at or over
// capacity). A zone without a count is grey; a silent sensor is a dimmed version of the
// last known colour, so the operator sees both the count and that it is old.
Rgba occupancy_colour(std::optional<int> occupancy, int capacity, bool sensor_silent);
Rgba link_colour(const std::string& link_name);
// The hotspot score, 0-100: slate (nothing) → amber (30) → orange (60) → deep red (100).
// Distinct from the occupancy scale, which starts at green: a calm zone is not "good".
Rgba hotspot_colour(int score);
// warning (amber), minor (orange), major (red), critical (magenta-red, the strongest).
Rgba severity_colour(int severity_rank);

struct Point {
    double x = 0, y = 0;
};

// Lon/lat to screen pixels around a centre, with pan and zoom. Longitudes are scaled by
// cos(latitude) so shapes keep their true proportions at 59° N.
class MapProjection {
public:
    MapProjection(LonLat centre, double pixels_per_metre, Point screen_centre);
    Point to_screen(LonLat p) const;
    LonLat to_lonlat(Point s) const;
    // Centre and zoom so that `zones` fill `size` with a margin.
    static MapProjection fit(const std::vector<const Zone*>& zones, Point screen_min, Point size);

    LonLat centre() const { return centre_; }
    double pixels_per_metre() const { return ppm_; }

private:
    LonLat centre_;
    double ppm_;
    Point screen_centre_;
    double metres_per_deg_lon_;
};

bool contains(const std::vector<LonLat>& ring, LonLat p);
// The zone at `p` among `zones` (the first hit), or nullptr.
const Zone* zone_at(const std::vector<const Zone*>& zones, LonLat p);
LonLat centroid(const std::vector<LonLat>& ring);

// How wide a (screen) polygon is along the horizontal line y, and how tall along the
// vertical line x: between its outermost crossings, 0 when the line misses it. Labels are
// drawn only where they fit.
double span_across(const std::vector<Point>& ring, double y);
double span_down(const std::vector<Point>& ring, double x);

// A label in at most two lines no wider than `room` (by `width_of`): whole if it fits, else
// broken at the space that fits best; empty when neither fits.
std::vector<std::string> label_lines(const std::string& text, float room,
                                     const std::function<float(const std::string&)>& width_of);

// "12 s", "4 min", "2 h 5 min": how long ago, for people.
std::string age_text(long long seconds);

// A reported category as people say it: "family_with_children" → "family with children",
// "elderly" → "elderly (65+)". A name the protocol does not know is shown as it came.
std::string category_words(const std::string& name);
// Several, comma separated: "needs care, in distress".
std::string categories_text(const std::vector<std::string>& names);

} // namespace platslage::console
