#include "zone_combo.hpp"

#include <imgui.h>

namespace platslage::console {

bool zone_combo(const char* label, const ZoneMap& zones, std::string& zone, float width, const char* none) {
    const Zone* z = zones.find(zone);
    const std::string shown = z ? z->name + " (" + z->station + ")" : std::string(none ? none : "choose…");
    ImGui::SetNextItemWidth(width);
    if (!ImGui::BeginCombo(label, shown.c_str())) return false;
    const std::string before = zone;
    if (none && ImGui::Selectable(none, zone.empty())) zone.clear();
    for (const auto& station : zones.stations()) {
        ImGui::TextDisabled("%s", station.c_str());
        for (const Zone* zz : zones.zones_of(station))
            if (ImGui::Selectable((zz->name + "##" + zz->id).c_str(), zone == zz->id)) zone = zz->id;
    }
    ImGui::EndCombo();
    return zone != before;
}

} // namespace platslage::console
