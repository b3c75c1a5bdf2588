#pragma once
// An X server of the test's own (Xvfb) on a display nobody uses, for the console's real
// window; ended by its PID when the test ends.
#include "processes.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace platslage::test {

class VirtualDisplay {
public:
    // Its log goes into `dir`. Throws when no display could be started.
    explicit VirtualDisplay(const std::filesystem::path& dir);
    // ":123", for DISPLAY.
    const std::string& name() const { return name_; }
    // The X server's process: it does part of the drawing's work (the frames reach it as images).
    pid_t pid() const { return process_->pid(); }

private:
    std::unique_ptr<ChildProcess> process_;
    std::string name_;
};

} // namespace platslage::test
