#pragma once
// Always visible: is this picture live, stale or cut off, and since when.
#include "console_state.hpp"
#include "picture.hpp"

namespace platslage::console {

class ConnectionBar {
public:
    // Returns true when the operator asked for a reconnect.
    bool draw(const Picture& p, float width);
};

} // namespace platslage::console
