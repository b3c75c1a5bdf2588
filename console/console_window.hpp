#pragma once
// The console's window and its Dear ImGui context (GLFW, OpenGL 3, Mesa's software renderer
// under Xvfb), made in one place and taken down in one place, in the reverse order.
#include "console_options.hpp"
#include "key_queue.hpp"

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
    // Starts a frame, and ends it by drawing what was built onto a cleared screen. A frame
    // starts by handing ImGui this frame's key events (key_queue.hpp).
    void begin_frame();
    void end_frame();

    // A key event as GLFW reports it; the window's own key callback comes here too.
    void key_event(const KeyEvent& e) { keys_.push(e); }
    // Key events wait for the next frames: draw them now rather than wait for input.
    bool keys_waiting() const { return !keys_.empty(); }

private:
    GLFWwindow* window_ = nullptr;
    KeyQueue keys_;
    std::string ini_; // ImGui keeps a pointer to it for the window's life
};

} // namespace platslage::console
