#pragma once
// The selected zone in detail: its hotspot score and why, what was reported there lately,
// who is there and when outreach and guards last were, its alerts and latest reports.
#include "panel.hpp"
#include "console_state.hpp"
#include "hub_link.hpp"
#include "picture.hpp"
#include "zone_map.hpp"

namespace platslage::console {

class ZonePanel final : public Panel {
public:
    ZonePanel(const ZoneMap& zones, HubLink& link) : zones_(zones), link_(link) {}
    void draw(const Picture& p, ConsoleState& s) override;

private:
    void chart(const Zone& z);

    const ZoneMap& zones_;
    HubLink& link_;
    std::string asked_for_;
    double asked_at_ = -1e9;
};

} // namespace platslage::console
