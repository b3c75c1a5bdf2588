// platslage-console: the control-room console. Start-up: options, maps, window, ImGui,
// the hub link (its own thread), then the frame loop, which sleeps until something changes.
#include "alerts_panel.hpp"
#include "bench.hpp"
#include "connection_bar.hpp"
#include "console_state.hpp"
#include "help_window.hpp"
#include "hub_link.hpp"
#include "map_panel.hpp"
#include "meetings_panel.hpp"
#include "reports_panel.hpp"
#include "screenshot.hpp"
#include "stations_panel.hpp"
#include "zone_panel.hpp"
#include "zone_map.hpp"

#include <CLI/CLI.hpp>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include <sys/stat.h>

namespace {

struct Options {
    std::string router = "tcp://127.0.0.1:7702";
    std::string pub = "tcp://127.0.0.1:7701";
    std::string maps = "maps";
    std::string screenshot;
    double screenshot_wait_s = 8;
    int width = 1600;
    int height = 900;
    std::string ini;
    std::string font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    std::string position = "kc-1";
    std::string colour = "hotspot";
    std::string export_dir = ".";  // where the Meetings window's Export writes agendas
    std::string keys;          // pressed once the picture is live, e.g. "D Enter"
    int bench_alerts = 0;      // > 0: measure frame times with this many alerts, print JSON, exit
    double bench_idle_s = 60;  // and CPU use over this long idling against the hub
};

std::string default_ini() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    std::filesystem::path base = xdg && *xdg ? xdg : (home ? std::filesystem::path(home) / ".config" : ".");
    return (base / "platslage" / "console.ini").string();
}

// The first-run layout; afterwards ImGui remembers where the operator put each window.
// Map top left, alert queue top right, the selected zone under it; reports and stations
// along the bottom.
struct Layout {
    float w, h;
    static constexpr float top = 34;
    float upper() const { return (h - top) * 0.64f; }
    void place(float x, float y, float width, float height) const {
        ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_FirstUseEver);
    }
    void map() const { place(0, top, w * 0.58f, upper()); }
    void alerts() const { place(w * 0.58f, top, w * 0.42f, upper() * 0.62f); }
    void zone() const { place(w * 0.58f, top + upper() * 0.62f, w * 0.42f, upper() * 0.38f); }
    void reports() const { place(0, top + upper(), w * 0.58f, h - top - upper()); }
    void stations() const { place(w * 0.58f, top + upper(), w * 0.42f, h - top - upper()); }
};

// --keys: key presses played once the hub's picture is live, through the same GLFW key
// callback a real keyboard uses, one key every few frames. For tests and demonstrations:
// `--keys "D Enter"` dispatches the first alert in the queue to the suggested team.
class ScriptedKeys {
public:
    // Names: a letter or digit, Enter, Esc, Up, Down, Tab, F1. Throws on any other.
    explicit ScriptedKeys(const std::string& names) {
        std::istringstream in(names);
        std::string name;
        while (in >> name) keys_.push_back(code(name));
    }
    bool empty() const { return keys_.empty(); }
    bool done() const { return next_ >= keys_.size() && !held_; }
    // One step per frame: press a key, release it the next frame, wait, press the next.
    void step(GLFWwindow* window) {
        if (held_) {
            ImGui_ImplGlfw_KeyCallback(window, held_, 0, GLFW_RELEASE, 0);
            held_ = 0;
            wait_ = 4;
        } else if (wait_ > 0) {
            --wait_;
        } else if (next_ < keys_.size()) {
            held_ = keys_[next_++];
            ImGui_ImplGlfw_KeyCallback(window, held_, 0, GLFW_PRESS, 0);
        }
    }

private:
    static int code(const std::string& name) {
        if (name.size() == 1 && std::isalpha(static_cast<unsigned char>(name[0])))
            return GLFW_KEY_A + (std::toupper(static_cast<unsigned char>(name[0])) - 'A');
        if (name.size() == 1 && std::isdigit(static_cast<unsigned char>(name[0]))) return GLFW_KEY_0 + (name[0] - '0');
        static const std::map<std::string, int> named{{"Enter", GLFW_KEY_ENTER}, {"Esc", GLFW_KEY_ESCAPE}, {"Up", GLFW_KEY_UP},
                                                      {"Down", GLFW_KEY_DOWN},   {"Tab", GLFW_KEY_TAB},      {"F1", GLFW_KEY_F1}};
        auto it = named.find(name);
        if (it == named.end()) throw std::invalid_argument("--keys: unknown key '" + name + "'");
        return it->second;
    }
    std::vector<int> keys_;
    std::size_t next_ = 0;
    int held_ = 0;
    int wait_ = 10; // frames after going live: the layout settles and the queue picks its first alert
};

// Keyboard shortcuts (ImGui 1.86 with the GLFW backend indexes keys by GLFW key codes).
bool handle_keys(platslage::console::ConsoleState& s, platslage::console::HubLink& link, GLFWwindow* window,
                 std::size_t stations) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return false;
    bool changed = false;
    if (ImGui::IsKeyPressed(GLFW_KEY_F1, false)) s.show_help = !s.show_help, changed = true;
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false)) glfwSetWindowShouldClose(window, GLFW_TRUE);
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_R, false)) link.resync();
    if (io.KeyCtrl) return changed;
    if (ImGui::IsKeyPressed(GLFW_KEY_1, false)) s.level = 1;
    if (ImGui::IsKeyPressed(GLFW_KEY_0, false)) s.level = 0;
    if (ImGui::IsKeyPressed(GLFW_KEY_MINUS, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT, false)) s.level = -1;
    if (ImGui::IsKeyPressed(GLFW_KEY_M, false)) s.show_meetings = !s.show_meetings, changed = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) s.zoom = 1.0, s.pan_x = s.pan_y = 0;
    if (ImGui::IsKeyPressed(GLFW_KEY_H, false)) s.colour_by_hotspot = !s.colour_by_hotspot;
    if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) s.selected_zone.clear();
    if (ImGui::IsKeyPressed(GLFW_KEY_TAB, false) && stations > 0) {
        s.station_tab = (s.station_tab + 1) % static_cast<int>(stations);
        s.zoom = 1.0, s.pan_x = s.pan_y = 0;
    }
    return changed;
}

// --bench: frame times with a busy night's picture (unchanged, and changing every frame),
// then CPU use over a stretch of idling against the hub, as one JSON object on stdout.
template <class Frame>
int run_bench(GLFWwindow* window, const platslage::ZoneMap& zones, platslage::console::HubLink& link, Frame& frame,
              int alerts, double idle_s) {
    using namespace platslage;
    using namespace platslage::console;
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
        glfwSwapBuffers(window);
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
        glfwSwapBuffers(window);
        ++idle_frames;
    }
    double idle_wall = std::chrono::duration<double>(clock::now() - idle_start).count();
    double idle_cpu = process_cpu_seconds() - cpu_before;
    auto hub = link.picture();

    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(window, &fb_w, &fb_h);
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

} // namespace

int main(int argc, char** argv) {
    // Exported agendas and screenshots show the situations of the night: for the operator's user only.
    ::umask(077);
    using namespace platslage;
    using namespace platslage::console;
    Options opt;
    CLI::App app{"platslage-console: the control-room console for Centralen and Cityterminalen"};
    app.add_option("--router", opt.router, "hub ROUTER endpoint (snapshots, zone history, commands)")->capture_default_str();
    app.add_option("--pub", opt.pub, "hub PUB endpoint (updates)")->capture_default_str();
    app.add_option("--maps", opt.maps, "folder of station GeoJSON files")->capture_default_str();
    app.add_option("--screenshot", opt.screenshot, "render, write this PNG and exit (0: live picture, 3: hub not reached)");
    app.add_option("--screenshot-wait-s", opt.screenshot_wait_s, "how long to wait for a live picture before the screenshot")
        ->capture_default_str();
    app.add_option("--width", opt.width, "window width")->capture_default_str();
    app.add_option("--height", opt.height, "window height")->capture_default_str();
    app.add_option("--ini", opt.ini, "where the window layout is remembered (default ~/.config/platslage/console.ini)");
    app.add_option("--font", opt.font, "TTF font with å ä ö")->capture_default_str();
    app.add_option("--colour", opt.colour, "what the map's colours show at start: hotspot or occupancy (H switches)")
        ->capture_default_str()
        ->check(CLI::IsMember({"hotspot", "occupancy"}));
    app.add_option("--bench", opt.bench_alerts,
                   "measure: frame times with this many alerts in view, then CPU use idling against the hub; "
                   "prints JSON and exits (docs/performance.md)");
    app.add_option("--bench-idle-s", opt.bench_idle_s, "how long --bench idles")->capture_default_str();
    app.add_option("--keys", opt.keys,
                   "keys to press once the hub's picture is live, e.g. \"D Enter\" (letters, digits, Enter, Esc, Up, "
                   "Down, Tab, F1); with --screenshot, the PNG is taken after the hub has answered");
    app.add_option("--position", opt.position, "this console's operator position, sent with every command (never a name)")
        ->capture_default_str();
    app.add_option("--export-dir", opt.export_dir, "where the Meetings window's Export writes agenda-<meeting>-<date>.md")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    // Log lines go to stderr: stdout carries what was asked for (the screenshot line, --bench's JSON).
    spdlog::set_default_logger(spdlog::stderr_color_mt("console"));
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

    std::optional<ScriptedKeys> scripted;
    try {
        scripted.emplace(opt.keys);
    } catch (const std::exception& e) {
        std::cerr << "platslage-console: " << e.what() << "\n";
        return 2;
    }

    ZoneMap zones;
    try {
        zones = ZoneMap::load_dir(opt.maps);
    } catch (const std::exception& e) {
        std::cerr << "platslage-console: " << e.what() << "\n";
        return 1;
    }

    glfwSetErrorCallback([](int code, const char* what) { spdlog::error("glfw {}: {}", code, what); });
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(opt.width, opt.height, "Platsläge: Centralen och Cityterminalen", nullptr, nullptr);
    if (!window) {
        std::cerr << "platslage-console: cannot open a window (no display? run under xvfb-run)\n";
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    std::string ini = opt.ini.empty() ? default_ini() : opt.ini;
    if (opt.screenshot.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(std::filesystem::path(ini).parent_path(), ec);
        io.IniFilename = ini.c_str();
    } else {
        io.IniFilename = nullptr; // a screenshot shows the default layout, whatever this user arranged
    }
    ImGui::StyleColorsDark();
    // Latin-1 (å ä ö), and the few signs the panels use: – — … and the arrows of the response times.
    static const ImWchar glyphs[] = {0x0020, 0x00FF, 0x2013, 0x2014, 0x2026, 0x2026, 0x2190, 0x2193, 0};
    if (std::filesystem::exists(opt.font))
        io.Fonts->AddFontFromFileTTF(opt.font.c_str(), 16.0f, nullptr, glyphs);
    else
        spdlog::warn("font {} not found: å ä ö may not render", opt.font);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");

    {
        auto link = std::make_unique<HubLink>(opt.router, opt.pub, [] { glfwPostEmptyEvent(); });
        ConsoleState state;
        state.position = opt.position;
        state.colour_by_hotspot = opt.colour == "hotspot";
        ConnectionBar connection;
        MapPanel map(zones);
        ReportsPanel reports(zones);
        StationsPanel stations(zones);
        AlertsPanel alerts(zones, *link);
        ZonePanel zone(zones, *link);
        MeetingsPanel meetings(zones, *link, opt.export_dir);
        alerts.hold_flash(!opt.screenshot.empty());
        HelpWindow help;
        std::uint64_t frame_errors = 0;

        int frames_left = 3;          // ImGui settles hover and layout over a couple of frames
        // One frame of the whole console, drawn from `picture`.
        auto frame = [&](const Picture& shown) {
            const Picture* picture = &shown;
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            ImGui::NewFrame();
            try {
                int w = 0, h = 0;
                glfwGetWindowSize(window, &w, &h);
                if (handle_keys(state, *link, window, zones.stations().size())) frames_left = 2;
                if (connection.draw(*picture, static_cast<float>(w))) link->resync();
                Layout layout{static_cast<float>(w), static_cast<float>(h)};
                layout.map();
                map.draw(*picture, state);
                layout.alerts();
                alerts.draw(*picture, state);
                layout.zone();
                zone.draw(*picture, state);
                layout.reports();
                reports.draw(*picture, state);
                layout.stations();
                stations.draw(*picture);
                meetings.draw(*picture, state);
                help.draw(state.show_help);
            } catch (const std::exception& e) {
                // One bad frame must not take the control room down: recover ImGui's stack and go on.
                ImGui::ErrorCheckEndFrameRecover(nullptr);
                if (++frame_errors < 10) spdlog::error("frame {}: {}", ImGui::GetFrameCount(), e.what());
            }
            ImGui::Render();
            int fb_w = 0, fb_h = 0;
            glfwGetFramebufferSize(window, &fb_w, &fb_h);
            glViewport(0, 0, fb_w, fb_h);
            glClearColor(0.09f, 0.10f, 0.11f, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            return std::pair{fb_w, fb_h};
        };

        if (opt.bench_alerts > 0) {
            int code = run_bench(window, zones, *link, frame, opt.bench_alerts, opt.bench_idle_s);
            link.reset();
            ImGui_ImplOpenGL3_Shutdown();
            ImGui_ImplGlfw_Shutdown();
            ImGui::DestroyContext();
            glfwDestroyWindow(window);
            glfwTerminate();
            return code;
        }

        auto started = std::chrono::steady_clock::now();
        std::optional<std::chrono::steady_clock::time_point> keys_done_at;
        std::uint64_t answers_told = 0, meeting_lines_told = 0;
        int screenshot_countdown = -1;
        int exit_code = 0;
        while (!glfwWindowShouldClose(window)) {
            if (!opt.screenshot.empty() || frames_left > 0)
                glfwPollEvents();
            else
                // Wakes on input, on new data (glfwPostEmptyEvent), or to age the clocks; twice a
                // second while a row flashes.
                glfwWaitEventsTimeout(alerts.animating() ? 0.25 : 1.0);
            if (frames_left <= 0) frames_left = 2;
            --frames_left;

            auto picture = link->picture();
            bool live = picture->link == LinkState::live;
            if (live && picture->seq > 0 && !scripted->done()) {
                scripted->step(window);
                frames_left = 2;
                if (scripted->done()) keys_done_at = std::chrono::steady_clock::now();
            }
            auto [fb_w, fb_h] = frame(*picture);
            if (auto answer = link->last_answer(); answer.number > answers_told) {
                answers_told = answer.number;
                // The feedback line, also in the log: what was sent and how the hub answered.
                if (answer.number == alerts.last_ticket()) spdlog::info("command: {}", alerts.feedback());
            }
            if (meetings.feedback_count() > meeting_lines_told) {
                meeting_lines_told = meetings.feedback_count();
                spdlog::info("command: {}", meetings.feedback());
            }

            if (!opt.screenshot.empty()) {
                auto steady_now = std::chrono::steady_clock::now();
                double waited = std::chrono::duration<double>(steady_now - started).count();
                // After scripted keys: the hub's answers to what they sent, and a moment for the
                // picture to show the change (each answer comes after the hub has published it).
                bool keys_settled = scripted->empty() ||
                                    (keys_done_at && link->last_answer().number >= link->commands_queued() &&
                                     steady_now - *keys_done_at > std::chrono::milliseconds(600));
                bool keys_gave_up = keys_done_at && steady_now - *keys_done_at > std::chrono::seconds(6);
                if (screenshot_countdown < 0 &&
                    ((live && picture->seq > 0 && (keys_settled || keys_gave_up)) || waited > opt.screenshot_wait_s + (scripted->empty() ? 0 : 10))) {
                    screenshot_countdown = 8; // a few more frames so the layout has settled
                    exit_code = live ? 0 : 3;
                }
                if (screenshot_countdown == 0) {
                    if (!write_screenshot(opt.screenshot, fb_w, fb_h)) {
                        std::cerr << "platslage-console: cannot write " << opt.screenshot << "\n";
                        exit_code = 1;
                    } else {
                        std::cout << "screenshot: " << opt.screenshot << " (" << fb_w << "x" << fb_h << ", "
                                  << link_name(picture->link) << ", update " << picture->seq << ")\n";
                    }
                    glfwSetWindowShouldClose(window, GLFW_TRUE);
                }
                if (screenshot_countdown > 0) --screenshot_countdown;
            }
            glfwSwapBuffers(window);
        }
        link.reset(); // its thread wakes GLFW, so it ends before GLFW does
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
        glfwDestroyWindow(window);
        glfwTerminate();
        if (!opt.screenshot.empty()) return exit_code;
    }
    return 0;
}
