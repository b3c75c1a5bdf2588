#include "connection_bar.hpp"

#include "hub_link.hpp"
#include "ui_colour.hpp"

#include <GLFW/glfw3.h>
#include <spdlog/spdlog.h>

#include <cfloat>

namespace platslage::console {

namespace {
TimePoint now_ms() { return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now()); }
} // namespace

void ConnectionBar::draw(const Picture& p, ConsoleState&) {
    const auto banner = outage_.update(p.link, p.last_heard, now_ms());
    if (auto line = outage_.take_log_line(); !line.text.empty()) {
        if (line.warning) spdlog::warn("{}", line.text);
        else spdlog::info("{}", line.text);
    }
    const auto storage = storage_banner(p.storage);
    if (storage.shown != storage_shown_) {
        storage_shown_ = storage.shown;
        if (storage.shown) spdlog::warn("the hub cannot store reports: {}", storage.detail);
        else spdlog::info("the hub stores reports again");
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(display.x, 0)); // the window's width, as the backend set it
    // The hub cannot store: the whole bar turns red, where every operator looks, without
    // moving or covering the windows below (they stay where the operator put them).
    if (storage.shown) ImGui::PushStyleColor(ImGuiCol_WindowBg, to_imgui(outage_colour()));
    ImGui::Begin("##connection", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    status_line(p, storage);
    ImGui::End();
    if (storage.shown) ImGui::PopStyleColor();
    if (banner.shown) outage_banner(banner);
}

// Over every window, whatever the operator has arranged: the banner across the top, and the
// rest greyed, a picture from before the outage.
void ConnectionBar::outage_banner(const OutageBanner& b) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImFont* font = ImGui::GetFont();
    const float big = ImGui::GetFontSize() * 1.8f, text = ImGui::GetFontSize() * 1.15f, pad = ImGui::GetFontSize() * 0.6f;
    const float wrap = display.x - 2 * pad;
    const ImVec2 detail = font->CalcTextSizeA(text, FLT_MAX, wrap, b.detail.c_str());
    const float bottom = pad + big + pad * 0.5f + detail.y + pad;
    auto* fg = ImGui::GetForegroundDrawList();
    fg->AddRectFilled(ImVec2(0, bottom), display, IM_COL32(70, 70, 70, 150));
    fg->AddRectFilled(ImVec2(0, 0), ImVec2(display.x, bottom), to_imgui(outage_colour()));
    fg->AddText(font, big, ImVec2(pad, pad), IM_COL32(255, 255, 255, 255), b.headline.c_str());
    fg->AddText(font, text, ImVec2(pad, pad + big + pad * 0.5f), IM_COL32(255, 255, 255, 255), b.detail.c_str(), nullptr, wrap);
}

void ConnectionBar::status_line(const Picture& p, const StorageBanner& storage) {
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
        // The hub's heartbeat comes every second: how long since it was heard is news only
        // once it is late (a ticking "0 s, 1 s" would redraw the bar every second for nothing).
        const auto heard_s = static_cast<long long>((now_ms() - p.last_heard).count() / 1000);
        const std::string heard = heard_s >= 2 ? ", heard " + std::to_string(heard_s) + " s ago" : "";
        ImGui::TextDisabled("  update %llu%s, resyncs %llu", static_cast<unsigned long long>(p.seq), heard.c_str(),
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
    if (storage.shown) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1, 1, 1, 1), "   %s", storage.line.c_str());
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 35.0f);
            ImGui::TextUnformatted(storage.detail.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
}

} // namespace platslage::console
