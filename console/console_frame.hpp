#pragma once
// One whole frame of the console: shortcuts, every window from the picture, the screen. A
// frame that throws is recovered and logged: one bad frame must not take the control room down.
#include "console_options.hpp"
#include "console_state.hpp"
#include "console_window.hpp"
#include "alarm.hpp"
#include "frame_pacing.hpp"
#include "panels.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace platslage::console {

class ConsoleFrame {
public:
    ConsoleFrame(ConsoleWindow& window, const ZoneMap& zones, HubLink& link, const ConsoleOptions& opt);

    // False when the frame changed nothing on screen: the window need not be swapped.
    bool draw(const Picture& picture);
    // The frame loop draws one frame more after input or new data (ImGui settles hover and
    // layout over a couple of frames), then sleeps until something happens (frame_pacing.hpp).
    bool settling() const { return pacer_.settling(); }
    void settle() { pacer_.settle(); }
    // Until the clocks on screen turn to the next second, and a flashing row with them.
    double idle_wait_s() const;
    // What the screen shows, in one line for the log: "station=centralen level=0
    // zone=centralen.vantytor alert=A-000001" (empty where nothing is chosen).
    std::string view_text() const;
    // What the operator's last command, meeting action and statistics came to, once each, in the log.
    void log_feedback();

private:
    // A new or re-announced critical alert: the sound, the window's attention, a log line.
    void sound_alarms(const Picture& picture);

    ConsoleWindow& window_;
    HubLink& link_;
    std::size_t stations_;
    std::vector<std::string> station_ids_;
    ConsoleState state_;
    ConsolePanels panels_;
    std::uint64_t frame_errors_ = 0;
    FramePacer pacer_;
    bool whole_frames_ = false; // every frame drawn whole, not only what changed
    AlarmWatch alarms_;
    std::unique_ptr<AlarmSound> sound_; // none in --bench, or with --no-sound
    std::uint64_t picture_drawn_ = 0; // the build of the last picture drawn
    std::uint64_t answers_told_ = 0, meeting_lines_told_ = 0, shift_lines_told_ = 0, tip_lines_told_ = 0;
};

} // namespace platslage::console
