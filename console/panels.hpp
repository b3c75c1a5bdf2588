#pragma once
// The console's windows, made and listed in one place, in the order they are drawn, each with
// where it first appears. Afterwards ImGui remembers where the operator put each window.
#include "alerts_panel.hpp"
#include "meetings_panel.hpp"
#include "panel.hpp"
#include "shift_panel.hpp"
#include "stats_panel.hpp"
#include "tip_panel.hpp"

#include <filesystem>
#include <memory>
#include <vector>

namespace platslage::console {

class HubLink;

// The first-run layout: the connection bar across the top, the map top left, the alert queue
// top right, the selected zone under it; reports and stations along the bottom.
struct Layout {
    float w, h;
    static constexpr float top = 34;
    float upper() const { return (h - top) * 0.64f; }
    void place(float x, float y, float width, float height) const;
    void map() const { place(0, top, w * 0.58f, upper()); }
    void alerts() const { place(w * 0.58f, top, w * 0.42f, upper() * 0.62f); }
    void zone() const { place(w * 0.58f, top + upper() * 0.62f, w * 0.42f, upper() * 0.38f); }
    void reports() const { place(0, top + upper(), w * 0.58f, h - top - upper()); }
    void stations() const { place(w * 0.58f, top + upper(), w * 0.42f, h - top - upper()); }
};

struct ListedPanel {
    std::unique_ptr<Panel> panel;
    void (Layout::*first_place)() const = nullptr; // none: the window places itself
};

struct ConsolePanels {
    std::vector<ListedPanel> all;
    // Those whose feedback the frame writes to the log.
    AlertsPanel* alerts = nullptr;
    MeetingsPanel* meetings = nullptr;
    StatsPanel* statistics = nullptr;
    ShiftPanel* shift = nullptr;
    TipPanel* tips = nullptr;

    void draw(const Picture& p, ConsoleState& s, float width, float height);
};

ConsolePanels make_panels(const ZoneMap& zones, HubLink& link, const std::filesystem::path& export_dir,
                          std::optional<StatsQuery> first_statistics);

} // namespace platslage::console
