#include "shortcuts.hpp"

#include "hub_link.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace platslage::console {

// ImGui 1.86 with the GLFW backend indexes keys by GLFW key codes.
bool handle_shortcuts(ConsoleState& s, HubLink& link, GLFWwindow* window, std::size_t stations) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return false;
    bool changed = false;
    if (ImGui::IsKeyPressed(GLFW_KEY_F1, false)) s.show_help = !s.show_help, changed = true;
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false)) glfwSetWindowShouldClose(window, GLFW_TRUE);
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_R, false)) link.resync();
    if (io.KeyCtrl) return changed;
    if (ImGui::IsKeyPressed(GLFW_KEY_1, false)) s.level = 1;
    if (ImGui::IsKeyPressed(GLFW_KEY_0, false)) s.level = 0;
    if (ImGui::IsKeyPressed(GLFW_KEY_MINUS, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT, false)) s.level = -1;
    if (ImGui::IsKeyPressed(GLFW_KEY_M, false)) s.show_meetings = !s.show_meetings, changed = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_W, false)) s.show_audit = !s.show_audit, changed = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_S, false)) s.show_statistics = !s.show_statistics, changed = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) s.zoom = 1.0, s.pan_x = s.pan_y = 0;
    if (ImGui::IsKeyPressed(GLFW_KEY_H, false)) s.colour_by_hotspot = !s.colour_by_hotspot;
    if (ImGui::IsKeyPressed(GLFW_KEY_O, false)) s.overview = !s.overview, changed = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_L, false)) s.show_shift = !s.show_shift, changed = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_I, false)) s.show_tip = !s.show_tip, changed = true;
    // Esc in a dialog cancels the dialog only; the selected zone stays.
    if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false) && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
        s.selected_zone.clear();
    if (ImGui::IsKeyPressed(GLFW_KEY_TAB, false) && stations > 0) {
        s.station_tab = (s.station_tab + 1) % static_cast<int>(stations);
        s.zoom = 1.0, s.pan_x = s.pan_y = 0;
    }
    return changed;
}

} // namespace platslage::console
