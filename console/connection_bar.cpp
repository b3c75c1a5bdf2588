#include "connection_bar.hpp"

#include "hub_link.hpp"
#include "ui_colour.hpp"

#include <GLFW/glfw3.h>

namespace platslage::console {

void ConnectionBar::draw(const Picture& p, ConsoleState&) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetIO().DisplaySize.x, 0)); // the window's width, as the backend set it
    ImGui::Begin("##connection", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    auto link = std::string(link_name(p.link));
    ImVec2 at = ImGui::GetCursorScreenPos();
    float r = ImGui::GetTextLineHeight() * 0.4f;
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + r, at.y + ImGui::GetTextLineHeight() / 2), r,
                                                to_imgui(link_colour(link)));
    ImGui::Dummy(ImVec2(r * 2.5f, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    std::string upper;
    for (char c : link) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    ImGui::TextColored(to_vec4(link_colour(link)), "%s", upper.c_str());
    if (!p.why.empty()) {
        ImGui::SameLine();
        ImGui::Text("- %s%s", p.why.c_str(), p.link == LinkState::live ? "" : " (resyncing)");
    }
    ImGui::SameLine();
    auto heard_ms = p.last_heard.time_since_epoch().count();
    if (heard_ms > 0) {
        auto now = std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
        ImGui::TextDisabled("  update %llu, heard %llds ago, resyncs %llu", static_cast<unsigned long long>(p.seq),
                            static_cast<long long>((now - p.last_heard).count() / 1000),
                            static_cast<unsigned long long>(p.resyncs));
    } else {
        ImGui::TextDisabled("  waiting for the hub");
    }
    if (p.undecodable) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.93f, 0.66f, 0.13f, 1), "  %zu entries unreadable", p.undecodable);
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Reconnect (Ctrl+R)")) link_.resync();
    ImGui::SameLine();
    ImGui::TextDisabled("  F1: help and legend");
    ImGui::End();
}

} // namespace platslage::console
