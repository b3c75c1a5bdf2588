#include "screenshot_mode.hpp"

#include "hub_link.hpp"
#include "screenshot.hpp"

#include <iostream>

namespace platslage::console {

ScreenshotMode::ScreenshotMode(std::string path, double wait_s, bool keys, double at_s)
    : path_(std::move(path)), wait_s_(wait_s), keys_(keys), at_s_(at_s) {}

bool ScreenshotMode::after_frame(const Picture& shown, const HubLink& link,
                                 std::optional<std::chrono::steady_clock::time_point> keys_done_at, int fb_w, int fb_h) {
    auto now = std::chrono::steady_clock::now();
    double waited = std::chrono::duration<double>(now - started_).count();
    bool live = shown.link == LinkState::live;
    // After scripted keys: the hub's answers to what they sent, and a moment for the
    // picture to show the change (each answer comes after the hub has published it).
    // Statistics asked for are waited for too: the hub counts them from its whole log.
    const bool counting = link.statistics().pending;
    // A zone's 24-hour chart asked for is waited for too, a little: the hub answers at once.
    const bool charting = link.history_pending() && waited < wait_s_;
    bool keys_settled = !keys_ || (keys_done_at && link.last_answer().number >= link.commands_queued() && !counting &&
                                   now - *keys_done_at > std::chrono::milliseconds(600));
    bool keys_gave_up = keys_done_at && now - *keys_done_at > std::chrono::seconds(counting ? 90 : 6);
    const bool due = at_s_ > 0 ? waited >= at_s_
                               : (live && shown.seq > 0 && !charting && (keys_settled || keys_gave_up)) || waited > wait_s_ + (keys_ ? 10 : 0);
    if (countdown_ < 0 && due) {
        countdown_ = 8; // a few more frames so the layout has settled
        exit_code_ = live ? 0 : 3;
    }
    bool close = false;
    if (countdown_ == 0) {
        if (!write_screenshot(path_, fb_w, fb_h)) {
            std::cerr << "platslage-console: cannot write " << path_ << "\n";
            exit_code_ = 1;
        } else {
            std::cout << "screenshot: " << path_ << " (" << fb_w << "x" << fb_h << ", " << link_name(shown.link)
                      << ", update " << shown.seq << ")\n";
        }
        close = true;
    }
    if (countdown_ > 0) --countdown_;
    return close;
}

} // namespace platslage::console
