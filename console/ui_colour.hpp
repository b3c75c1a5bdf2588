#pragma once
// From the view logic's colours to ImGui's.
#include "view_logic.hpp"

#include <imgui.h>

namespace platslage::console {

inline ImU32 to_imgui(Rgba c, float alpha = 1.0f) { return ImGui::GetColorU32(ImVec4(c.r, c.g, c.b, c.a * alpha)); }
inline ImVec4 to_vec4(Rgba c) { return ImVec4(c.r, c.g, c.b, c.a); }

} // namespace platslage::console

namespace platslage::console {

// A word on a filled background of `colour`, in dark text: an order's state, a team's mark.
inline void draw_badge(const char* text, Rgba colour) {
    auto* dl = ImGui::GetWindowDrawList();
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImVec2 size = ImGui::CalcTextSize(text);
    const float pad = 3.0f;
    dl->AddRectFilled(at, ImVec2(at.x + size.x + 2 * pad, at.y + size.y), to_imgui(colour), 3.0f);
    dl->AddText(ImVec2(at.x + pad, at.y), IM_COL32(15, 15, 15, 255), text);
    ImGui::Dummy(ImVec2(size.x + 2 * pad, size.y));
}

} // namespace platslage::console
