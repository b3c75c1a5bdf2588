#pragma once
// Which part of the screen a frame changed, decided without a window. ImGui hands each frame
// over as one draw list per window (and one for the overlays); a list whose content or place
// is the same as in the frame before draws the same pixels. The damage is what the changed
// lists covered before and cover now: only that part of the screen is drawn again. In
// software rendering a whole frame costs about 20 ms of CPU at 1600×900; a flashing row or
// a ticking clock changes one window.
#include <cstdint>
#include <vector>

namespace platslage::console {

struct ScreenRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    bool operator==(const ScreenRect&) const = default;
};
ScreenRect united(const ScreenRect& a, const ScreenRect& b);

// One window's drawing in one frame: a hash of everything it draws, and where.
struct ListSignature {
    std::uint64_t hash = 0;
    ScreenRect bounds;
    bool operator==(const ListSignature&) const = default;
};

// The parts of the screen to draw again, none when the frame draws what the last one did.
// Lists are compared in order (the windows' stacking order): a window brought to the front,
// moved, opened or closed damages where it was and where it is. Each changed window is a
// rectangle of its own (the top bar and a table far below it are two small rectangles, not
// one that spans the screen); rectangles that overlap are merged.
std::vector<ScreenRect> frame_damage(const std::vector<ListSignature>& before, const std::vector<ListSignature>& now);

// 64-bit FNV-1a, over the bytes given, continuing from `hash`.
std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t hash = 1469598103934665603ull);

} // namespace platslage::console
