#pragma once
// --screenshot: wait for a live picture (and, with --keys, for the hub's answers to what the
// keys sent and a moment for the picture to show them), let the layout settle, write the PNG,
// say so on stdout and close. Exit code 0 with a live picture, 3 when the hub was not reached,
// 1 when the file could not be written.
#include "picture.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace platslage::console {

class HubLink;

class ScreenshotMode {
public:
    // `at_s` > 0: at that many seconds after start, whatever the picture (an outage's screenshot).
    ScreenshotMode(std::string path, double wait_s, bool keys, double at_s = 0);
    // After each frame, with the picture it showed; `keys_done_at` once the scripted keys are
    // all pressed. True when the window should close.
    bool after_frame(const Picture& shown, const HubLink& link,
                     std::optional<std::chrono::steady_clock::time_point> keys_done_at, int fb_w, int fb_h);
    int exit_code() const { return exit_code_; }

private:
    std::string path_;
    double wait_s_;
    bool keys_;
    double at_s_;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    int countdown_ = -1;
    int exit_code_ = 0;
};

} // namespace platslage::console
