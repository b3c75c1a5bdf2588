#pragma once
// The stations' maps: zones coloured by hotspot score (or occupancy), one level at a time,
// with hover details, selection, zoom and pan; or both stations and every level at once
// (the overview, O), each zone's hotspot and alert ring, a click away from its level.
#include "alert_queue.hpp"
#include "panel.hpp"
#include "console_state.hpp"
#include "picture.hpp"
#include "zone_map.hpp"

#include <cstdint>

namespace platslage::console {

class MapPanel final : public Panel {
public:
    explicit MapPanel(const ZoneMap& zones) : zones_(zones) {}
    void draw(const Picture& p, ConsoleState& s) override;

private:
    void draw_canvas(const Picture& p, ConsoleState& s, const std::string& station);
    void draw_overview(const Picture& p, ConsoleState& s, const OpenAlertCounts& open);
    void draw_legend(bool hotspot);

    const ZoneMap& zones_;
    int hold_tab_ = 0;
    std::uint64_t counts_build_ = ~std::uint64_t{0};
    OpenAlertCounts open_counts_;
    int shown_tab_ = 0;
};

} // namespace platslage::console
