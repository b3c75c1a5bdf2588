#include "tip_panel.hpp"

#include "guard_report.hpp"
#include "plain_words.hpp"
#include "shift_view.hpp"
#include "stockholm_time.hpp"
#include "zone_combo.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace platslage::console {

namespace {
TimePoint now_point() { return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now()); }
} // namespace

void TipPanel::send(const ConsoleState& s) {
    const auto now = now_point();
    // A tip not yet taken keeps its id: sent again, the hub stores it once.
    if (id_.empty()) id_ = tip_id(now);
    TipForm f{from_, zone_, minutes_ago_, persons_, categories_, note_.data()};
    auto c = tip_command(f, s.position, zones_, now, id_);
    sent_form_.forget();
    if (!c.ok()) {
        answer_.say("tip: " + c.problem, false);
        return;
    }
    answer_.sent(link_.send_command(c.json));
    sent_form_.sent(note_);
}

void TipPanel::take_answer() {
    auto answer = answer_.take(link_);
    if (!answer) return;
    if (!sent_form_.answered(answer->ok)) {
        if (!answer->ok) answer_.say("tip refused: " + answer->text, false);
        else answer_.say("tip " + id_ + " stored; the form was changed meanwhile and is kept", true);
        if (answer->ok) id_.clear();
        return;
    }
    auto j = nlohmann::json::parse(answer->text, nullptr, false);
    const bool stored = j.is_object() && j.value("stored", false);
    answer_.say("tip " + id_ + (stored ? " stored as " + j.value("report", std::string("a report")) + ": it counts as a report"
                                       : " was stored already"), true);
    // The next tip starts afresh, from the same source and zone (calls often come in a row).
    id_.clear();
    categories_.clear();
    persons_ = 1;
    minutes_ago_ = 0;
}

void TipPanel::draw(const Picture&, ConsoleState& s) {
    take_answer();
    if (!s.show_tip) return;
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(34 * em, 30 * em), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Tip (I)", &s.show_tip)) {
        ImGui::End();
        return;
    }
    if (ImGui::IsWindowAppearing() && zone_.empty()) zone_ = s.selected_zone;
    ImGui::TextWrapped("What someone told the control room. The kind of source only: no names, no identity or phone numbers.");

    auto from_label = from_.empty() ? std::string("choose…") : code_words(tip_source_words(from_), true);
    ImGui::SetNextItemWidth(18 * em);
    if (ImGui::BeginCombo("Told by", from_label.c_str())) {
        for (auto src : tip_sources())
            if (ImGui::Selectable(code_words(tip_source_words(src), true).c_str(), from_ == src)) from_ = std::string(src);
        ImGui::EndCombo();
    }
    zone_combo("Where", zones_, zone_, 18 * em);
    ImGui::SetNextItemWidth(8 * em);
    ImGui::InputInt("minutes ago", &minutes_ago_, 5, 30);
    minutes_ago_ = std::clamp(minutes_ago_, 0, 24 * 60);
    ImGui::SameLine();
    ImGui::TextDisabled("seen at %s", stockholm_clock_text(now_point() - std::chrono::minutes(minutes_ago_)).substr(0, 5).c_str());
    ImGui::SetNextItemWidth(8 * em);
    ImGui::InputInt("persons", &persons_);
    persons_ = std::clamp(persons_, 0, max_persons);
    int n = 0;
    for (auto c : all_categories()) {
        std::string name(category_name(c));
        bool on = std::find(categories_.begin(), categories_.end(), name) != categories_.end();
        if (n++ % 3) ImGui::SameLine(static_cast<float>((n - 1) % 3) * 11 * em);
        if (ImGui::Checkbox(code_words(category_words(name), true).c_str(), &on)) {
            if (on) categories_.push_back(name);
            else std::erase(categories_, name);
        }
    }
    ImGui::InputTextMultiline("##tip_note", note_.data(), note_.size(), ImVec2(-1.0f, 4 * em));
    const bool ctrl_enter = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && ImGui::GetIO().KeyCtrl &&
                            (ImGui::IsKeyPressed(GLFW_KEY_ENTER, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_ENTER, false));
    if (ImGui::Button("Enter tip (Ctrl+Enter)") || ctrl_enter) send(s);
    answer_.draw();
    ImGui::End();
}

} // namespace platslage::console
