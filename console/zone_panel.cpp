#include "zone_panel.hpp"

#include "alert_queue.hpp"
#include "dispatch_view.hpp"
#include "local_time.hpp"
#include "ui_colour.hpp"
#include "view_logic.hpp"

#include <imgui.h>

#include <algorithm>

namespace platslage::console {

void ZonePanel::chart(const Zone& z) {
    // Asked when the zone is chosen and once a minute after: the chart is for the day's
    // shape, the live count is above it.
    double now = ImGui::GetTime();
    if (asked_for_ != z.id || now - asked_at_ > 60) {
        link_.request_history(z.id);
        asked_for_ = z.id;
        asked_at_ = now;
    }
    auto h = link_.history();
    if (!h || h->zone != z.id) {
        ImGui::TextDisabled("Last 24 hours: asking the hub…");
        return;
    }
    auto values = chart_values(*h);
    float peak = 0;
    for (float v : values) peak = std::max(peak, v);
    auto label = "Last 24 h, peak " + std::to_string(static_cast<int>(peak)) + " of " + std::to_string(z.capacity);
    // ImGui 1.86 takes a width of -1 literally (one pixel): the chart is given the room there is.
    const float width = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 8);
    ImGui::PlotLines("##history", values.data(), static_cast<int>(values.size()), 0, label.c_str(), 0.0f,
                     std::max(static_cast<float>(z.capacity), peak) * 1.05f, ImVec2(width, ImGui::GetTextLineHeight() * 4));
}

void ZonePanel::draw(const Picture& p, ConsoleState& s) {
    ImGui::Begin("Zone");
    const Zone* z = zones_.find(s.selected_zone);
    if (!z) {
        ImGui::TextDisabled("Click a zone on the map, or an alert, to see it here.");
        ImGui::End();
        return;
    }
    auto it = p.zones.find(z->id);
    const ZoneView* v = it == p.zones.end() ? nullptr : &it->second;
    ImGui::TextUnformatted(z->name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s, level %d, capacity %d", z->station.c_str(), z->level, z->capacity);
    if (!v) {
        ImGui::End();
        return;
    }
    ImGui::TextColored(to_vec4(hotspot_colour(v->hotspot)), "Hotspot %d", v->hotspot);
    ImGui::SameLine();
    std::string why;
    for (const auto& part : v->hotspot_parts) why += (why.empty() ? "" : ", ") + part;
    ImGui::TextWrapped("%s", why.empty() ? "nothing reported" : why.c_str());
    if (v->occupancy)
        ImGui::Text("People now: %d of %d", *v->occupancy, z->capacity);
    if (auto words = counter_words(v->sensor); !words.empty()) ImGui::TextWrapped("%s", words.c_str());
    ImGui::TextWrapped("Outreach: %s; last here %s", outreach_here(p, *v).c_str(), ago(v->last_outreach, "not lately").c_str());
    ImGui::Text("Guards last reported here %s", ago(v->last_patrol, "not lately").c_str());
    if (!v->reported.empty()) {
        std::string rep;
        for (const auto& [cat, n] : v->reported) rep += (rep.empty() ? "" : ", ") + std::to_string(n) + " " + category_words(cat);
        ImGui::TextWrapped("Reported lately: %s%s", rep.c_str(),
                           v->incidents ? (", " + std::to_string(v->incidents) + " incidents").c_str() : "");
    }
    chart(*z);
    ImGui::Separator();
    for (const auto& ptr : p.alerts) {
        const auto& a = *ptr;
        if (a.zone != z->id) continue;
        const DispatchView* d = dispatch_of(p, a.id);
        if (d) {
            // The order's state first, so it lines up whatever the summary's length.
            draw_badge(dispatch_state_words(d->state).c_str(), dispatch_state_colour(d->state));
            ImGui::SameLine();
        }
        ImGui::TextColored(a.open() ? to_vec4(severity_colour(a.severity_rank)) : ImVec4(0.55f, 0.55f, 0.55f, 1), "%s %s %s: %s%s",
                           a.id.c_str(), alert_label(a).c_str(), a.state.c_str(), a.summary.c_str(),
                           d ? (" (" + d->team + ")").c_str() : "");
    }
    int shown = 0;
    for (const auto& r : p.reports) {
        if (r.zone != z->id || ++shown > 8) continue;
        const std::string cats = categories_text(r.categories);
        ImGui::TextDisabled("%s %s %d %s", local_clock_time(r.ts).c_str(), r.kind.c_str(), r.persons, cats.c_str());
    }
    ImGui::End();
}

} // namespace platslage::console
