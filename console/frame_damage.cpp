#include "frame_damage.hpp"

#include <algorithm>

namespace platslage::console {

ScreenRect united(const ScreenRect& a, const ScreenRect& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

namespace {
bool overlap(const ScreenRect& a, const ScreenRect& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

void add(std::vector<ScreenRect>& rects, ScreenRect r) {
    if (r.empty()) return;
    // Merged with every rectangle it overlaps, until it overlaps none.
    for (bool merged = true; merged;) {
        merged = false;
        for (auto it = rects.begin(); it != rects.end(); ++it)
            if (overlap(*it, r)) {
                r = united(r, *it);
                rects.erase(it);
                merged = true;
                break;
            }
    }
    rects.push_back(r);
}
} // namespace

std::vector<ScreenRect> frame_damage(const std::vector<ListSignature>& before, const std::vector<ListSignature>& now) {
    std::vector<ScreenRect> damage;
    const std::size_t n = std::max(before.size(), now.size());
    for (std::size_t i = 0; i < n; ++i) {
        const ListSignature* b = i < before.size() ? &before[i] : nullptr;
        const ListSignature* c = i < now.size() ? &now[i] : nullptr;
        if (b && c && *b == *c) continue;
        add(damage, united(b ? b->bounds : ScreenRect{}, c ? c->bounds : ScreenRect{}));
    }
    return damage;
}

std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t hash) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= p[i];
        hash *= 1099511628211ull;
    }
    return hash;
}

} // namespace platslage::console
