#include "meetings_panel.hpp"

#include "dispatch_view.hpp"
#include "organisation.hpp"
#include "stockholm_time.hpp"
#include "time_text.hpp"
#include "zone_combo.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

namespace platslage::console {

namespace {
const ImVec4 warn_colour(1.0f, 0.45f, 0.35f, 1);

TimePoint now_point() { return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now()); }

template <std::size_t N>
void set_text(std::array<char, N>& buf, const std::string& text) {
    buf.fill(0);
    std::memcpy(buf.data(), text.data(), std::min(text.size(), N - 1));
}
} // namespace

void MeetingsPanel::send(const Command& c, const std::string& op, const std::string& what) {
    if (!c.ok()) {
        answer_.say(what + ": " + c.problem, false);
        return;
    }
    answer_.sent(link_.send_command(c.json));
    sent_form_.forget(); // until the caller names the form it came from
    clear_organisations_ = false;
    sent_op_ = op;
    sent_what_ = what;
}

void MeetingsPanel::ask_agenda(const ConsoleState& s, bool then_export) {
    export_when_agenda_ = then_export;
    send(agenda_command(selected_, s.position), "agenda", "agenda " + selected_);
}

void MeetingsPanel::export_agenda() {
    export_when_agenda_ = false;
    if (!agenda_) return;
    std::string error;
    auto path = write_file_atomically(export_dir_, agenda_file_name(*agenda_), agenda_->markdown, error);
    if (path) {
        std::error_code ec;
        auto shown = std::filesystem::absolute(*path, ec);
        answer_.say("agenda " + agenda_->meeting + " exported to " + (ec ? *path : shown).string(), true);
    } else {
        answer_.say("agenda " + agenda_->meeting + ": " + error, false);
    }
}

void MeetingsPanel::take_answer() {
    auto answer = answer_.take(link_);
    if (!answer) return;
    // The form is emptied only once the hub has taken what it held: a refused decision stays
    // there to be corrected, and text typed since it was sent is left alone.
    if (sent_form_.answered(answer->ok) && clear_organisations_) organisations_.clear();
    clear_organisations_ = false;
    if (!answer->ok) {
        export_when_agenda_ = false;
        answer_.say(sent_what_ + ": " + answer_text(sent_op_, false, answer->text), false);
        return;
    }
    if (sent_op_ == "agenda") {
        agenda_ = parse_agenda_reply(answer->text);
        if (!agenda_) {
            answer_.say(sent_what_ + ": the hub's answer has no agenda text", false);
            export_when_agenda_ = false;
            return;
        }
        if (agenda_->meeting.empty()) agenda_->meeting = selected_;
        answer_.say(sent_what_ + ": shown below", true);
        if (export_when_agenda_) export_agenda();
        return;
    }
    std::string line = sent_what_ + ": " + answer_text(sent_op_, true, answer->text);
    auto j = nlohmann::json::parse(answer->text, nullptr, false);
    if (sent_op_ == "plan_meeting" && j.is_object() && j.contains("id") && j["id"].is_string()) {
        selected_ = j["id"].get<std::string>();
        line += " (" + selected_ + ")";
    }
    answer_.say(std::move(line), true);
}

void MeetingsPanel::draw(const Picture& p, ConsoleState& s) {
    take_answer();
    if (!s.show_meetings) return;

    auto now = now_point();
    auto today = stockholm_date(now);
    auto day = stockholm_date_text(now);
    if (p.build != book_build_ || day != book_day_ || p.build == 0) {
        book_ = meeting_book(p.meeting_entries, zones_, today);
        book_build_ = p.build;
        book_day_ = day;
    }
    bool known = std::any_of(book_.meetings.begin(), book_.meetings.end(), [&](const MeetingRow& m) { return m.id == selected_; });
    if (!known) selected_ = book_.meetings.empty() ? std::string() : book_.meetings.front().id;
    if (date_[0] == 0) set_text(date_, day), set_text(time_, "09:00"), set_text(due_, day);

    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.12f, 60), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x * 0.62f, io.DisplaySize.y * 0.85f), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Meetings (M)", &s.show_meetings)) {
        ImGui::End();
        return;
    }
    bool live = p.link == LinkState::live;
    meetings_table(s);

    ImGui::BeginDisabled(selected_.empty() || !live);
    if (ImGui::Button("Agenda (G)")) ask_agenda(s, false);
    ImGui::SameLine();
    if (ImGui::Button("Export (E)")) {
        if (agenda_ && agenda_->meeting == selected_) export_agenda();
        else ask_agenda(s, true);
    }
    ImGui::SameLine();
    bool cancellable = std::any_of(book_.meetings.begin(), book_.meetings.end(),
                                   [&](const MeetingRow& m) { return m.id == selected_ && !m.cancelled; });
    ImGui::BeginDisabled(!cancellable);
    if (ImGui::Button("Cancel meeting...")) ImGui::OpenPopup("cancel meeting");
    ImGui::EndDisabled();
    // Asked twice: a cancelled plan is announced to every handheld and cannot be undone.
    if (ImGui::BeginPopupModal("cancel meeting", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text("Cancel %s? No meetings of it from now on; handhelds are told.", selected_.c_str());
        ImGui::TextDisabled("Its decisions, action items and past agendas stay.");
        if (ImGui::Button("Cancel the meeting")) {
            send(cancel_command(selected_, s.position), "cancel_meeting", "cancel " + selected_);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep it") || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (answer_.waiting())
        ImGui::TextDisabled("%s: waiting for the hub", sent_what_.c_str());
    else if (answer_.line().empty())
        ImGui::TextDisabled("Acting as %s", s.position.c_str());
    else
        answer_.draw();

    agenda_view();
    selected_notes();
    ImGui::BeginDisabled(!live);
    note_forms(s);
    plan_form(s);
    ImGui::EndDisabled();

    // G shows the selected meeting's agenda, E exports it; not while text is typed.
    if (live && !io.WantTextInput && !io.KeyCtrl && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) && !selected_.empty()) {
        if (ImGui::IsKeyPressed(GLFW_KEY_G, false)) ask_agenda(s, false);
        if (ImGui::IsKeyPressed(GLFW_KEY_E, false)) {
            if (agenda_ && agenda_->meeting == selected_) export_agenda();
            else ask_agenda(s, true);
        }
    }
    ImGui::End();
}

void MeetingsPanel::meetings_table(const ConsoleState&) {
    const float em = ImGui::GetFontSize();
    float rows = static_cast<float>(std::clamp<std::size_t>(book_.meetings.size(), 1, 6));
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
    ImVec2 size(0, ImGui::GetTextLineHeightWithSpacing() * (rows + 1.4f));
    if (book_.meetings.empty()) {
        ImGui::TextDisabled("No meetings planned. Plan one below.");
    } else if (ImGui::BeginTable("meetings", 6, flags, size)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Meeting", ImGuiTableColumnFlags_WidthFixed, 5.5f * em);
        ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthFixed, 14.0f * em);
        ImGui::TableSetupColumn("Zone", ImGuiTableColumnFlags_WidthFixed, 9.0f * em);
        ImGui::TableSetupColumn("Next (Stockholm)", ImGuiTableColumnFlags_WidthFixed, 10.0f * em);
        ImGui::TableSetupColumn("Repeat", ImGuiTableColumnFlags_WidthFixed, 7.5f * em);
        ImGui::TableSetupColumn("Organisations", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        for (const auto& m : book_.meetings) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (ImGui::Selectable((m.id + "##row").c_str(), m.id == selected_, ImGuiSelectableFlags_SpanAllColumns)) {
                selected_ = m.id;
                selected_action_.clear();
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(m.title.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(m.zone_name.c_str());
            ImGui::TableNextColumn();
            if (m.cancelled) ImGui::TextDisabled("%s", m.next_text.c_str());
            else ImGui::TextUnformatted(m.next_text.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%s, %d min", repeat_words(m.repeat).c_str(), m.duration_min);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(m.organisations_text.c_str());
            if (ImGui::IsItemHovered() && !m.organisations_text.empty()) ImGui::SetTooltip("%s", m.organisations_text.c_str());
        }
        ImGui::EndTable();
    }
}

void MeetingsPanel::agenda_view() {
    if (!agenda_) return;
    ImGui::Separator();
    ImGui::Text("Agenda of %s, %s", agenda_->meeting.c_str(), stockholm_text(agenda_->held_at).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Hide")) {
        agenda_.reset();
        return;
    }
    // Read-only, scrolling, formatted as the handout prints: headings, bullets and tables.
    ImGui::BeginChild("agenda", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.45f), true);
    if (agenda_->markdown != agenda_text_) {
        agenda_text_ = agenda_->markdown;
        agenda_blocks_ = markdown_blocks(agenda_text_);
    }
    int table = 0;
    for (const auto& b : agenda_blocks_) {
        using K = MarkdownBlock::Kind;
        switch (b.kind) {
        case K::heading:
            if (b.level > 1) ImGui::Spacing();
            ImGui::SetWindowFontScale(b.level == 1 ? 1.35f : 1.12f);
            ImGui::TextColored(ImVec4(0.55f, 0.80f, 1.0f, 1), "%s", b.text.c_str());
            ImGui::SetWindowFontScale(1.0f);
            break;
        case K::bullet:
            ImGui::Bullet();
            ImGui::TextWrapped("%s", b.text.c_str());
            break;
        case K::paragraph: ImGui::TextWrapped("%s", b.text.c_str()); break;
        case K::table: {
            const int columns = b.rows.empty() ? 0 : static_cast<int>(b.rows.front().size());
            if (columns == 0) break;
            ImGui::PushID(table++);
            if (ImGui::BeginTable("md", columns, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
                for (const auto& h : b.rows.front()) ImGui::TableSetupColumn(h.c_str());
                ImGui::TableHeadersRow();
                for (std::size_t r = 1; r < b.rows.size(); ++r) {
                    ImGui::TableNextRow();
                    for (int c = 0; c < columns; ++c) {
                        ImGui::TableNextColumn();
                        if (static_cast<std::size_t>(c) < b.rows[r].size()) ImGui::TextWrapped("%s", b.rows[r][static_cast<std::size_t>(c)].c_str());
                    }
                }
                ImGui::EndTable();
            }
            ImGui::PopID();
            break;
        }
        }
    }
    ImGui::EndChild();
}

void MeetingsPanel::selected_notes() {
    ImGui::Separator();
    if (selected_.empty()) return;
    auto actions = open_actions(book_, selected_);
    auto decisions = recent_decisions(book_, selected_);
    if (std::none_of(actions.begin(), actions.end(), [&](const NoteRow* n) { return n->id == selected_action_; }))
        selected_action_.clear();
    ImGui::Text("Open action items of %s (%zu)", selected_.c_str(), actions.size());
    const float em = ImGui::GetFontSize();
    if (!actions.empty() &&
        ImGui::BeginTable("actions", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("Item", ImGuiTableColumnFlags_WidthFixed, 5.5f * em);
        ImGui::TableSetupColumn("Text", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Owner", ImGuiTableColumnFlags_WidthFixed, 11.0f * em);
        ImGui::TableSetupColumn("Due", ImGuiTableColumnFlags_WidthFixed, 8.5f * em);
        ImGui::TableHeadersRow();
        for (const auto* n : actions) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (ImGui::Selectable((n->id + "##action").c_str(), n->id == selected_action_, ImGuiSelectableFlags_SpanAllColumns))
                selected_action_ = n->id;
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", n->text.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(n->owner_title.c_str());
            ImGui::TableNextColumn();
            if (n->overdue) ImGui::TextColored(warn_colour, "%s overdue", n->due.c_str());
            else ImGui::TextUnformatted(n->due.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::Text("Latest decisions (%zu)", decisions.size());
    for (const auto* n : decisions) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s (%s): %s", n->id.c_str(), stockholm_text(n->held_at).c_str(), n->text.c_str());
    }
}

void MeetingsPanel::note_forms(const ConsoleState& s) {
    if (selected_.empty()) return;
    if (!ImGui::CollapsingHeader(("Record for " + selected_).c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
    const float em = ImGui::GetFontSize();
    ImGui::TextDisabled("No names, no identity or phone numbers.");
    ImGui::SetNextItemWidth(-12.0f * em);
    ImGui::InputTextWithHint("##decision", "a decision", decision_.data(), decision_.size());
    ImGui::SameLine();
    if (ImGui::Button("Record decision")) {
        auto c = decision_command(selected_, decision_.data(), s.position);
        send(c, "record_decision", "decision for " + selected_);
        if (c.ok()) sent_form_.sent(decision_);
    }

    ImGui::SetNextItemWidth(-12.0f * em);
    ImGui::InputTextWithHint("##action", "an action item: what is to be done", action_.data(), action_.size());
    ImGui::SetNextItemWidth(16.0f * em);
    auto owner_title = owner_.empty() ? std::string("owner…") : std::string(organisation_title(owner_));
    if (ImGui::BeginCombo("##owner", owner_title.c_str())) {
        for (auto id : organisation_ids())
            if (ImGui::Selectable(std::string(organisation_title(id)).c_str(), owner_ == id)) owner_ = std::string(id);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(7.0f * em);
    ImGui::InputText("due##due", due_.data(), due_.size());
    ImGui::SameLine();
    if (ImGui::Button("Add action item")) {
        auto c = action_command(selected_, action_.data(), owner_, due_.data(), s.position);
        send(c, "add_action", "action item for " + selected_);
        if (c.ok()) sent_form_.sent(action_);
    }

    ImGui::BeginDisabled(selected_action_.empty());
    ImGui::SetNextItemWidth(-16.0f * em);
    ImGui::InputTextWithHint("##closing", "closing note (optional)", closing_.data(), closing_.size());
    ImGui::SameLine();
    auto close_label = selected_action_.empty() ? std::string("Close action item") : "Close " + selected_action_;
    if (ImGui::Button(close_label.c_str())) {
        auto c = close_action_command(selected_, selected_action_, closing_.data(), s.position);
        send(c, "close_action", "close " + selected_action_);
        if (c.ok()) sent_form_.sent(closing_);
    }
    ImGui::EndDisabled();
    if (selected_action_.empty()) ImGui::TextDisabled("Click an open action item to close it (with an optional closing note).");
}

void MeetingsPanel::plan_form(const ConsoleState& s) {
    if (!ImGui::CollapsingHeader("Plan a meeting")) return;
    const float em = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(28.0f * em);
    ImGui::InputText("Title", title_.data(), title_.size());
    zone_combo("Zone", zones_, zone_, 28.0f * em);
    ImGui::TextUnformatted("Organisations taking part");
    if (ImGui::BeginTable("organisations", 3, ImGuiTableFlags_SizingStretchSame)) {
        for (auto id : organisation_ids()) {
            ImGui::TableNextColumn();
            std::string sid(id);
            auto it = std::find(organisations_.begin(), organisations_.end(), sid);
            bool on = it != organisations_.end();
            if (ImGui::Checkbox((std::string(organisation_title(id)) + "##" + sid).c_str(), &on)) {
                if (on) organisations_.push_back(sid);
                else organisations_.erase(it);
            }
        }
        ImGui::EndTable();
    }
    ImGui::SetNextItemWidth(7.0f * em);
    ImGui::InputText("Date (YYYY-MM-DD)", date_.data(), date_.size());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(4.5f * em);
    ImGui::InputText("Time (HH:MM, Stockholm)", time_.data(), time_.size());
    for (int i = 0; i < static_cast<int>(repeat_choices().size()); ++i) {
        if (i > 0) ImGui::SameLine();
        if (ImGui::RadioButton(repeat_words(repeat_choices()[static_cast<std::size_t>(i)]).c_str(), repeat_ == i)) repeat_ = i;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(7.0f * em);
    ImGui::InputInt("minutes", &duration_, 15, 60);
    PlanForm f{title_.data(), zone_, organisations_, date_.data(), time_.data(),
               repeat_choices()[static_cast<std::size_t>(repeat_)], duration_};
    auto c = plan_command(f, s.position, zones_, now_point());
    if (ImGui::Button("Plan the meeting")) {
        send(c, "plan_meeting", "plan \"" + std::string(title_.data()) + "\"");
        if (c.ok()) sent_form_.sent(title_), clear_organisations_ = true;
    }
    ImGui::SameLine();
    if (c.ok()) {
        auto starts = stockholm_local(date_.data(), time_.data());
        ImGui::TextDisabled("first meeting %s, Stockholm time", starts ? stockholm_text(format_rfc3339(*starts)).c_str() : "?");
    } else {
        ImGui::TextColored(warn_colour, "%s", c.problem.c_str());
    }
}

} // namespace platslage::console
