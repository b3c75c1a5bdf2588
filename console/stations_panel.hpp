#pragma once
// Per station: people counted, sensors, guards on shift and outreach teams on site.
#include "panel.hpp"
#include "zone_map.hpp"

namespace platslage::console {

class StationsPanel final : public Panel {
public:
    explicit StationsPanel(const ZoneMap& zones) : zones_(zones) {}
    void draw(const Picture& p, ConsoleState& s) override;

private:
    const ZoneMap& zones_;
};

} // namespace platslage::console
