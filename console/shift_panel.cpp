#include "shift_panel.hpp"

#include "form_command.hpp"
#include "guard_report.hpp"
#include "plain_words.hpp"
#include "shift_view.hpp"
#include "stockholm_time.hpp"
#include "zone_combo.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace platslage::console {

namespace {
const ImVec4 warn_colour(1.0f, 0.45f, 0.35f, 1);
const char* const notice_title = "Handover from the previous shift";

bool enter_pressed() { return ImGui::IsKeyPressed(GLFW_KEY_ENTER, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_ENTER, false); }
} // namespace

bool ShiftPanel::send(const Command& c, const std::string& what) {
    sent_form_.forget();
    if (!c.ok()) {
        answer_.say(what + ": " + c.problem, false);
        return false;
    }
    answer_.sent(link_.send_command(c.json));
    sent_what_ = what;
    return true;
}

void ShiftPanel::take_answer() {
    auto answer = answer_.take(link_);
    if (!answer) return;
    sent_form_.answered(answer->ok);
    refocus_note_ = sent_what_ == "note";
    if (!answer->ok) {
        answer_.say(sent_what_ + " refused: " + answer->text, false);
        return;
    }
    auto j = nlohmann::json::parse(answer->text, nullptr, false);
    const std::string id = j.is_object() && j.contains("id") && j["id"].is_string() ? j["id"].get<std::string>() : "";
    answer_.say(sent_what_ + " stored as " + id, true);
}

void ShiftPanel::handover_text(const Handover& h) const {
    ImGui::Text("%s, handed over by %s", stockholm_minute_text(h.at).c_str(), h.by.c_str());
    ImGui::TextWrapped("Promised: %s", h.text.c_str());
    if (h.open.empty()) {
        ImGui::TextUnformatted("Nothing was open.");
        return;
    }
    ImGui::Text("Open then (%zu):", h.open.size());
    for (const auto& line : h.open) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", line.c_str());
    }
}

// Shown by itself once per handover: the console's log-in, or a handover just written.
void ShiftPanel::handover_notice(const Picture& p) {
    if (p.link == LinkState::live)
        if (auto id = handover_to_show(p.shift_log, shown_)) {
            shown_ = *id;
            open_notice_ = true;
            const Handover& h = *p.shift_log->handover;
            spdlog::info("shift log: handover {} by {} at {} shown: {} open", h.id, h.by, stockholm_minute_text(h.at), h.open.size());
        }
    if (open_notice_ && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
        ImGui::OpenPopup(notice_title);
        open_notice_ = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Size.x * 0.5f, vp->Size.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(vp->Size.x * 0.4f, 0), ImVec2(vp->Size.x * 0.7f, vp->Size.y * 0.8f));
    if (!ImGui::BeginPopupModal(notice_title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    if (p.shift_log && p.shift_log->handover) {
        handover_text(*p.shift_log->handover);
        if (!p.shift_log->notes.empty()) ImGui::Text("Notes written since: %zu (Shift log, L)", p.shift_log->notes.size());
    }
    if (ImGui::Button("Read (Enter)") || enter_pressed() || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void ShiftPanel::draw(const Picture& p, ConsoleState& s) {
    take_answer();
    handover_notice(p);
    if (!s.show_shift) return;
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(52 * em, 40 * em), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Shift log (L)", &s.show_shift)) {
        ImGui::End();
        return;
    }
    const ShiftLog empty;
    const ShiftLog& log = p.shift_log ? *p.shift_log : empty;
    if (ImGui::CollapsingHeader("Handover from the previous shift", ImGuiTreeNodeFlags_DefaultOpen)) {
        if (log.handover) handover_text(*log.handover);
        else ImGui::TextDisabled("No handover yet.");
    }
    if (ImGui::CollapsingHeader(("Notes this shift (" + std::to_string(log.notes.size()) + ")").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::BeginChild("##notes", ImVec2(0, 10 * em), true);
        for (const auto& n : log.notes) ImGui::TextWrapped("%s", note_line(n, zones_).c_str());
        if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY()) ImGui::SetScrollHereY(1.0f); // follow the newest
        ImGui::EndChild();
        ImGui::TextDisabled("No names, no identity or phone numbers: what happened, where, what was promised.");
        ImGui::SetNextItemWidth(-9 * em);
        // L and type: the note field has the keyboard when the window opens, and again after
        // each answer to a note, so a refused one is corrected and sent with Enter at once.
        if (ImGui::IsWindowAppearing() || refocus_note_) ImGui::SetKeyboardFocusHere();
        refocus_note_ = false;
        const bool enter = ImGui::InputTextWithHint("##shift_note", "a note for the log (Enter adds it)", note_.data(), note_.size(),
                                                    ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SameLine();
        if (ImGui::Button("Add note") || enter) {
            std::string alert = about_selection_ ? s.selected_alert : std::string();
            std::string zone = about_selection_ && alert.empty() ? s.selected_zone : std::string();
            if (send(shift_note_command(note_.data(), zone, alert, s.position), "note")) sent_form_.sent(note_);
        }
        std::string about = !s.selected_alert.empty() ? "the selected alert " + s.selected_alert
                            : !s.selected_zone.empty() ? "the selected zone " + (zones_.find(s.selected_zone) ? zones_.find(s.selected_zone)->name : s.selected_zone)
                                                       : std::string("the selection (none now)");
        ImGui::Checkbox(("About " + about).c_str(), &about_selection_);
    }
    if (ImGui::CollapsingHeader("Hand over to the next shift", ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::TextWrapped("Write what was promised and to whom (a team, a partner, a caller). The hub adds every open alert, "
                           "order and action item as it sees them when you hand over; the next operator sees it at log-in.");
        ImGui::InputTextMultiline("##promised", promised_.data(), promised_.size(), ImVec2(-1.0f, 5 * em));
        if (ImGui::Button("Hand over")) {
            if (send(handover_command(promised_.data(), s.position), "handover")) sent_form_.sent(promised_);
        }
    }
    answer_.draw();
    search_section();
    ImGui::End();
}

// Looking back: the reports, alerts' steps, orders and shift log entries the hub finds.
void ShiftPanel::search_section() {
    const auto found = link_.search();
    if (found.number > search_told_) {
        search_told_ = found.number;
        if (found.problem.empty() && found.answer)
            spdlog::info("search: {} found{}", found.answer->hits.size(), found.answer->more ? " (the newest; there are more)" : "");
        else if (!found.problem.empty())
            spdlog::warn("search: {}", found.problem);
    }
    if (!ImGui::CollapsingHeader("Search the log", ImGuiTreeNodeFlags_DefaultOpen)) return;
    const float em = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(7 * em);
    ImGui::InputInt("hours back", &search_.hours, 1, 24);
    ImGui::SameLine();
    zone_combo("##search_zone", zones_, search_.zone, 14 * em, "both stations");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(11 * em);
    if (ImGui::BeginCombo("##search_category", search_.category.empty() ? "any category" : code_words(category_words(search_.category)).c_str())) {
        if (ImGui::Selectable("any category", search_.category.empty())) search_.category.clear();
        for (auto c : all_categories()) {
            std::string name(category_name(c));
            if (ImGui::Selectable(code_words(category_words(name)).c_str(), search_.category == name)) search_.category = name;
        }
        ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(9 * em);
    const bool enter = ImGui::InputTextWithHint("##search_alert", "or an alert id", search_alert_.data(), search_alert_.size(),
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button("Search") || enter) {
        SearchForm f = search_;
        f.alert = search_alert_.data();
        if (auto q = search_query(f, std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now()), search_problem_))
            link_.request_search(*q);
    }
    if (!search_problem_.empty()) ImGui::TextColored(warn_colour, "%s", search_problem_.c_str());
    else if (found.pending) ImGui::TextDisabled("searching…");
    else if (!found.problem.empty()) ImGui::TextColored(warn_colour, "%s", found.problem.c_str());
    if (!found.answer) return;
    const auto& hits = found.answer->hits;
    ImGui::Text("%zu found%s", hits.size(), found.answer->more ? ", the newest: narrow the search for older ones" : "");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("##hits", 4, flags, ImVec2(0, 14 * em))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("When", ImGuiTableColumnFlags_WidthFixed, 8 * em);
    ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthFixed, 6 * em);
    ImGui::TableSetupColumn("Where", ImGuiTableColumnFlags_WidthFixed, 8 * em);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (const auto& h : hits) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(stockholm_minute_text(h.at).substr(5).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(hit_source_words(h.source).c_str());
        ImGui::TableNextColumn();
        const Zone* where = zones_.find(h.zone);
        ImGui::TextUnformatted(where ? where->name.c_str() : h.station.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s · %s", h.text.c_str(), h.by.c_str());
    }
    ImGui::EndTable();
}

} // namespace platslage::console
