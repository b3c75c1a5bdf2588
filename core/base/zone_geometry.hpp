#pragma once
// The geometry the map loader checks zones with: is an outline a usable polygon, and do two
// outlines overlap. Planar arithmetic straight on longitude and latitude: a station is under
// a kilometre across, where degrees map to metres by one fixed scale per axis (an affine map,
// curvature off by about 1e-4), and affine maps keep crossings, containment and the sign of
// an area. Only the tolerances are in degrees (docs/maps.md says what they are on the ground).
#include <optional>
#include <string>
#include <vector>

namespace platslage {

struct LonLat {
    double lon = 0;
    double lat = 0;
};

// Closer than this, two points or a point and an edge touch: far above the noise of double
// arithmetic on these coordinates (about 1e-14 degrees), far below any drawing (0.1 mm).
inline constexpr double touch_tolerance_deg = 1e-9;
// How far a zone may reach into a neighbour on its level before that counts as an overlap
// (1.1 cm north-south, 0.6 cm east-west here): the step of 7 decimals, which QGIS and GDAL
// write for RFC 7946, so a shared corner rounded on saving does not read as an overlap.
inline constexpr double overlap_tolerance_deg = 1e-7;

// Why a closed ring (first position == last) cannot be a zone's outline, in words for the
// person editing the map, or nothing when it can. Either winding is accepted.
std::optional<std::string> ring_problem(const std::vector<LonLat>& ring);

// Twice the area enclosed, in square degrees: positive when the ring runs counterclockwise.
double twice_signed_area(const std::vector<LonLat>& ring);

// True when the insides of two valid outlines share any area. Sharing an edge, a piece of an
// edge or a corner is not an overlap.
bool outlines_overlap(const std::vector<LonLat>& a, const std::vector<LonLat>& b);

} // namespace platslage
