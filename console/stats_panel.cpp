#include "stats_panel.hpp"

#include "hub_link.hpp"
#include "meeting_view.hpp"
#include "stats_view.hpp"
#include "stockholm_time.hpp"
#include "table_csv.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>

namespace platslage::console {

namespace {
const ImVec4 warn_colour(1.0f, 0.45f, 0.35f, 1);
const ImU32 bar_colour = IM_COL32(86, 156, 214, 255);
constexpr float chart_height = 170;

TimePoint now_point() {
    return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
}

std::string station_title(const std::string& station) {
    return station.empty() ? "Both stations" : station_name(station);
}

std::string month_title(std::chrono::year_month ym) {
    return period_title(month_label(ym));
}

// A month picker over the months an operator may pick, from `first_allowed` on.
bool month_combo(const char* label, std::chrono::year_month& chosen, const std::vector<std::chrono::year_month>& months,
                 std::chrono::year_month first_allowed) {
    bool changed = false;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    if (ImGui::BeginCombo(label, month_title(chosen).c_str())) {
        for (auto it = months.rbegin(); it != months.rend(); ++it) {
            if (*it < first_allowed) continue;
            bool selected = *it == chosen;
            if (ImGui::Selectable(month_title(*it).c_str(), selected)) chosen = *it, changed = true;
            if (selected) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    return changed;
}

// Figures right-aligned in their column, as a spreadsheet shows them; a hidden one dimmed.
void cell(const Cell& c) {
    auto text = cell_text(c);
    float width = ImGui::CalcTextSize(text.c_str()).x;
    float room = ImGui::GetContentRegionAvail().x;
    if (room > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + room - width);
    if (c.hidden || !c.value) {
        ImGui::TextDisabled("%s", text.c_str());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(c.hidden
                                  ? "Fewer than %d people, or a figure drawn from so few: not shown, so that no one\n"
                                    "can be singled out (docs/privacy.md)"
                                  : "Nothing to compute it from in this period",
                              small_count_threshold);
    } else {
        ImGui::TextUnformatted(text.c_str());
    }
}
} // namespace

StatsPanel::StatsPanel(const ZoneMap& zones, HubLink& link, std::filesystem::path export_dir,
                       std::optional<StatsQuery> first)
    : zones_(zones), link_(link), export_dir_(std::move(export_dir)), first_(std::move(first)) {}

void StatsPanel::say(std::string text, bool ok) {
    feedback_ = std::move(text);
    feedback_ok_ = ok;
    unlogged_.push_back(feedback_);
}

void StatsPanel::ask() {
    link_.request_statistics(query_);
    asked_ = true;
}

void StatsPanel::take_answer() {
    auto st = link_.statistics();
    if (st.number == seen_) return;
    seen_ = st.number;
    if (!st.problem.empty()) {
        export_when_ready_ = false;
        say("statistics: " + st.problem, false);
        return;
    }
    if (st.pending || !st.answer) return;
    bool first = !shown_;
    shown_ = st.answer;
    if (first || table_ >= shown_->tables.size()) table_ = 0;
    // Left / Right pressed before the first tables came take effect now.
    if (const auto n = static_cast<long>(shown_->tables.size()); n > 0 && moves_ != 0) {
        table_ = static_cast<std::size_t>(((static_cast<long>(table_) + moves_) % n + n) % n);
        select_table_ = true;
    }
    moves_ = 0;
    say("statistics: " + std::to_string(shown_->tables.size()) + " tables for " + stats_heading(shown_->query, zones_),
        true);
    if (export_when_ready_) export_csv();
}

void StatsPanel::export_csv() {
    export_when_ready_ = false;
    if (!shown_) return;
    auto dir = export_dir_ / stats_export_folder(shown_->query);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        say("statistics: cannot make " + dir.string() + ": " + ec.message(), false);
        return;
    }
    for (const auto& t : shown_->tables) {
        std::string error;
        if (!write_file_atomically(dir, t.id + ".csv", table_csv(t), error)) {
            say("statistics: " + error, false);
            return;
        }
    }
    auto shown_dir = std::filesystem::absolute(dir, ec);
    say("statistics: " + std::to_string(shown_->tables.size()) + " tables exported to " +
            (ec ? dir : shown_dir).string(),
        true);
}

void StatsPanel::draw(const Picture& p, ConsoleState& s) {
    take_answer();
    if (!s.show_statistics) return;
    const bool live = p.link == LinkState::live;
    if (!asked_) {
        query_ = first_.value_or(default_stats_query(now_point()));
        if (live) ask();
    }

    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.08f, 50), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x * 0.8f, io.DisplaySize.y * 0.86f), ImGuiCond_FirstUseEver);
    // Opaque: a table over the live picture must not show the rows behind it.
    ImGui::SetNextWindowBgAlpha(1.0f);
    if (!ImGui::Begin("Statistics (S)", &s.show_statistics)) {
        ImGui::End();
        return;
    }
    choices(live);

    auto st = link_.statistics();
    if (st.pending) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("Counting %s ...", stats_heading(query_, zones_).c_str());
    } else if (shown_) {
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%s", stats_heading(shown_->query, zones_).c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("counted %s", stockholm_clock_text(shown_->counted_at).substr(0, 5).c_str());
    } else if (!live) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("Not connected to the hub: the tables are counted there");
    }
    if (!feedback_.empty() && !feedback_ok_)
        ImGui::TextColored(warn_colour, "%s", feedback_.c_str());
    else if (!feedback_.empty() && feedback_.find("exported") != std::string::npos)
        ImGui::TextDisabled("%s", feedback_.c_str());

    // E exports what is shown; Left / Right go through the tables. Only while this window has
    // the keyboard, so no other window's E is taken.
    const bool keys = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && !io.WantTextInput &&
                      !io.KeyCtrl && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
    if (keys && ImGui::IsKeyPressed(GLFW_KEY_E, false)) {
        if (shown_ && !st.pending)
            export_csv();
        else
            export_when_ready_ = true;
    }
    if (!shown_ && keys) {
        if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT, false)) ++moves_;
        if (ImGui::IsKeyPressed(GLFW_KEY_LEFT, false)) --moves_;
    }
    if (shown_ && !shown_->tables.empty()) {
        const std::size_t n = shown_->tables.size();
        if (keys && ImGui::IsKeyPressed(GLFW_KEY_RIGHT, false)) table_ = (table_ + 1) % n, select_table_ = true;
        if (keys && ImGui::IsKeyPressed(GLFW_KEY_LEFT, false)) table_ = (table_ + n - 1) % n, select_table_ = true;
        if (ImGui::BeginTabBar("tables", ImGuiTabBarFlags_FittingPolicyScroll)) {
            for (std::size_t i = 0; i < n; ++i) {
                const auto& t = shown_->tables[i];
                ImGuiTabItemFlags flags = select_table_ && i == table_ ? ImGuiTabItemFlags_SetSelected : 0;
                if (ImGui::BeginTabItem((t.title + "##" + t.id).c_str(), nullptr, flags)) {
                    if (!select_table_) table_ = i;
                    ImGui::TextWrapped("%s", t.note.c_str());
                    table_view(t);
                    chart_view(t);
                    ImGui::EndTabItem();
                }
            }
            select_table_ = false;
            ImGui::EndTabBar();
        }
    }
    ImGui::End();
}

void StatsPanel::choices(bool live) {
    const auto months = stats_months(now_point());
    bool changed = false;
    ImGui::BeginDisabled(!live);
    // Each picker's name before it, as a form reads.
    auto label = [](const char* text) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(text);
        ImGui::SameLine();
    };
    label("From");
    changed |= month_combo("##from", query_.from, months, months.front());
    ImGui::SameLine();
    if (query_.to < query_.from) query_.to = query_.from;
    label("to");
    changed |= month_combo("##to", query_.to, months, query_.from);
    ImGui::SameLine(0, ImGui::GetFontSize());
    label("Station");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::BeginCombo("##station", station_title(query_.station).c_str())) {
        if (ImGui::Selectable("Both stations", query_.station.empty()) && !query_.station.empty())
            query_.station.clear(), query_.zone.clear(), changed = true;
        for (const auto& st : zones_.stations())
            if (ImGui::Selectable(station_title(st).c_str(), st == query_.station) && st != query_.station)
                query_.station = st, query_.zone.clear(), changed = true;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(query_.station.empty());
    label("Zone");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    const Zone* zone = query_.zone.empty() ? nullptr : zones_.find(query_.zone);
    if (ImGui::BeginCombo("##zone", zone ? zone->name.c_str() : "All zones")) {
        if (ImGui::Selectable("All zones", query_.zone.empty()) && !query_.zone.empty())
            query_.zone.clear(), changed = true;
        for (const Zone* z : zones_.zones_of(query_.station))
            if (ImGui::Selectable(z->name.c_str(), z->id == query_.zone) && z->id != query_.zone)
                query_.zone = z->id, changed = true;
        ImGui::EndCombo();
    }
    ImGui::EndDisabled();
    ImGui::SameLine(0, ImGui::GetFontSize());
    int by = query_.by == Granularity::week ? 1 : 0;
    changed |= ImGui::RadioButton("By month", &by, 0);
    ImGui::SameLine();
    changed |= ImGui::RadioButton("By week", &by, 1);
    query_.by = by == 1 ? Granularity::week : Granularity::month;
    if (ImGui::Button("Count again")) changed = true;
    ImGui::SameLine();
    ImGui::BeginDisabled(!shown_);
    if (ImGui::Button("Export CSV (E)")) export_csv();
    ImGui::EndDisabled();
    ImGui::EndDisabled();
    ImGui::SameLine(0, ImGui::GetFontSize());
    if (changed && live) ask();
}

void StatsPanel::table_view(const StatTable& t) {
    const int columns = static_cast<int>(t.columns.size());
    if (columns < 1 || columns > 64) return; // ImGui's limit; no table of ours comes near it
    const float line = ImGui::GetTextLineHeightWithSpacing();
    float room = ImGui::GetContentRegionAvail().y - chart_height - line * 2;
    // Every row and the heading, and the horizontal scrollbar a wide table gets.
    float wanted = line * static_cast<float>(t.rows.size() + 1) + 8 + ImGui::GetStyle().ScrollbarSize;
    ImVec2 size(0, std::max(line * 4, std::min(room, wanted)));
    ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX |
                            ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable(t.id.c_str(), columns, flags, size)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    for (const auto& heading : t.columns)
        ImGui::TableSetupColumn(heading.c_str());
    ImGui::TableHeadersRow();
    for (const auto& row : t.rows) {
        ImGui::TableNextRow();
        // The total row, as the partnership's tables set it off.
        if (row.period.empty()) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(70, 70, 40, 255));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.label.c_str());
        for (const auto& c : row.cells) {
            ImGui::TableNextColumn();
            cell(c);
        }
    }
    ImGui::EndTable();
}

void StatsPanel::chart_view(const StatTable& t) {
    auto chart = stat_chart(t);
    if (chart.bars.empty()) return;
    ImGui::TextDisabled("%s by %s", chart.heading.c_str(),
                        shown_ && shown_->query.by == Granularity::week ? "week" : "month");
    // ImGui 1.86 has no plot that fills the width (-1 is not "fill"): the bars are drawn here,
    // sized from the room there is.
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = std::max(100.0f, ImGui::GetContentRegionAvail().x);
    // The room left, within reason: a chart taller than this says no more.
    const float height = std::clamp(ImGui::GetContentRegionAvail().y - 4, 80.0f, chart_height * 2);
    const float line = ImGui::GetTextLineHeight();
    const float base = origin.y + height - line - 4; // the bars stand on this
    const float top = origin.y + line + 2;           // room for the tallest bar's figure
    auto* dl = ImGui::GetWindowDrawList();
    dl->AddLine(ImVec2(origin.x, base), ImVec2(origin.x + width, base), IM_COL32(150, 150, 150, 255));
    const float slot = width / static_cast<float>(chart.bars.size());
    const bool every_label = slot > ImGui::CalcTextSize("v. 48 2026").x + 6;
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const auto& b = chart.bars[i];
        const float x0 = origin.x + slot * static_cast<float>(i) + slot * 0.15f;
        const float x1 = x0 + slot * 0.7f;
        float y = base;
        if (b.drawn && chart.max > 0) {
            y = base - static_cast<float>(b.value / chart.max) * (base - top);
            dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, base), bar_colour);
        }
        ImVec2 figure = ImGui::CalcTextSize(b.text.c_str());
        if (figure.x <= slot)
            dl->AddText(ImVec2((x0 + x1 - figure.x) / 2, y - line - 1),
                        b.drawn ? IM_COL32(230, 230, 230, 255) : IM_COL32(150, 150, 150, 255), b.text.c_str());
        if (every_label || i % 4 == 0) {
            ImVec2 label = ImGui::CalcTextSize(b.label.c_str());
            dl->AddText(ImVec2((x0 + x1 - label.x) / 2, base + 2), IM_COL32(200, 200, 200, 255), b.label.c_str());
        }
    }
    ImGui::Dummy(ImVec2(width, height));
}

} // namespace platslage::console
