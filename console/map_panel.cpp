#include "map_panel.hpp"

#include "alert_queue.hpp"
#include "dispatch_view.hpp"
#include "local_time.hpp"
#include "stats_query.hpp"
#include "ui_colour.hpp"
#include "view_logic.hpp"

#include <imgui.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace platslage::console {

namespace {

void zone_tooltip(const Zone& z, const ZoneView* v) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(z.name.c_str());
    ImGui::TextDisabled("%s, %s, level %d", z.id.c_str(), z.kind.c_str(), z.level);
    if (v && v->occupancy)
        ImGui::Text("%d people of %d (%d %%)", *v->occupancy, z.capacity, *v->occupancy * 100 / std::max(1, z.capacity));
    if (v && !counter_words(v->sensor).empty()) ImGui::TextUnformatted(counter_words(v->sensor).c_str());
    if (!v || !v->occupancy)
        ImGui::Text("No count (capacity %d)", z.capacity);
    if (v) {
        ImGui::Text("Hotspot %d", v->hotspot);
        for (const auto& part : v->hotspot_parts) ImGui::BulletText("%s", part.c_str());
    }
    if (v && v->last_report_ts) {
        std::string cats;
        for (const auto& c : v->last_report_categories) cats += (cats.empty() ? "" : ", ") + c;
        ImGui::Text("Last report %s: %d %s", local_clock_time(*v->last_report_ts).c_str(), v->last_report_persons,
                    cats.empty() ? "(patrol)" : cats.c_str());
    }
    ImGui::EndTooltip();
}
} // namespace

void MapPanel::draw(const Picture& p, ConsoleState& s) {
    ImGui::Begin("Map");
    auto stations = zones_.stations();
    if (s.centre_on_selection) {
        // Show the selected zone: its station's tab and its level, the view fitted.
        s.centre_on_selection = false;
        if (const Zone* z = zones_.find(s.selected_zone)) {
            for (std::size_t i = 0; i < stations.size(); ++i)
                if (stations[i] == z->station) s.station_tab = static_cast<int>(i);
            s.level = z->level;
            s.zoom = 1.0;
            s.pan_x = s.pan_y = 0;
            s.overview = false;
        }
    }
    // Counted once per picture: a hundred thousand alerts must not be walked every frame.
    if (p.build != counts_build_ || p.build == 0) {
        open_counts_ = open_alert_counts(p, zones_);
        counts_build_ = p.build;
    }
    const auto& open = open_counts_;
    if (s.overview) {
        draw_overview(p, s, open);
        shown_tab_ = -1; // back on the tabs, the chosen one is selected again
        ImGui::End();
        return;
    }
    if (s.station_tab != shown_tab_) {
        // Chosen from outside the tab bar (Tab key, an alert's zone). ImGui shows a newly
        // selected tab from the next frame: until then the tab it still draws must not be
        // taken for the operator's choice.
        hold_tab_ = 2;
    }
    if (ImGui::BeginTabBar("stations")) {
        for (std::size_t i = 0; i < stations.size(); ++i) {
            // The open alerts at each station on its tab, so the other station's are never out of sight.
            const int here = open.station(stations[i]);
            auto title = station_name(stations[i]) + (here ? " (" + std::to_string(here) + " open)" : "") + "###" + stations[i];
            ImGuiTabItemFlags flags = 0;
            if (static_cast<int>(i) == s.station_tab && (ImGui::GetFrameCount() < 3 || hold_tab_ > 0))
                flags |= ImGuiTabItemFlags_SetSelected;
            if (ImGui::BeginTabItem(title.c_str(), nullptr, flags)) {
                if (hold_tab_ == 0 && s.station_tab != static_cast<int>(i)) {
                    s.station_tab = static_cast<int>(i);
                    s.zoom = 1.0;
                    s.pan_x = s.pan_y = 0;
                }
                for (int level : {1, 0, -1}) {
                    const int on_level = open.level(stations[i], level);
                    auto label = level_name(level) + (on_level ? ": " + std::to_string(on_level) + " open" : "") +
                                 "###level" + std::to_string(level);
                    if (on_level) ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(severity_colour(2)));
                    if (ImGui::RadioButton(label.c_str(), s.level == level)) s.level = level;
                    if (on_level) ImGui::PopStyleColor();
                    ImGui::SameLine();
                }
                if (ImGui::SmallButton("Fit")) {
                    s.zoom = 1.0;
                    s.pan_x = s.pan_y = 0;
                }
                ImGui::SameLine();
                if (ImGui::SmallButton(s.colour_by_hotspot ? "Colour: hotspot (H)" : "Colour: occupancy (H)"))
                    s.colour_by_hotspot = !s.colour_by_hotspot;
                ImGui::SameLine();
                if (ImGui::SmallButton("Both stations (O)")) s.overview = true;
                draw_canvas(p, s, stations[i]);
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
    if (hold_tab_ > 0) --hold_tab_;
    shown_tab_ = s.station_tab;
    ImGui::End();
}

namespace {
// The mouse wheel zooms around the pointer (the point under it stays under it); a drag pans.
void zoom_and_pan(ConsoleState& s, ImVec2 origin, ImVec2 size) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.MouseWheel != 0) {
        double factor = io.MouseWheel > 0 ? 1.2 : 1 / 1.2;
        double mx = io.MousePos.x - (origin.x + size.x / 2 + s.pan_x);
        double my = io.MousePos.y - (origin.y + size.y / 2 + s.pan_y);
        s.zoom = std::clamp(s.zoom * factor, 0.3, 20.0);
        s.pan_x -= mx * (factor - 1);
        s.pan_y -= my * (factor - 1);
    }
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        s.pan_x += io.MouseDelta.x;
        s.pan_y += io.MouseDelta.y;
    }
}

// Other levels faintly, so the operator keeps their bearings.
void draw_other_levels(ImDrawList* dl, const std::vector<const Zone*>& all, int level, const MapProjection& proj) {
    for (const auto* z : all) {
        if (z->level == level) continue;
        std::vector<ImVec2> pts;
        for (const auto& ll : z->outline) {
            auto sp = proj.to_screen(ll);
            pts.emplace_back(static_cast<float>(sp.x), static_cast<float>(sp.y));
        }
        dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), IM_COL32(90, 96, 104, 110), ImDrawFlags_Closed, 1.0f);
    }
}

// One zone of the level shown: its fill, outline, alert ring, labels and people marker.
void draw_zone(ImDrawList* dl, const Zone* z, const Picture& p, const ConsoleState& s, const MapProjection& proj,
               const Zone* hover) {
    auto it = p.zones.find(z->id);
    const ZoneView* v = it == p.zones.end() ? nullptr : &it->second;
    auto colour = s.colour_by_hotspot ? hotspot_colour(v ? v->hotspot : 0)
                                      : occupancy_colour(v ? v->occupancy : std::nullopt, z->capacity, v && counter_faulty(v->sensor));
    std::vector<ImVec2> pts;
    std::vector<Point> ring;
    for (std::size_t i = 0; i + 1 < z->outline.size(); ++i) {
        auto sp = proj.to_screen(z->outline[i]);
        ring.push_back(sp);
        pts.emplace_back(static_cast<float>(sp.x), static_cast<float>(sp.y));
    }
    const float opacity = z == hover ? 0.95f : zone_fill_opacity;
    dl->AddConvexPolyFilled(pts.data(), static_cast<int>(pts.size()), to_imgui(colour, opacity));
    bool selected = z->id == s.selected_zone;
    dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), selected ? IM_COL32(255, 255, 255, 255) : IM_COL32(15, 15, 18, 255),
                    ImDrawFlags_Closed, selected ? 3.0f : 1.0f);
    // The most severe open alert in the zone rings it in the alert's colour.
    auto found = p.worst_alert.find(z->id);
    int worst = found == p.worst_alert.end() ? -1 : found->second;
    if (worst >= 0) {
        std::vector<ImVec2> inner;
        auto cx = static_cast<float>(proj.to_screen(centroid(z->outline)).x), cy = static_cast<float>(proj.to_screen(centroid(z->outline)).y);
        for (const auto& q : pts) inner.emplace_back(q.x + (cx - q.x) * 0.04f, q.y + (cy - q.y) * 0.04f);
        const auto look = alert_ring(worst, over(colour, opacity, panel_background));
        dl->AddPolyline(inner.data(), static_cast<int>(inner.size()), to_imgui(look.halo), ImDrawFlags_Closed, look.halo_width);
        dl->AddPolyline(inner.data(), static_cast<int>(inner.size()), to_imgui(look.colour), ImDrawFlags_Closed, look.width);
    }

    auto c = proj.to_screen(centroid(z->outline));
    std::string count = s.colour_by_hotspot ? "hotspot " + std::to_string(v ? v->hotspot : 0)
                        : v && v->occupancy ? std::to_string(*v->occupancy) + "/" + std::to_string(z->capacity) : "-";
    ImVec2 count_size = ImGui::CalcTextSize(count.c_str());
    float line = ImGui::GetTextLineHeight();
    // Labels only where they fit inside the zone, so neighbours' labels never overprint:
    // the name on one line or broken at a space onto two, else the count alone; the name
    // is always in the tooltip and appears on zooming in.
    auto room = static_cast<float>(span_across(ring, c.y)) - 6;
    auto tall = static_cast<float>(span_down(ring, c.x));
    auto name_lines = label_lines(z->name, room, [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x; });
    if (line * static_cast<float>(name_lines.size() + 1) > tall) name_lines.clear();
    bool show_count = count_size.x <= room && line <= tall;
    float y = static_cast<float>(c.y) - line * static_cast<float>(name_lines.size() + (show_count ? 1 : 0)) / 2;
    auto centred = [&](const std::string& text, ImU32 text_colour) {
        float w = ImGui::CalcTextSize(text.c_str()).x;
        ImVec2 at(static_cast<float>(c.x) - w / 2, y);
        dl->AddText(ImVec2(at.x + 1, at.y + 1), IM_COL32(0, 0, 0, 200), text.c_str());
        dl->AddText(at, text_colour, text.c_str());
        y += line;
        return at;
    };
    std::optional<ImVec2> first_label;
    for (const auto& l : name_lines) {
        auto at = centred(l, IM_COL32(255, 255, 255, 255));
        if (!first_label) first_label = at;
    }
    if (show_count) {
        auto at = centred(count, IM_COL32(235, 235, 235, 255));
        if (!first_label) first_label = at;
    }
    if (v && v->last_report_ts && v->last_report_persons > 0) {
        // A marker for people reported here, the operator's cue to look closer: left of the
        // zone's first label, never over its name or number.
        ImVec2 dot = first_label ? ImVec2(first_label->x - 9, first_label->y + line / 2) : ImVec2(static_cast<float>(c.x), static_cast<float>(c.y));
        dl->AddCircleFilled(dot, 6, IM_COL32(0, 0, 0, 220));
        dl->AddCircleFilled(dot, 5, IM_COL32(120, 200, 255, 255));
    }
}

// Who is where: outreach teams in the zone they report, guards in the zone of their
// handheld's latest report. Markers sit in a row under the zone's centre.
void draw_markers(ImDrawList* dl, const Picture& p, const std::vector<const Zone*>& on_level, const MapProjection& proj) {
    std::map<std::string, std::vector<std::pair<ImU32, std::string>>> markers;
    for (const auto& t : p.teams)
        if (t.status != "off_duty" && !t.zone.empty())
            // A silent team is greyed: it was last heard there, and may be anywhere now.
            markers[t.zone].push_back({t.silent ? to_imgui(silent_team_colour()) : IM_COL32(70, 200, 190, 255), "T"});
    std::set<std::string> placed;
    for (const auto& r : p.reports) { // newest first: the first report of a device is where it was last
        if (!placed.insert(r.station + "/" + r.device).second) continue;
        bool on_shift = false;
        for (const auto& d : p.devices)
            if (d.id == r.device && d.station == r.station) on_shift = d.on_shift.value_or(false);
        if (on_shift) markers[r.zone].push_back({IM_COL32(240, 170, 70, 255), "G"});
    }
    const float radius = ImGui::GetFontSize() * 0.55f;
    for (const auto* z : on_level) {
        auto it = markers.find(z->id);
        if (it == markers.end()) continue;
        auto c = proj.to_screen(centroid(z->outline));
        float x = static_cast<float>(c.x) - (static_cast<float>(it->second.size()) - 1) * radius * 1.2f;
        float y = static_cast<float>(c.y) + ImGui::GetTextLineHeight() * 1.9f;
        for (const auto& [colour, letter] : it->second) {
            dl->AddCircleFilled(ImVec2(x, y), radius, colour);
            auto text = ImGui::CalcTextSize(letter.c_str());
            dl->AddText(ImVec2(x - text.x / 2, y - text.y / 2), IM_COL32(20, 20, 20, 255), letter.c_str());
            x += radius * 2.4f;
        }
    }
}
} // namespace

void MapPanel::draw_canvas(const Picture& p, ConsoleState& s, const std::string& station) {
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 size = ImGui::GetContentRegionAvail();
    float legend_h = ImGui::GetTextLineHeightWithSpacing() * 2.6f; // two lines where the panel is narrow
    size.y = std::max(size.y - legend_h, 50.0f);
    size.x = std::max(size.x, 50.0f);
    ImGui::InvisibleButton("canvas", size, ImGuiButtonFlags_MouseButtonLeft);
    bool hovered = ImGui::IsItemHovered();
    auto* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
    dl->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), IM_COL32(24, 27, 31, 255));

    auto all = zones_.zones_of(station);
    auto fitted = MapProjection::fit(all, {origin.x, origin.y}, {size.x, size.y});
    MapProjection proj(fitted.centre(), fitted.pixels_per_metre() * s.zoom,
                       {origin.x + size.x / 2 + s.pan_x, origin.y + size.y / 2 + s.pan_y});
    if (hovered) zoom_and_pan(s, origin, size);

    std::vector<const Zone*> on_level;
    for (const auto* z : all)
        if (z->level == s.level) on_level.push_back(z);
    draw_other_levels(dl, all, s.level, proj);

    const Zone* hover = nullptr;
    if (hovered) {
        auto m = ImGui::GetIO().MousePos;
        hover = zone_at(on_level, proj.to_lonlat({m.x, m.y}));
        if (hover && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0).x == 0)
            s.selected_zone = hover->id;
    }
    for (const auto* z : on_level) draw_zone(dl, z, p, s, proj, hover);
    draw_markers(dl, p, on_level, proj);
    dl->PopClipRect();
    if (hover) zone_tooltip(*hover, p.zones.count(hover->id) ? &p.zones.at(hover->id) : nullptr);
    draw_legend(s.colour_by_hotspot);
}

void MapPanel::draw_overview(const Picture& p, ConsoleState& s, const OpenAlertCounts& open) {
    ImGui::TextUnformatted("Both stations, every level: hotspots and open alerts.");
    ImGui::SameLine();
    ImGui::TextDisabled("Click a level to open it; O goes back.");
    const auto cells = overview_cells(zones_);
    const auto stations = zones_.stations();
    std::size_t columns = 1;
    for (const auto& st : stations) {
        std::size_t n = 0;
        for (const auto& c : cells) n += c.station == st ? 1 : 0;
        columns = std::max(columns, n);
    }
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float legend_h = ImGui::GetTextLineHeightWithSpacing() * 2.6f;
    const float cell_w = area.x / static_cast<float>(columns);
    const float cell_h = std::max((area.y - legend_h) / static_cast<float>(std::max<std::size_t>(stations.size(), 1)), 60.0f);
    const float caption = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 top = ImGui::GetCursorScreenPos();
    auto* dl = ImGui::GetWindowDrawList();
    ConsoleState shown = s;
    shown.colour_by_hotspot = true; // the overview is about hotspots, whatever the tabs show
    for (std::size_t row = 0; row < stations.size(); ++row) {
        const auto all = zones_.zones_of(stations[row]);
        std::size_t column = 0;
        for (const auto& cell : cells) {
            if (cell.station != stations[row]) continue;
            const ImVec2 at(top.x + cell_w * static_cast<float>(column++), top.y + cell_h * static_cast<float>(row));
            const ImVec2 size(cell_w - 6, cell_h - caption - 6);
            const int here = open.level(cell.station, cell.level);
            ImGui::SetCursorScreenPos(at);
            auto title = station_name(cell.station) + ", " + level_name(cell.level) + (here ? ": " + std::to_string(here) + " open" : "");
            if (here) ImGui::TextColored(to_vec4(severity_colour(2)), "%s", title.c_str());
            else ImGui::TextUnformatted(title.c_str());
            const ImVec2 canvas(at.x, at.y + caption);
            ImGui::SetCursorScreenPos(canvas);
            ImGui::InvisibleButton(("overview-" + cell.station + std::to_string(cell.level)).c_str(), size);
            const bool hovered = ImGui::IsItemHovered();
            if (ImGui::IsItemClicked()) {
                for (std::size_t i = 0; i < stations.size(); ++i)
                    if (stations[i] == cell.station) s.station_tab = static_cast<int>(i);
                s.level = cell.level;
                s.zoom = 1.0;
                s.pan_x = s.pan_y = 0;
                s.overview = false;
            }
            dl->PushClipRect(canvas, ImVec2(canvas.x + size.x, canvas.y + size.y), true);
            dl->AddRectFilled(canvas, ImVec2(canvas.x + size.x, canvas.y + size.y),
                              hovered ? IM_COL32(40, 45, 52, 255) : IM_COL32(24, 27, 31, 255));
            // Each station at one scale across its levels, so a zone is the same size in every cell.
            const MapProjection proj = MapProjection::fit(all, {canvas.x, canvas.y}, {size.x, size.y});
            for (const auto* z : all)
                if (z->level == cell.level) draw_zone(dl, z, p, shown, proj, nullptr);
            dl->PopClipRect();
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + cell_h * static_cast<float>(stations.size())));
    draw_legend(true);
}

void MapPanel::draw_legend(bool hotspot) {
    struct Item {
        const char* label;
        Rgba colour;
    };
    const std::vector<Item> occupancy_items{
        {"calm (<60 %)", occupancy_colour(20, 100, false)},
        {"busy (60-99 %)", occupancy_colour(80, 100, false)},
        {"at capacity", occupancy_colour(100, 100, false)},
        {"silent sensor", occupancy_colour(20, 100, true)},
        {"no count", occupancy_colour(std::nullopt, 100, false)},
    };
    const std::vector<Item> hotspot_items{
        {"hotspot 0", hotspot_colour(0)},
        {"30", hotspot_colour(30)},
        {"60", hotspot_colour(60)},
        {"100", hotspot_colour(100)},
    };
    auto* dl = ImGui::GetWindowDrawList();
    float h = ImGui::GetTextLineHeight();
    // Items that do not fit on the line go to the next: a narrow panel cuts nothing off.
    bool first = true;
    auto next_item = [&](const char* label, float lead) {
        const float width = lead + ImGui::CalcTextSize(label).x;
        if (!first) {
            ImGui::SameLine(0, h);
            if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
        }
        first = false;
    };
    for (const auto& item : hotspot ? hotspot_items : occupancy_items) {
        next_item(item.label, h * 1.5f + ImGui::GetStyle().ItemSpacing.x);
        ImVec2 at = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(at, ImVec2(at.x + h * 1.4f, at.y + h), to_imgui(item.colour, 0.85f));
        ImGui::Dummy(ImVec2(h * 1.5f, h));
        ImGui::SameLine();
        ImGui::TextUnformatted(item.label);
    }
    next_item("people reported", h + ImGui::GetStyle().ItemSpacing.x);
    ImVec2 at = ImGui::GetCursorScreenPos();
    dl->AddCircleFilled(ImVec2(at.x + h / 2, at.y + h / 2), 5, IM_COL32(120, 200, 255, 255));
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
    ImGui::TextUnformatted("people reported");
    for (const auto& [colour, letter, label] : {std::tuple{IM_COL32(70, 200, 190, 255), "T", "outreach team"},
                                                std::tuple{to_imgui(silent_team_colour()), "T", "silent team"},
                                                std::tuple{IM_COL32(240, 170, 70, 255), "G", "guard (last report)"}}) {
        next_item(label, h + ImGui::GetStyle().ItemSpacing.x);
        ImVec2 m = ImGui::GetCursorScreenPos();
        dl->AddCircleFilled(ImVec2(m.x + h / 2, m.y + h / 2), h * 0.55f, colour);
        auto size = ImGui::CalcTextSize(letter);
        dl->AddText(ImVec2(m.x + h / 2 - size.x / 2, m.y + h / 2 - size.y / 2), IM_COL32(20, 20, 20, 255), letter);
        ImGui::Dummy(ImVec2(h, h));
        ImGui::SameLine();
        ImGui::TextUnformatted(label);
    }
    // The ring as drawn: a halo that stands out on the fill, the severity's colour inside it.
    next_item("alert ring (its severity's colour)", h * 1.5f + ImGui::GetStyle().ItemSpacing.x);
    ImVec2 r = ImGui::GetCursorScreenPos();
    const auto ring = alert_ring(3, over(hotspot_colour(60), zone_fill_opacity, panel_background));
    dl->AddRectFilled(r, ImVec2(r.x + h * 1.4f, r.y + h), to_imgui(hotspot_colour(60), zone_fill_opacity));
    dl->AddRect(ImVec2(r.x + 2, r.y + 2), ImVec2(r.x + h * 1.4f - 2, r.y + h - 2), to_imgui(ring.halo), 0, 0, 4.0f);
    dl->AddRect(ImVec2(r.x + 2, r.y + 2), ImVec2(r.x + h * 1.4f - 2, r.y + h - 2), to_imgui(ring.colour), 0, 0, 2.0f);
    ImGui::Dummy(ImVec2(h * 1.5f, h));
    ImGui::SameLine();
    ImGui::TextUnformatted("alert ring (its severity's colour)");
}

} // namespace platslage::console
