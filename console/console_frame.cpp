#include "console_frame.hpp"

#include "hub_link.hpp"
#include "shortcuts.hpp"
#include "stats_view.hpp"

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
}

void ConsoleFrame::draw(const Picture& picture) {
    window_.begin_frame();
    try {
        if (handle_shortcuts(state_, link_, window_.get(), stations_)) settle();
        auto [w, h] = window_.size();
        panels_.draw(picture, state_, w, h);
    } catch (const std::exception& e) {
        // Recover ImGui's stack and go on.
        ImGui::ErrorCheckEndFrameRecover(nullptr);
        if (++frame_errors_ < 10) spdlog::error("frame {}: {}", ImGui::GetFrameCount(), e.what());
    }
    window_.end_frame();
}

std::string ConsoleFrame::view_text() const {
    const auto tab = static_cast<std::size_t>(state_.station_tab);
    return "station=" + (tab < station_ids_.size() ? station_ids_[tab] : std::string()) + " level=" + std::to_string(state_.level) +
           " zone=" + state_.selected_zone + " alert=" + state_.selected_alert;
}

void ConsoleFrame::count_frame() {
    if (frames_left_ <= 0) frames_left_ = 2;
    --frames_left_;
}

double ConsoleFrame::idle_wait_s() const { return panels_.alerts->animating() ? 0.25 : 1.0; }

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
}

} // namespace platslage::console
