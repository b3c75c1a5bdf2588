#pragma once
// What a console form makes of what was typed: a command ready to send, or why the form
// cannot send it yet (shown beside the button, before anything goes to the hub).
#include <string>

namespace platslage::console {

struct Command {
    std::string json;
    std::string problem;
    bool ok() const { return problem.empty(); }
};

} // namespace platslage::console
