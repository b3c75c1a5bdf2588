#pragma once
// A window's commands to the hub and what came of them: the ticket of the last one sent, its
// answer taken once, and the feedback line under the window (the frame also logs each new one).
#include "hub_link.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace platslage::console {

class FormAnswer {
public:
    void sent(std::uint64_t ticket) {
        ticket_ = ticket;
        taken_ = false;
    }
    // The answer to the last command sent, once, when it has come.
    std::optional<HubLink::Answer> take(const HubLink& link);
    bool waiting() const { return !taken_; }

    void say(std::string line, bool ok) {
        line_ = std::move(line);
        ok_ = ok;
        ++count_;
    }
    const std::string& line() const { return line_; }
    std::uint64_t count() const { return count_; }
    // The line: grey when it went well, orange when not; nothing before the first.
    void draw() const;

private:
    std::uint64_t ticket_ = 0;
    bool taken_ = true;
    std::string line_;
    bool ok_ = true;
    std::uint64_t count_ = 0;
};

} // namespace platslage::console
