#include "panels.hpp"

#include "audit_panel.hpp"
#include "connection_bar.hpp"
#include "help_window.hpp"
#include "map_panel.hpp"
#include "reports_panel.hpp"
#include "shift_panel.hpp"
#include "tip_panel.hpp"
#include "stations_panel.hpp"
#include "zone_panel.hpp"

#include <imgui.h>

namespace platslage::console {

void Layout::place(float x, float y, float width, float height) const {
    ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_FirstUseEver);
}

ConsolePanels make_panels(const ZoneMap& zones, HubLink& link, const std::filesystem::path& export_dir,
                          std::optional<StatsQuery> first_statistics) {
    ConsolePanels panels;
    auto alerts = std::make_unique<AlertsPanel>(zones, link);
    auto meetings = std::make_unique<MeetingsPanel>(zones, link, export_dir);
    auto statistics = std::make_unique<StatsPanel>(zones, link, export_dir, std::move(first_statistics));
    panels.alerts = alerts.get();
    panels.meetings = meetings.get();
    auto shift = std::make_unique<ShiftPanel>(zones, link);
    auto tips = std::make_unique<TipPanel>(zones, link);
    panels.shift = shift.get();
    panels.tips = tips.get();
    panels.statistics = statistics.get();
    panels.all.push_back({std::make_unique<ConnectionBar>(link), nullptr});
    panels.all.push_back({std::make_unique<MapPanel>(zones), &Layout::map});
    panels.all.push_back({std::move(alerts), &Layout::alerts});
    panels.all.push_back({std::make_unique<ZonePanel>(zones, link), &Layout::zone});
    panels.all.push_back({std::make_unique<ReportsPanel>(zones), &Layout::reports});
    panels.all.push_back({std::make_unique<StationsPanel>(zones), &Layout::stations});
    panels.all.push_back({std::move(meetings), nullptr});
    panels.all.push_back({std::move(statistics), nullptr});
    panels.all.push_back({std::make_unique<AuditPanel>(link), nullptr});
    panels.all.push_back({std::move(tips), nullptr});
    panels.all.push_back({std::move(shift), nullptr});
    panels.all.push_back({std::make_unique<HelpWindow>(), nullptr});
    return panels;
}

void ConsolePanels::draw(const Picture& p, ConsoleState& s, float width, float height) {
    const Layout layout{width, height};
    for (auto& listed : all) {
        if (listed.first_place) (layout.*listed.first_place)();
        listed.panel->draw(p, s);
    }
}

} // namespace platslage::console
