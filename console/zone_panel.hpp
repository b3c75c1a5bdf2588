#pragma once
// The selected zone in detail: its hotspot score and why, what was reported there lately,
// who is there and when outreach and guards last were, its alerts and latest reports.
#include "console_state.hpp"
#include "picture.hpp"
#include "zone_map.hpp"

namespace platslage::console {

class ZonePanel {
public:
    explicit ZonePanel(const ZoneMap& zones) : zones_(zones) {}
    void draw(const Picture& p, ConsoleState& s);

private:
    const ZoneMap& zones_;
};

} // namespace platslage::console
