// platslage-console: the control-room console. Start-up, in order: options, logging, maps,
// window and ImGui, the hub link (its own thread), the windows; then the frame loop, which
// sleeps until something changes. --bench and --screenshot are the same console measured or
// photographed (frame_bench.hpp, screenshot_mode.hpp).
#include "console_frame.hpp"
#include "console_options.hpp"
#include "console_window.hpp"
#include "frame_bench.hpp"
#include "hub_link.hpp"
#include "screenshot_mode.hpp"
#include "scripted_keys.hpp"
#include "zone_map.hpp"

#include <GLFW/glfw3.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>

#include <sys/stat.h>

namespace {

using namespace platslage;
using namespace platslage::console;

// The frame loop: until the window is closed (Ctrl+Q, the window manager, or a screenshot taken).
int run(ConsoleWindow& window, HubLink& link, ConsoleFrame& screen, ScriptedKeys& scripted, const ConsoleOptions& opt) {
    std::optional<ScreenshotMode> screenshot;
    if (!opt.screenshot.empty()) screenshot.emplace(opt.screenshot, opt.screenshot_wait_s, !scripted.empty(), opt.screenshot_at_s);
    std::optional<std::chrono::steady_clock::time_point> keys_done_at;
    while (!glfwWindowShouldClose(window.get())) {
        if (screenshot || screen.settling() || window.keys_waiting())
            glfwPollEvents();
        else
            // Wakes on input, on new data (glfwPostEmptyEvent), or to age the clocks.
            glfwWaitEventsTimeout(screen.idle_wait_s());

        auto picture = link.picture();
        if (picture->link == LinkState::live && picture->seq > 0 && !scripted.done()) {
            scripted.step(window);
            screen.settle();
            if (scripted.done()) keys_done_at = std::chrono::steady_clock::now();
        }
        const bool drawn = screen.draw(*picture);
        screen.log_feedback();
        auto [fb_w, fb_h] = window.framebuffer_size();
        if (screenshot && screenshot->after_frame(*picture, link, keys_done_at, fb_w, fb_h)) {
            // What the screenshot shows, for whoever reads it without looking (the tests).
            spdlog::info("view: {}", screen.view_text());
            glfwSetWindowShouldClose(window.get(), GLFW_TRUE);
        }
        if (drawn) glfwSwapBuffers(window.get());
    }
    spdlog::info("frames: {} drawn, {} unchanged and not drawn", window.frames().drawn(), window.frames().unchanged());
    return screenshot ? screenshot->exit_code() : 0;
}

} // namespace

int main(int argc, char** argv) {
    // Exported agendas and screenshots show the situations of the night: for the operator's user only.
    ::umask(077);
    ConsoleOptions opt;
    if (auto exit_code = parse_options(argc, argv, opt)) return *exit_code;
    // Log lines go to stderr: stdout carries what was asked for (the screenshot line, --bench's JSON).
    spdlog::set_default_logger(spdlog::stderr_color_mt("console"));
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    std::optional<ScriptedKeys> scripted;
    try {
        scripted.emplace(opt.keys);
    } catch (const std::invalid_argument& e) {
        std::cerr << "platslage-console: " << e.what() << "\n"; // --keys names a key there is none of
        return 2;
    }
    try {
        ZoneMap zones = ZoneMap::load_dir(opt.maps);
        HubEndpoints hub = hub_endpoints(opt);
        ConsoleWindow window(opt);
        // Made after the window and gone before it: its thread wakes GLFW.
        HubLink link(std::move(hub), [] { glfwPostEmptyEvent(); });
        ConsoleFrame screen(window, zones, link, opt);
        if (opt.bench_alerts > 0)
            return run_frame_bench(window, zones, link, [&](const Picture& p) { screen.draw(p); }, opt.bench_alerts,
                                   opt.bench_idle_s);
        return run(window, link, screen, *scripted, opt);
    } catch (const std::exception& e) {
        std::cerr << "platslage-console: " << e.what() << "\n";
        return 1;
    }
}
