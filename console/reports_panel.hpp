#pragma once
// The feed: the latest guard reports, newest first, filtered by station, category, people
// and zone.
#include "panel.hpp"
#include "console_state.hpp"
#include "picture.hpp"
#include "zone_map.hpp"

namespace platslage::console {

class ReportsPanel final : public Panel {
public:
    explicit ReportsPanel(const ZoneMap& zones) : zones_(zones) {}
    void draw(const Picture& p, ConsoleState& s) override;

private:
    const ZoneMap& zones_;
};

} // namespace platslage::console
