#pragma once
// When the console draws, decided without a window. In software rendering a whole frame
// costs the CPU about 20 ms at 1600×900, so the loop wakes only when what is on screen may
// change: after input or new data (and one frame more, for ImGui's hover and layout to
// settle), and when the wall clock turns to the next second, for the clocks on screen and
// the flashing rows together (frame_cache.hpp then draws only what changed). A flashing
// row is lit one second and dark the next: IEC 60073's slow flashing (0.4-0.8 Hz), which
// needs no frame the clocks do not.
#include "clock.hpp"

namespace platslage::console {

// A flashing row's phase: lit in even seconds of the wall clock, dark in odd ones.
bool flash_lit(TimePoint now);

// How long the loop may sleep before the next frame that may show something new: to the
// next whole second, a little past it, so the frame comes after the change, not before.
Millis sleep_until_next_second(TimePoint now);

// Frames to draw without sleeping: one more after any frame that saw input or a new picture.
class FramePacer {
public:
    // After a frame: what it saw.
    void drawn(bool input, bool new_picture) {
        if (extra_ > 0) --extra_;
        if (input || new_picture) extra_ = 1;
    }
    // Scripted keys and window changes: a few frames in a row.
    void settle(int frames = 2) { extra_ = frames; }
    bool settling() const { return extra_ > 0; }

private:
    int extra_ = 2; // the first frames lay the windows out
};

} // namespace platslage::console
