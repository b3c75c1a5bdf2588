#include "console_frame.hpp"

#include "hub_link.hpp"
#include "shortcuts.hpp"
#include "stats_view.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <spdlog/spdlog.h>

namespace platslage::console {

ConsoleFrame::ConsoleFrame(ConsoleWindow& window, const ZoneMap& zones, HubLink& link, const ConsoleOptions& opt)
    : window_(window), link_(link), stations_(zones.stations().size()), station_ids_(zones.stations()),
      panels_(make_panels(zones, link, opt.export_dir, stats_period_query(opt.stats_period))) {
    state_.position = opt.position;
    state_.colour_by_hotspot = opt.colour == "hotspot";
    panels_.alerts->hold_flash(!opt.screenshot.empty());
    // A screenshot reads the whole screen, and --bench measures whole frames.
    whole_frames_ = !opt.screenshot.empty() || opt.bench_alerts > 0;
    if (opt.bench_alerts == 0 && !opt.no_sound) sound_ = std::make_unique<AlarmSound>(opt.alarm_wav);
}

void ConsoleFrame::sound_alarms(const Picture& picture) {
    auto due = alarms_.update(picture.alerts);
    if (due.empty()) return;
    std::string ids;
    for (const auto& id : due) ids += (ids.empty() ? "" : ", ") + id;
    spdlog::warn("alarm: critical, not acknowledged: {}{}", ids,
                 sound_ && sound_->audible() ? "" : " (no sound: " + (sound_ ? sound_->why_silent() : std::string("off")) + ")");
    if (sound_) sound_->play();
    // The window manager marks the console (a flashing task bar entry) when it is not in front.
    glfwRequestWindowAttention(window_.get());
}

bool ConsoleFrame::draw(const Picture& picture) {
    window_.begin_frame();
    const ImGuiIO& io = ImGui::GetIO();
    bool input = window_.keys_this_frame() || io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 ||
                 io.MouseWheelH != 0 || !io.InputQueueCharacters.empty();
    for (int b = 0; b < IM_ARRAYSIZE(io.MouseDown); ++b) input |= io.MouseDown[b] || io.MouseReleased[b];
    const bool new_picture = picture.build != picture_drawn_;
    picture_drawn_ = picture.build;
    if (new_picture) sound_alarms(picture);
    try {
        if (handle_shortcuts(state_, link_, window_.get(), stations_)) settle();
        auto [w, h] = window_.size();
        panels_.draw(picture, state_, w, h);
    } catch (const std::exception& e) {
        // Recover ImGui's stack and go on.
        ImGui::ErrorCheckEndFrameRecover(nullptr);
        if (++frame_errors_ < 10) spdlog::error("frame {}: {}", ImGui::GetFrameCount(), e.what());
    }
    const bool drawn = window_.end_frame(whole_frames_);
    pacer_.drawn(input, new_picture);
    return drawn;
}

std::string ConsoleFrame::view_text() const {
    const auto tab = static_cast<std::size_t>(state_.station_tab);
    return "station=" + (tab < station_ids_.size() ? station_ids_[tab] : std::string()) + " level=" + std::to_string(state_.level) +
           " zone=" + state_.selected_zone + " alert=" + state_.selected_alert + (state_.overview ? " overview" : "");
}

double ConsoleFrame::idle_wait_s() const {
    auto now = std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
    return std::chrono::duration<double>(sleep_until_next_second(now)).count();
}

void ConsoleFrame::log_feedback() {
    if (auto answer = link_.last_answer(); answer.number > answers_told_) {
        answers_told_ = answer.number;
        // The feedback line, also in the log: what was sent and how the hub answered.
        if (answer.number == panels_.alerts->last_ticket()) spdlog::info("command: {}", panels_.alerts->feedback());
    }
    if (panels_.meetings->feedback_count() > meeting_lines_told_) {
        meeting_lines_told_ = panels_.meetings->feedback_count();
        spdlog::info("command: {}", panels_.meetings->feedback());
    }
    for (const auto& line : panels_.statistics->take_feedback()) spdlog::info("{}", line);
    if (panels_.shift->feedback_count() > shift_lines_told_) {
        shift_lines_told_ = panels_.shift->feedback_count();
        spdlog::info("shift log: {}", panels_.shift->feedback());
        settle(); // the note field takes the keyboard again on the next frame: draw it
    }
    if (panels_.tips->feedback_count() > tip_lines_told_) {
        tip_lines_told_ = panels_.tips->feedback_count();
        spdlog::info("{}", panels_.tips->feedback());
    }
}

} // namespace platslage::console
