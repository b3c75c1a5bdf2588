#pragma once
// Always visible: is this picture live, stale or cut off, and since when.
#include "panel.hpp"

namespace platslage::console {

class HubLink;

class ConnectionBar final : public Panel {
public:
    explicit ConnectionBar(HubLink& link) : link_(link) {}
    // Across the top of the screen; its Reconnect asks the hub link for a fresh snapshot.
    void draw(const Picture& p, ConsoleState& s) override;

private:
    HubLink& link_;
};

} // namespace platslage::console
