#pragma once
// The console's window and its Dear ImGui context (GLFW, OpenGL 3, Mesa's software renderer
// under Xvfb), made in one place and taken down in one place, in the reverse order.
#include "console_options.hpp"

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
    // Starts a frame, and ends it by drawing what was built onto a cleared screen.
    void begin_frame();
    void end_frame();

private:
    GLFWwindow* window_ = nullptr;
    std::string ini_; // ImGui keeps a pointer to it for the window's life
};

} // namespace platslage::console
