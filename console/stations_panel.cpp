#include "stations_panel.hpp"

#include "dispatch_view.hpp"
#include "local_time.hpp"
#include "presence.hpp"
#include "ui_colour.hpp"
#include "view_logic.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace platslage::console {

namespace {
// Tonight's weather and the night shelters' free places, above the tables.
void weather_and_shelters(const Picture& p) {
    if (p.weather) {
        const auto& w = *p.weather;
        std::string line = w.temperature_c ? std::to_string(static_cast<int>(std::lround(*w.temperature_c))) + " °C" : "";
        if (w.warning_class > 0) line += (line.empty() ? "" : ", ") + std::string("weather warning class ") + std::to_string(w.warning_class);
        if (w.extra_cold)
            ImGui::TextColored(ImVec4(0.55f, 0.80f, 1.0f, 1), "Extra cold night: %s. Sleeping rough is raised in severity.", line.c_str());
        else if (!line.empty())
            ImGui::TextDisabled("Outdoors: %s", line.c_str());
    }
    if (!p.shelters.empty()) {
        // Free beds tonight: on a cold night with none left, people stay at the station.
        int free = 0, places = 0;
        std::string each;
        for (const auto& s : p.shelters) {
            free += s.free;
            places += s.places;
            each += (each.empty() ? "" : ", ") + s.name.substr(0, s.name.find(" (")) + " " + std::to_string(s.free);
        }
        auto colour = free == 0 ? ImVec4(1.0f, 0.45f, 0.35f, 1) : ImVec4(0.75f, 0.75f, 0.75f, 1);
        ImGui::TextColored(colour, "Night shelters: %d of %d places free (%s)", free, places, each.c_str());
    }
}

void stations_table(const Picture& p) {
    if (ImGui::BeginTable("stations", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        // Short headers so the panel fits beside the map; the help window explains each.
        for (const char* h : {"Station", "People", "Counted", "Silent", "Guards", "Teams"}) ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (const auto& st : p.stations) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(st.id == "centralen" ? "Centralen" : st.id == "cityterminalen" ? "Cityterminalen" : st.id.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", st.occupancy);
            ImGui::TableNextColumn();
            ImGui::Text("%d of %d", zones_counting_now(st), st.zones);
            ImGui::TableNextColumn();
            if (st.sensors_silent)
                ImGui::TextColored(ImVec4(0.93f, 0.66f, 0.13f, 1), "%d", st.sensors_silent);
            else
                ImGui::Text("0");
            ImGui::TableNextColumn();
            ImGui::Text("%d", st.guards_on_shift);
            ImGui::TableNextColumn();
            ImGui::Text("%d", st.teams_on_site);
        }
        ImGui::EndTable();
    }
}

void teams_table(const Picture& p, const ZoneMap& zones) {
    ImGui::TextDisabled("Outreach teams");
    if (ImGui::BeginTable("teams", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        for (const char* h : {"Team", "Organisation", "Status", "Order", "Zone", "Heard"}) ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (const auto& t : p.teams) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            // A silent team's handheld has gone quiet: it may be anywhere, and is sent nowhere.
            if (t.silent)
                ImGui::TextDisabled("%s", t.id.c_str());
            else
                ImGui::TextUnformatted(t.id.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::string(organisation_title(t.org)).c_str());
            ImGui::TableNextColumn();
            std::string status = dispatch_state_words(t.status); // "on_scene" reads "on scene"
            if (t.silent && t.status != "off_duty") {
                draw_badge("silent", silent_team_colour());
                ImGui::SameLine();
                ImGui::TextDisabled("%s", status.c_str());
            } else {
                ImGui::TextUnformatted(status.c_str());
            }
            ImGui::TableNextColumn();
            if (const DispatchView* d = active_dispatch_of_team(p, t.id)) {
                draw_badge(dispatch_state_words(d->state).c_str(), dispatch_state_colour(d->state));
                ImGui::SameLine();
                ImGui::TextUnformatted(d->alert.c_str());
            } else {
                ImGui::TextDisabled("-");
            }
            ImGui::TableNextColumn();
            const Zone* z = zones.find(t.zone);
            ImGui::TextUnformatted(z ? z->name.c_str() : t.zone.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ago(t.last_seen).c_str());
        }
        ImGui::EndTable();
    }
}

void guards_table(const Picture& p, const ZoneMap& zones) {
    ImGui::TextDisabled("Guards' handhelds on shift");
    if (ImGui::BeginTable("guards", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        for (const char* h : {"Handheld", "Station", "Guards", "Last report", "Heard"}) ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (const auto& d : p.devices) {
            if (d.role != "guard" || !d.on_shift.value_or(false)) continue;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (d.online == false)
                ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1), "%s (offline)", d.id.c_str());
            else
                ImGui::TextUnformatted(d.id.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(d.station.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", d.guards);
            ImGui::TableNextColumn();
            std::string where = "-";
            for (const auto& r : p.reports) // newest first
                if (r.device == d.id && r.station == d.station) {
                    const Zone* z = zones.find(r.zone);
                    where = z ? z->name : r.zone;
                    break;
                }
            ImGui::TextUnformatted(where.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ago(d.last_seen).c_str());
        }
        ImGui::EndTable();
    }
}
} // namespace

void StationsPanel::draw(const Picture& p, ConsoleState&) {
    ImGui::Begin("Stations and teams");
    weather_and_shelters(p);
    stations_table(p);
    ImGui::Separator();
    teams_table(p, zones_);
    ImGui::Separator();
    guards_table(p, zones_);
    ImGui::End();
}

} // namespace platslage::console
