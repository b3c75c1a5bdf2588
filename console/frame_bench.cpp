#include "frame_bench.hpp"

#include "bench.hpp"
#include "hub_link.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

namespace platslage::console {

int run_frame_bench(ConsoleWindow& window, const ZoneMap& zones, HubLink& link,
                    const std::function<void(const Picture&)>& frame, int alerts, double idle_s) {
    using clock = std::chrono::steady_clock;
    auto ms_since = [](clock::time_point t) { return std::chrono::duration<double, std::milli>(clock::now() - t).count(); };
    auto entries = busy_night_entries(zones, alerts, std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now()));
    PictureBuilder builder;
    auto t = clock::now();
    auto picture = std::make_shared<Picture>(builder.build(entries));
    double first_build_ms = ms_since(t);
    picture->link = LinkState::live;

    auto timed_frame = [&](const Picture& p) {
        glfwPollEvents();
        auto start = clock::now();
        frame(p);
        glFinish(); // Mesa draws in software: the frame is done when the pixels are
        double ms = ms_since(start);
        glfwSwapBuffers(window.get());
        return ms;
    };
    for (int i = 0; i < 10; ++i) timed_frame(*picture); // layout settles, caches warm
    Timings steady;
    for (int i = 0; i < 300; ++i) steady.add(timed_frame(*picture));

    // Each frame an alert changes: the incremental rebuild, the queue's sort, the frame.
    Timings changing, rebuild;
    for (int i = 0; i < 100; ++i) {
        char key[24];
        std::snprintf(key, sizeof key, "alert/A-%06d", 1 + (i * 37) % alerts);
        entries[key] = acknowledged_alert(entries[key], i);
        auto start = clock::now();
        picture = std::make_shared<Picture>(builder.build(entries));
        picture->link = LinkState::live;
        rebuild.add(ms_since(start));
        changing.add(timed_frame(*picture)); // the rebuild itself runs on the network thread
    }

    // Idle: the console as it runs in the control room, against whatever hub it was given.
    double cpu_before = process_cpu_seconds();
    auto idle_start = clock::now();
    int idle_frames = 0;
    while (std::chrono::duration<double>(clock::now() - idle_start).count() < idle_s) {
        glfwWaitEventsTimeout(1.0);
        frame(*link.picture());
        glfwSwapBuffers(window.get());
        ++idle_frames;
    }
    double idle_wall = std::chrono::duration<double>(clock::now() - idle_start).count();
    double idle_cpu = process_cpu_seconds() - cpu_before;
    auto hub = link.picture();

    auto [fb_w, fb_h] = window.framebuffer_size();
    nlohmann::json out{{"alerts", alerts},
                       {"window", std::to_string(fb_w) + "x" + std::to_string(fb_h)},
                       {"gl_renderer", reinterpret_cast<const char*>(glGetString(GL_RENDERER))},
                       {"first_build_ms", std::round(first_build_ms * 10) / 10},
                       {"steady_frames", steady.summary()},
                       {"rebuild_after_one_change", rebuild.summary()},
                       {"frames_with_a_change", changing.summary()},
                       {"idle", {{"seconds", std::round(idle_wall * 10) / 10},
                                 {"frames", idle_frames},
                                 {"cpu_percent", std::round(idle_cpu / idle_wall * 1000) / 10},
                                 {"hub", std::string(link_name(hub->link))}}}};
    std::cout << out.dump(2) << "\n";
    return 0;
}

} // namespace platslage::console
