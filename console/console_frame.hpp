#pragma once
// One whole frame of the console: shortcuts, every window from the picture, the screen. A
// frame that throws is recovered and logged: one bad frame must not take the control room down.
#include "console_options.hpp"
#include "console_state.hpp"
#include "console_window.hpp"
#include "panels.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace platslage::console {

class ConsoleFrame {
public:
    ConsoleFrame(ConsoleWindow& window, const ZoneMap& zones, HubLink& link, const ConsoleOptions& opt);

    void draw(const Picture& picture);
    // The frame loop draws a few frames in a row after a change (ImGui settles hover and
    // layout over a couple of frames), then sleeps until something happens.
    bool settling() const { return frames_left_ > 0; }
    void settle() { frames_left_ = 2; }
    void count_frame();
    // Twice a second while an alert row flashes; otherwise once a second to age the clocks.
    double idle_wait_s() const;
    // What the screen shows, in one line for the log: "station=centralen level=0
    // zone=centralen.vantytor alert=A-000001" (empty where nothing is chosen).
    std::string view_text() const;
    // What the operator's last command, meeting action and statistics came to, once each, in the log.
    void log_feedback();

private:
    ConsoleWindow& window_;
    HubLink& link_;
    std::size_t stations_;
    std::vector<std::string> station_ids_;
    ConsoleState state_;
    ConsolePanels panels_;
    std::uint64_t frame_errors_ = 0;
    int frames_left_ = 3;
    std::uint64_t answers_told_ = 0, meeting_lines_told_ = 0;
};

} // namespace platslage::console
