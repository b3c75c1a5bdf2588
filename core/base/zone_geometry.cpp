#include "zone_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace platslage {

namespace {

struct Box {
    double min_lon, min_lat, max_lon, max_lat;
};

Box box_of(LonLat a, LonLat b) {
    return {std::min(a.lon, b.lon), std::min(a.lat, b.lat), std::max(a.lon, b.lon), std::max(a.lat, b.lat)};
}

Box box_of(const std::vector<LonLat>& ring) {
    Box box{ring.front().lon, ring.front().lat, ring.front().lon, ring.front().lat};
    for (const auto& p : ring) {
        box.min_lon = std::min(box.min_lon, p.lon);
        box.min_lat = std::min(box.min_lat, p.lat);
        box.max_lon = std::max(box.max_lon, p.lon);
        box.max_lat = std::max(box.max_lat, p.lat);
    }
    return box;
}

bool boxes_apart(const Box& a, const Box& b, double tol) {
    return a.max_lon + tol < b.min_lon || b.max_lon + tol < a.min_lon || a.max_lat + tol < b.min_lat ||
           b.max_lat + tol < a.min_lat;
}

double distance(LonLat a, LonLat b) {
    return std::hypot(a.lon - b.lon, a.lat - b.lat);
}

double distance_to_segment(LonLat p, LonLat a, LonLat b) {
    double dx = b.lon - a.lon, dy = b.lat - a.lat;
    double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? std::clamp(((p.lon - a.lon) * dx + (p.lat - a.lat) * dy) / len2, 0.0, 1.0) : 0.0;
    return distance(p, {a.lon + t * dx, a.lat + t * dy});
}

// How far p lies to the left (positive) or right of the line through a and b.
double side_of(LonLat a, LonLat b, LonLat p) {
    double len = distance(a, b);
    if (len == 0) return 0;
    return ((b.lon - a.lon) * (p.lat - a.lat) - (b.lat - a.lat) * (p.lon - a.lon)) / len;
}

bool opposite_sides(double s1, double s2, double tol) {
    return (s1 > tol && s2 < -tol) || (s1 < -tol && s2 > tol);
}

// The segments cross at one point inside both, each one's ends more than tol either side of the other.
bool cross_properly(LonLat a, LonLat b, LonLat c, LonLat d, double tol) {
    return opposite_sides(side_of(a, b, c), side_of(a, b, d), tol) &&
           opposite_sides(side_of(c, d, a), side_of(c, d, b), tol);
}

// The segments come within tol of each other anywhere.
bool segments_touch(LonLat a, LonLat b, LonLat c, LonLat d, double tol) {
    if (boxes_apart(box_of(a, b), box_of(c, d), tol)) return false;
    if (cross_properly(a, b, c, d, 0)) return true;
    return std::min({distance_to_segment(a, c, d), distance_to_segment(b, c, d), distance_to_segment(c, a, b),
                     distance_to_segment(d, a, b)}) <= tol;
}

double distance_to_outline(LonLat p, const std::vector<LonLat>& ring) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i + 1 < ring.size(); ++i)
        best = std::min(best, distance_to_segment(p, ring[i], ring[i + 1]));
    return best;
}

// Inside by more than tol: counting crossings is only asked once p is clear of the outline.
bool well_inside(LonLat p, const std::vector<LonLat>& ring, double tol) {
    if (distance_to_outline(p, ring) <= tol) return false;
    bool inside = false;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        const auto& a = ring[i];
        const auto& b = ring[i + 1];
        if ((a.lat > p.lat) != (b.lat > p.lat) && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon)
            inside = !inside;
    }
    return inside;
}

std::string edge_name(std::size_t i) {
    return "the edge from position " + std::to_string(i) + " to " + std::to_string(i + 1);
}

// Where the outline `a` runs against the outline `b`, edge by edge: each edge of a is cut where a
// corner of b lies on it, so no piece of it meets b's outline in between (proper crossings are
// looked for first); a piece then lies inside b, outside it, or along its outline, and its
// middle tells which.
struct Encounter {
    bool enters = false;   // some piece of a lies inside b
    bool all_along = true; // every piece of a lies along b's outline
};

Encounter run_against(const std::vector<LonLat>& a, const std::vector<LonLat>& b, double tol) {
    Encounter e;
    const Box b_box = box_of(b);
    std::vector<double> cuts;
    for (std::size_t i = 0; i + 1 < a.size(); ++i) {
        const LonLat p = a[i], q = a[i + 1];
        const double dx = q.lon - p.lon, dy = q.lat - p.lat;
        const double len2 = dx * dx + dy * dy;
        if (boxes_apart(box_of(p, q), b_box, tol)) {
            e.all_along = false;
            continue;
        }
        cuts.assign({0.0, 1.0});
        for (std::size_t k = 0; k + 1 < b.size(); ++k)
            if (distance_to_segment(b[k], p, q) <= tol) {
                double t = ((b[k].lon - p.lon) * dx + (b[k].lat - p.lat) * dy) / len2;
                if (t > 0 && t < 1) cuts.push_back(t);
            }
        std::sort(cuts.begin(), cuts.end());
        for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
            double t = (cuts[c] + cuts[c + 1]) / 2;
            LonLat mid{p.lon + t * dx, p.lat + t * dy};
            if (distance_to_outline(mid, b) <= tol) continue;
            e.all_along = false;
            if (well_inside(mid, b, tol)) {
                e.enters = true;
                return e;
            }
        }
    }
    return e;
}

} // namespace

double twice_signed_area(const std::vector<LonLat>& ring) {
    double sum = 0;
    // Relative to the first position, so the products stay small and exact enough.
    for (std::size_t i = 0; i + 1 < ring.size(); ++i)
        sum += (ring[i].lon - ring[0].lon) * (ring[i + 1].lat - ring[0].lat) -
               (ring[i + 1].lon - ring[0].lon) * (ring[i].lat - ring[0].lat);
    return sum;
}

std::optional<std::string> ring_problem(const std::vector<LonLat>& ring) {
    if (ring.size() < 4) return "a ring needs at least four positions";
    const std::size_t n = ring.size() - 1; // corners; ring[n] closes on ring[0]
    const double tol = touch_tolerance_deg;

    for (std::size_t i = 0; i < n; ++i)
        if (distance(ring[i], ring[i + 1]) <= tol)
            return "positions " + std::to_string(i) + " and " + std::to_string(i + 1) +
                   " are the same point: remove one of the two vertices";

    // No area: every corner on the line through the first corner and the one farthest from it.
    std::size_t far = 0;
    for (std::size_t i = 1; i < n; ++i)
        if (distance(ring[0], ring[i]) > distance(ring[0], ring[far])) far = i;
    bool in_line = true;
    for (std::size_t i = 1; i < n && in_line; ++i)
        in_line = std::abs(side_of(ring[0], ring[far], ring[i])) <= tol;
    if (in_line) return "the ring encloses no area: its corners lie on one line";

    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            const LonLat a = ring[i], b = ring[i + 1], c = ring[j], d = ring[j + 1];
            bool neighbours = j == i + 1 || (i == 0 && j == n - 1);
            if (!neighbours) {
                if (segments_touch(a, b, c, d, tol))
                    return "the outline crosses or touches itself: " + edge_name(i) + " meets " + edge_name(j);
                continue;
            }
            // Neighbours share one corner; they must not run back along each other from it.
            const bool wraps = j != i + 1; // edge n-1 ends where edge 0 starts
            const LonLat shared = wraps ? a : b, before = wraps ? c : a, after = wraps ? b : d;
            if (distance_to_segment(after, before, shared) <= tol || distance_to_segment(before, shared, after) <= tol)
                return "the outline doubles back on itself at position " + std::to_string(wraps ? 0 : j) + ": " +
                       edge_name(i) + " runs back along " + edge_name(j);
        }
    return std::nullopt;
}

bool outlines_overlap(const std::vector<LonLat>& a, const std::vector<LonLat>& b) {
    const double tol = overlap_tolerance_deg;
    if (boxes_apart(box_of(a), box_of(b), tol)) return false;
    for (std::size_t i = 0; i + 1 < a.size(); ++i)
        for (std::size_t k = 0; k + 1 < b.size(); ++k)
            if (cross_properly(a[i], a[i + 1], b[k], b[k + 1], tol)) return true;
    const Encounter ab = run_against(a, b, tol);
    if (ab.enters) return true;
    const Encounter ba = run_against(b, a, tol);
    if (ba.enters) return true;
    // Neither outline runs inside the other: the insides are apart, or the outlines are one.
    return ab.all_along && ba.all_along;
}

} // namespace platslage
