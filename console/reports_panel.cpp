#include "reports_panel.hpp"

#include "guard_report.hpp"
#include "local_time.hpp"
#include "shift_view.hpp"
#include "view_logic.hpp"

#include <imgui.h>

#include <algorithm>

namespace platslage::console {

namespace {
// One report's row: time (a click selects its zone), zone, kind, persons, categories (the
// urgent ones in red), from (the handheld, or a tip's kind of source), note.
void report_row(const ReportView& r, const Zone* z, ConsoleState& s) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    bool selected = r.zone == s.selected_zone;
    if (ImGui::Selectable((local_clock_time(r.ts) + "##" + r.key).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns))
        s.selected_zone = r.zone; // a click shows the zone on the map
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(z ? z->name.c_str() : r.zone.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.kind.c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", r.persons);
    ImGui::TableNextColumn();
    const std::string cats = categories_text(r.categories);
    bool urgent = std::any_of(r.categories.begin(), r.categories.end(), [](const std::string& c) {
        return c == "needs_care" || c == "minor" || c == "family_with_children";
    });
    if (urgent)
        ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1), "%s", cats.c_str());
    else
        ImGui::TextUnformatted(cats.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(report_source(r.device, r.tip_from).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.note.c_str());
}
} // namespace

void ReportsPanel::draw(const Picture& p, ConsoleState& s) {
    ImGui::Begin("Latest guard reports");
    auto& f = s.feed_filter;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    if (ImGui::BeginCombo("##station", f.station.empty() ? "Both stations" : f.station.c_str())) {
        if (ImGui::Selectable("Both stations", f.station.empty())) f.station.clear();
        for (const auto& st : zones_.stations())
            if (ImGui::Selectable(st.c_str(), f.station == st)) f.station = st;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::BeginCombo("##category", f.category.empty() ? "Any category" : category_words(f.category).c_str())) {
        if (ImGui::Selectable("Any category", f.category.empty())) f.category.clear();
        for (auto c : all_categories()) {
            std::string name(category_name(c));
            if (ImGui::Selectable(category_words(name).c_str(), f.category == name)) f.category = name;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::Checkbox("People only", &f.people_only);
    ImGui::SameLine();
    bool this_zone = !f.zone.empty();
    if (ImGui::Checkbox("Selected zone only", &this_zone)) f.zone = this_zone ? s.selected_zone : std::string();
    auto rows = feed(p.reports, f);
    ImGui::SameLine();
    ImGui::TextDisabled("%zu shown", rows.size());

    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("reports", 7, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        // Widths in ems, not fitted to content: the table usually first appears before any
        // report has arrived, and a fit to the headers alone would stay too narrow.
        const float em = ImGui::GetFontSize();
        ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed, 4.5f * em);
        ImGui::TableSetupColumn("Zone", ImGuiTableColumnFlags_WidthFixed, 13.0f * em);
        ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, 6.0f * em);
        ImGui::TableSetupColumn("Persons", ImGuiTableColumnFlags_WidthFixed, 4.0f * em);
        ImGui::TableSetupColumn("Categories", ImGuiTableColumnFlags_WidthFixed, 16.0f * em);
        ImGui::TableSetupColumn("From", ImGuiTableColumnFlags_WidthFixed, 7.0f * em);
        ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(rows.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const auto& r = *rows[static_cast<std::size_t>(i)];
                report_row(r, zones_.find(r.zone), s);
            }
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

} // namespace platslage::console
