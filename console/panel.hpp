#pragma once
// What every window of the console is: drawn each frame from the newest picture and the
// operator's choices. The windows are made and listed in one place (panels.hpp), each with
// where it first appears on screen.
#include "console_state.hpp"
#include "picture.hpp"

namespace platslage::console {

class Panel {
public:
    virtual ~Panel() = default;
    virtual void draw(const Picture& p, ConsoleState& s) = 0;
};

} // namespace platslage::console
