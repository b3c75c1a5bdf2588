#pragma once
// The console's screen as an off-screen image kept from frame to frame (an OpenGL
// framebuffer object), so a frame draws only the part of the screen that changed
// (frame_damage.hpp) and then copies the image to the window. A frame that changes nothing
// is not drawn at all. Without framebuffer objects every frame is drawn whole, as before.
#include "frame_damage.hpp"

#include <vector>

struct ImDrawData;

namespace platslage::console {

class FrameCache {
public:
    FrameCache();
    ~FrameCache();
    FrameCache(const FrameCache&) = delete;
    FrameCache& operator=(const FrameCache&) = delete;

    // Draws ImGui's frame onto the window's back buffer, redrawing only what changed; `whole`
    // redraws everything (a screenshot reads the back buffer). False when nothing changed and
    // the window keeps showing the last frame: no swap is needed.
    bool render(ImDrawData* draw_data, int width, int height, bool whole);

    // Frames drawn and frames found unchanged since the start, for the log and the bench.
    long drawn() const { return drawn_; }
    long unchanged() const { return unchanged_; }

private:
    void resize(int width, int height);
    void draw_within(ImDrawData* draw_data, int width, int height, const ScreenRect& rect);

    bool available_ = false;
    unsigned framebuffer_ = 0, texture_ = 0;
    int width_ = 0, height_ = 0;
    std::vector<ListSignature> last_;
    long drawn_ = 0, unchanged_ = 0;
};

} // namespace platslage::console
