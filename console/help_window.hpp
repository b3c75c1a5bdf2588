#pragma once
// F1: keyboard shortcuts and what the colours mean.
#include "panel.hpp"

namespace platslage::console {

class HelpWindow final : public Panel {
public:
    // Shown while the operator's state says so; its close button says so no more.
    void draw(const Picture& p, ConsoleState& s) override;
};

} // namespace platslage::console
