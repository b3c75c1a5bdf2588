#include "console_window.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <dlfcn.h>
#include <link.h>

namespace platslage::console {

namespace {
// The OpenGL driver a context loads (Mesa's, under Xvfb) stays loaded until the process ends.
// Unloaded at glfwTerminate, its never-freed blocks would reach a leak checker run at exit (the
// sanitized test builds, valgrind) with no library to name, so they could not be told apart from
// the console's own leaks; pinned, they are named and suppressed (scripts/lib/lsan.supp).
void keep_loaded_libraries() {
    std::vector<std::string> loaded;
    dl_iterate_phdr(
        [](dl_phdr_info* info, std::size_t, void* names) {
            if (info->dlpi_name != nullptr && info->dlpi_name[0] != '\0')
                static_cast<std::vector<std::string>*>(names)->emplace_back(info->dlpi_name);
            return 0;
        },
        &loaded);
    // Outside the walk: dlopen takes the loader's lock the walk holds.
    for (const auto& name : loaded) dlopen(name.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}
} // namespace

ConsoleWindow::ConsoleWindow(const ConsoleOptions& opt) {
    glfwSetErrorCallback([](int code, const char* what) { spdlog::error("glfw {}: {}", code, what); });
    if (!glfwInit()) throw std::runtime_error("cannot start GLFW");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    window_ = glfwCreateWindow(opt.width, opt.height, "Platsläge: Centralen och Cityterminalen", nullptr, nullptr);
    if (!window_) {
        glfwTerminate();
        throw std::runtime_error("cannot open a window (no display? run under xvfb-run)");
    }
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(1);
    keep_loaded_libraries();

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    ini_ = opt.ini.empty() ? default_ini() : opt.ini;
    if (opt.screenshot.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(std::filesystem::path(ini_).parent_path(), ec);
        io.IniFilename = ini_.c_str();
    } else {
        io.IniFilename = nullptr; // a screenshot shows the default layout, whatever this user arranged
    }
    ImGui::StyleColorsDark();
    // Latin-1 (å ä ö), and the few signs the panels use: – — …, the arrows of the response times,
    // and ≤ ≥ of the statistics' headings.
    static const ImWchar glyphs[] = {0x0020, 0x00FF, 0x2013, 0x2014, 0x2026, 0x2026, 0x2190, 0x2193, 0x2264, 0x2265, 0};
    if (std::filesystem::exists(opt.font))
        io.Fonts->AddFontFromFileTTF(opt.font.c_str(), 16.0f, nullptr, glyphs);
    else
        spdlog::warn("font {} not found: å ä ö may not render", opt.font);
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    // Keys go through the queue, not straight to ImGui: a tap between two frames still counts.
    glfwSetWindowUserPointer(window_, this);
    glfwSetKeyCallback(window_, [](GLFWwindow* w, int key, int scancode, int action, int mods) {
        static_cast<ConsoleWindow*>(glfwGetWindowUserPointer(w))->key_event(KeyEvent{key, scancode, action, mods});
    });
    // Uncovered or restored, the window's pixels are gone: the next frame is drawn whole.
    glfwSetWindowRefreshCallback(window_, [](GLFWwindow* w) { static_cast<ConsoleWindow*>(glfwGetWindowUserPointer(w))->refresh_ = true; });
    ImGui_ImplOpenGL3_Init("#version 130");
    frames_ = std::make_unique<FrameCache>();
}

ConsoleWindow::~ConsoleWindow() {
    frames_.reset(); // its OpenGL objects go while the context is still there
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
    glfwTerminate();
}

std::pair<float, float> ConsoleWindow::size() const {
    int w = 0, h = 0;
    glfwGetWindowSize(window_, &w, &h);
    return {static_cast<float>(w), static_cast<float>(h)};
}

std::pair<int, int> ConsoleWindow::framebuffer_size() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    return {w, h};
}

void ConsoleWindow::begin_frame() {
    const auto events = keys_.take_frame();
    keys_this_frame_ = !events.empty();
    for (const auto& e : events) ImGui_ImplGlfw_KeyCallback(window_, e.key, e.scancode, e.action, e.mods);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
}

bool ConsoleWindow::end_frame(bool whole) {
    ImGui::Render();
    auto [fb_w, fb_h] = framebuffer_size();
    const bool all = whole || std::exchange(refresh_, false);
    return frames_->render(ImGui::GetDrawData(), fb_w, fb_h, all);
}

} // namespace platslage::console
