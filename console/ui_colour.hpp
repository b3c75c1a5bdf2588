#pragma once
// From the view logic's colours to ImGui's.
#include "view_logic.hpp"

#include <imgui.h>

namespace platslage::console {

inline ImU32 to_imgui(Rgba c, float alpha = 1.0f) { return ImGui::GetColorU32(ImVec4(c.r, c.g, c.b, c.a * alpha)); }
inline ImVec4 to_vec4(Rgba c) { return ImVec4(c.r, c.g, c.b, c.a); }

} // namespace platslage::console
