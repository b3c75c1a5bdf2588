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
// A zone's people counter in words, from the picture's `sensor` ("ok", "silent",
// "clock_wrong"): empty while it counts, else what the operator should know of its count.
std::string counter_words(const std::string& sensor);
// Whether the count shown is not the zone's count now (the colour is dimmed).
inline bool counter_faulty(const std::string& sensor) { return sensor == "silent" || sensor == "clock_wrong"; }
Rgba link_colour(const std::string& link_name);
// The outage banner's deep red, with white text on it: unlike any severity or zone colour.
Rgba outage_colour();
// The hotspot score, 0-100: slate (nothing) → amber (30) → orange (60) → deep red (100).
// Distinct from the occupancy scale, which starts at green: a calm zone is not "good".
Rgba hotspot_colour(int score);
// warning (amber), minor (orange), major (red), critical (magenta-red, the strongest).
Rgba severity_colour(int severity_rank);

// Legibility, by the WCAG 2 rules: the contrast of two opaque colours (1 to 21; text wants
// 4.5, a line or a shape 3), and `top` laid over `under` with the given opacity.
double contrast_ratio(Rgba a, Rgba b);
Rgba over(Rgba top, float opacity, Rgba under);
// White or black, whichever stands out more on `background` (at least 4.5 on any colour).
Rgba text_colour_on(Rgba background);
// The windows' dark background (ImGui's dark style), under the map's fills and the tables' rows.
inline constexpr Rgba panel_background{0.06f, 0.06f, 0.06f, 1};
// How opaque the map paints a zone's fill, and a flashing alert row's colour.
inline constexpr float zone_fill_opacity = 0.75f;
inline constexpr float lit_row_opacity = 0.45f;

// The overview's cells, both stations and every level at once: one per station and level
// that has zones, stations in the maps' order, levels from the top down.
struct OverviewCell {
    std::string station;
    int level = 0;
};
std::vector<OverviewCell> overview_cells(const ZoneMap& zones);
// "Upper level (1)", "Street level (0)", "Lower level (-1)".
std::string level_name(int level);

// An alert's ring on the map: a halo in black or white, whichever stands out on the zone's
// fill as drawn, with the severity's colour inside it, so the ring shows on any fill (a
// major ring's red on an orange hotspot was invisible).
struct RingLook {
    Rgba halo, colour;
    float halo_width = 0, width = 0;
};
RingLook alert_ring(int severity_rank, Rgba fill_as_drawn);

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

// Several categories in words (category_words), comma separated: "needs care, in distress".
std::string categories_text(const std::vector<std::string>& names);

} // namespace platslage::console
