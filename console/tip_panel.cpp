#include "tip_panel.hpp"

#include "guard_report.hpp"
#include "plain_words.hpp"
#include "shift_view.hpp"
#include "stockholm_time.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace platslage::console {

namespace {
const ImVec4 warn_colour(1.0f, 0.45f, 0.35f, 1);
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
        feedback_ = "tip: " + c.problem;
        feedback_ok_ = false;
        ++feedback_count_;
        return;
    }
    ticket_ = link_.send_command(c.json);
    answer_taken_ = false;
    sent_form_.sent(note_);
}

void TipPanel::take_answer() {
    if (answer_taken_ || ticket_ == 0) return;
    auto answer = link_.answer_to(ticket_);
    if (!answer) return;
    answer_taken_ = true;
    feedback_ok_ = answer->ok;
    ++feedback_count_;
    if (!sent_form_.answered(answer->ok)) {
        if (!answer->ok) feedback_ = "tip refused: " + answer->text;
        else feedback_ = "tip " + id_ + " stored; the form was changed meanwhile and is kept";
        if (answer->ok) id_.clear();
        return;
    }
    auto j = nlohmann::json::parse(answer->text, nullptr, false);
    const bool stored = j.is_object() && j.value("stored", false);
    feedback_ = "tip " + id_ + (stored ? " stored as " + j.value("report", std::string("a report")) + ": it counts as a report"
                                       : " was stored already");
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
    const Zone* z = zones_.find(zone_);
    std::string zone_label = z ? z->name + " (" + z->station + ")" : std::string("choose…");
    ImGui::SetNextItemWidth(18 * em);
    if (ImGui::BeginCombo("Where", zone_label.c_str())) {
        for (const auto& station : zones_.stations()) {
            ImGui::TextDisabled("%s", station.c_str());
            for (const Zone* zz : zones_.zones_of(station))
                if (ImGui::Selectable((zz->name + "##" + zz->id).c_str(), zone_ == zz->id)) zone_ = zz->id;
        }
        ImGui::EndCombo();
    }
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
    if (!feedback_.empty()) {
        if (feedback_ok_) ImGui::TextDisabled("%s", feedback_.c_str());
        else ImGui::TextColored(warn_colour, "%s", feedback_.c_str());
    }
    ImGui::End();
}

} // namespace platslage::console
