#include "audit_panel.hpp"

#include "audit_view.hpp"

#include <imgui.h>

namespace platslage::console {

void AuditPanel::draw(const Picture& p, ConsoleState& s) {
    if (!s.show_audit) return;
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34, ImGui::GetFontSize() * 14), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Who did what (W)", &s.show_audit)) {
        ImGui::End();
        return;
    }
    const AlertView* alert = nullptr;
    for (const auto& a : p.alerts)
        if (a->id == s.selected_alert) alert = a.get();
    if (!alert) {
        ImGui::TextDisabled("Choose an alert in the queue: every command sent about it is shown here.");
        ImGui::End();
        return;
    }
    const double now = ImGui::GetTime();
    if (asked_for_ != alert->id || asked_at_steps_ != alert->steps || now - asked_at_ > 10) {
        link_.request_audit(alert->id);
        asked_for_ = alert->id;
        asked_at_steps_ = alert->steps;
        asked_at_ = now;
    }
    ImGui::Text("%s: every command about it, from every console", alert->id.c_str());
    ImGui::Separator();
    auto audit = link_.audit();
    if (!audit || audit->target != alert->id) {
        ImGui::TextDisabled("Asking the hub…");
    } else if (audit->entries.empty()) {
        ImGui::TextDisabled("No console has sent a command about it yet.");
    } else {
        for (const auto& line : audit_lines(*audit)) {
            // Refusals stand out: a viewer trying to resolve, a revoked key.
            if (line.find("REFUSED") != std::string::npos) ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.35f, 1.0f), "%s", line.c_str());
            else ImGui::TextUnformatted(line.c_str());
        }
    }
    ImGui::End();
}

} // namespace platslage::console
