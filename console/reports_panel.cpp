#include "reports_panel.hpp"

#include "local_time.hpp"

#include <imgui.h>

namespace platslage::console {

void ReportsPanel::draw(const Picture& p, ConsoleState& s) {
    ImGui::Begin("Latest guard reports");
    auto stations = zones_.stations();
    std::string current = s.report_station_filter == 0 ? "All stations" : stations[static_cast<std::size_t>(s.report_station_filter - 1)];
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::BeginCombo("Station", current.c_str())) {
        if (ImGui::Selectable("All stations", s.report_station_filter == 0)) s.report_station_filter = 0;
        for (std::size_t i = 0; i < stations.size(); ++i)
            if (ImGui::Selectable(stations[i].c_str(), s.report_station_filter == static_cast<int>(i + 1)))
                s.report_station_filter = static_cast<int>(i + 1);
        ImGui::EndCombo();
    }
    std::vector<const ReportView*> rows;
    for (const auto& r : p.reports)
        if (s.report_station_filter == 0 || r.station == stations[static_cast<std::size_t>(s.report_station_filter - 1)])
            rows.push_back(&r);
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
        ImGui::TableSetupColumn("Device", ImGuiTableColumnFlags_WidthFixed, 4.0f * em);
        ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(rows.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const auto& r = *rows[static_cast<std::size_t>(i)];
                const Zone* z = zones_.find(r.zone);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                bool selected = r.zone == s.selected_zone;
                if (ImGui::Selectable((local_clock_time(r.ts) + "##" + r.key).c_str(), selected,
                                      ImGuiSelectableFlags_SpanAllColumns))
                    s.selected_zone = r.zone; // a click shows the zone on the map
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(z ? z->name.c_str() : r.zone.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r.kind.c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%d", r.persons);
                ImGui::TableNextColumn();
                std::string cats;
                for (const auto& c : r.categories) cats += (cats.empty() ? "" : ", ") + c;
                bool urgent = cats.find("needs_care") != std::string::npos || cats.find("minor") != std::string::npos ||
                              cats.find("family_with_children") != std::string::npos;
                if (urgent)
                    ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1), "%s", cats.c_str());
                else
                    ImGui::TextUnformatted(cats.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r.device.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r.note.c_str());
            }
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

} // namespace platslage::console
