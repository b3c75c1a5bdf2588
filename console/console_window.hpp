#pragma once
// The console's window and its Dear ImGui context (GLFW, OpenGL 3, Mesa's software renderer
// under Xvfb), made in one place and taken down in one place, in the reverse order.
#include "console_options.hpp"
#include "frame_cache.hpp"
#include "key_queue.hpp"

#include <memory>
#include <string>
#include <utility>

struct GLFWwindow;

namespace platslage::console {

class ConsoleWindow {
public:
    // Throws when no window can be opened (no display: run under xvfb-run).
    explicit ConsoleWindow(const ConsoleOptions& opt);
    ~ConsoleWindow();
    ConsoleWindow(const ConsoleWindow&) = delete;
    ConsoleWindow& operator=(const ConsoleWindow&) = delete;

    GLFWwindow* get() const { return window_; }
    std::pair<float, float> size() const;
    std::pair<int, int> framebuffer_size() const;
    // Starts a frame, and ends it by drawing what changed since the last (frame_cache.hpp),
    // or everything when `whole`. A frame starts by handing ImGui this frame's key events
    // (key_queue.hpp). False from end_frame: nothing changed, no swap is needed.
    void begin_frame();
    bool end_frame(bool whole);
    const FrameCache& frames() const { return *frames_; }

    // A key event as GLFW reports it; the window's own key callback comes here too.
    void key_event(const KeyEvent& e) { keys_.push(e); }
    // Key events wait for the next frames: draw them now rather than wait for input.
    bool keys_waiting() const { return !keys_.empty(); }
    // Whether the frame begun last was handed any key events.
    bool keys_this_frame() const { return keys_this_frame_; }

private:
    GLFWwindow* window_ = nullptr;
    KeyQueue keys_;
    std::unique_ptr<FrameCache> frames_; // made once the OpenGL context is
    bool keys_this_frame_ = false;
    bool refresh_ = true; // the window system asked for the whole window again
    std::string ini_; // ImGui keeps a pointer to it for the window's life
};

} // namespace platslage::console
