#pragma once
// Every key press counts. GLFW tells of each press and release as it happens; Dear ImGui 1.86
// only sees whether a key is down when a frame starts, so a key pressed and released between
// two frames (a remote desktop, a KVM switch, a macro keypad, a quick finger while the console
// waits for input) would never be seen. The console queues GLFW's key events here and hands
// ImGui at most one change of each key per frame: a tap is down for one frame, up the next.
#include <cstddef>
#include <deque>
#include <vector>

namespace platslage::console {

struct KeyEvent {
    int key = 0;
    int scancode = 0;
    int action = 0; // GLFW_PRESS, GLFW_RELEASE, GLFW_REPEAT
    int mods = 0;
    bool operator==(const KeyEvent&) const = default;
};

class KeyQueue {
public:
    void push(const KeyEvent& e);
    // This frame's events, oldest first: up to the first event of a key that already changed
    // in this frame; it and what came after it wait for the next frame, so the order holds
    // (Ctrl down, Q down, Q up, Ctrl up is Ctrl+Q over two frames).
    std::vector<KeyEvent> take_frame();
    bool empty() const { return queue_.empty(); }
    std::size_t size() const { return queue_.size(); }

private:
    std::deque<KeyEvent> queue_;
};

} // namespace platslage::console
