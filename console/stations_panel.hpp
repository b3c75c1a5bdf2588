#pragma once
// Per station: people counted, sensors, guards on shift and outreach teams on site.
#include "picture.hpp"

namespace platslage::console {

class StationsPanel {
public:
    void draw(const Picture& p);
};

} // namespace platslage::console
