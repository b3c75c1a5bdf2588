#pragma once
// F1: keyboard shortcuts and what the colours mean.
namespace platslage::console {

class HelpWindow {
public:
    void draw(bool& open);
};

} // namespace platslage::console
