#pragma once
// The feed: the latest guard reports, newest first, filtered by station, category, people
// and zone.
#include "console_state.hpp"
#include "picture.hpp"
#include "zone_map.hpp"

namespace platslage::console {

class ReportsPanel {
public:
    explicit ReportsPanel(const ZoneMap& zones) : zones_(zones) {}
    void draw(const Picture& p, ConsoleState& s);

private:
    const ZoneMap& zones_;
};

} // namespace platslage::console
