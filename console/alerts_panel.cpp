#include "alerts_panel.hpp"

#include "alert.hpp"
#include "alert_history.hpp"
#include "dispatch_view.hpp"
#include "frame_pacing.hpp"
#include "local_time.hpp"
#include "stats_query.hpp"
#include "stockholm_time.hpp"
#include "team_suggestion.hpp"
#include "ui_colour.hpp"
#include "view_logic.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <cmath>

namespace platslage::console {

namespace {
// Every dialog's last button: Cancel, or Esc, closes it without sending anything.
void cancel_and_end_popup() {
    ImGui::SameLine();
    if (ImGui::Button("Cancel (Esc)") || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}
const char* severities[] = {"warning", "minor", "major", "critical"};
} // namespace

std::string AlertsPanel::zone_name(const std::string& id) const {
    const Zone* z = zones_.find(id);
    return z ? z->name : id;
}

AlertCommand AlertsPanel::command(AlertOp op, const std::string& alert, const ConsoleState& s) {
    AlertCommand c;
    c.op = op;
    c.alert = alert;
    c.by = s.position;
    return c;
}

void AlertsPanel::send(const AlertCommand& c) { send(c, std::string(op_name(c.op)) + " " + c.alert); }

void AlertsPanel::send(const AlertCommand& c, const std::string& what) {
    ticket_ = link_.send_command(command_json(c));
    sent_ = what;
    sent_op_ = op_name(c.op);
    ++commands_sent_;
    group_tickets_.clear();
    local_note_.clear();
}

std::string AlertsPanel::feedback() const {
    if (!local_note_.empty()) return local_note_;
    auto answer = ticket_ ? link_.answer_to(ticket_) : std::nullopt;
    if (!answer) return {};
    if (group_tickets_.size() > 1) {
        // One line for the zone's commands: how many were carried out, how many refused and why.
        int done = 0, refused = 0;
        std::string why;
        for (auto t : group_tickets_)
            if (auto a = link_.answer_to(t)) {
                if (a->ok) ++done;
                else ++refused, why = answer_text(sent_op_, false, a->text);
            }
        return sent_ + ": " + std::to_string(done) + " done" + (refused ? ", " + std::to_string(refused) + " refused (" + why + ")" : "");
    }
    return sent_ + ": " + answer_text(sent_op_, answer->ok, answer->text);
}

void AlertsPanel::acknowledge_zone(const AlertView& a, const ConsoleState& s) {
    auto ids = raised_in_same_zone(visible_, a);
    if (ids.empty()) return;
    std::vector<std::uint64_t> tickets;
    for (const auto& id : ids) {
        send(command(AlertOp::acknowledge, id, s));
        tickets.push_back(ticket_);
    }
    group_tickets_ = std::move(tickets);
    sent_ = "acknowledge " + std::to_string(ids.size()) + (ids.size() == 1 ? " alert in " : " alerts in ") +
            (a.zone.empty() ? station_name(a.station) : zone_name(a.zone));
}

void AlertsPanel::toggle_aside(const AlertView& a) {
    const auto now = std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
    if (set_aside_.until(a.id)) {
        set_aside_.take_back(a.id);
        local_note_ = a.id + " back in the queue";
    } else if (a.open()) {
        set_aside_.put(a, now + SetAside::default_for);
        local_note_ = a.id + " set aside on this console until " + stockholm_clock_text(now + SetAside::default_for).substr(0, 5) +
                      ", or until it gets worse";
    } else {
        return;
    }
    spdlog::info("{}", local_note_);
    rows_stale_ = true;
}

void AlertsPanel::draw(const Picture& p, ConsoleState& s) {
    ImGui::Begin("Alerts");
    filters(p, s);
    if (p.build != queue_build_ || !(s.alert_filter == queue_filter_) || p.build == 0) {
        queue_ = alert_queue(p.alerts, s.alert_filter);
        queue_build_ = p.build;
        queue_filter_ = s.alert_filter;
        rows_stale_ = true;
    }
    const auto& queue = queue_;
    if (!picked_first_ && s.selected_alert.empty() && !queue.empty()) {
        // The queue opens on its most urgent alert, with its zone shown beside it.
        picked_first_ = true;
        s.selected_alert = queue.front()->id;
        if (!queue.front()->zone.empty()) {
            s.selected_zone = queue.front()->zone;
            s.centre_on_selection = true;
        }
    }
    const AlertView* selected = nullptr;
    for (const auto& a : p.alerts)
        if (a->id == s.selected_alert) selected = a.get();

    // Below the queue: the buttons, the selected alert's order (two lines) and the answer line.
    float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() * 3.3f;
    ImGui::BeginChild("queue", ImVec2(0, -footer));
    table(p, s);
    ImGui::EndChild();
    actions(selected, p, s);
    keys(visible_, selected, p, s); // global shortcuts; keys() steps aside while text is typed or a dialog is open
    ImGui::End();
}

// Hovering a row shows what happened to the alert so far, step by step.
void AlertsPanel::steps_tooltip(const AlertView& a) {
    ImGui::BeginTooltip();
    ImGui::Text("%s  %s", a.id.c_str(), alert_label(a).c_str());
    ImGui::Separator();
    for (const auto& line : history_lines(a)) ImGui::TextUnformatted(line.c_str());
    ImGui::EndTooltip();
}

void AlertsPanel::filters(const Picture& p, ConsoleState& s) {
    auto& f = s.alert_filter;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    if (ImGui::BeginCombo("##station", f.station.empty() ? "Both stations" : station_name(f.station).c_str())) {
        if (ImGui::Selectable("Both stations", f.station.empty())) f.station.clear();
        for (const auto& st : p.stations)
            if (ImGui::Selectable(station_name(st.id).c_str(), f.station == st.id)) f.station = st.id;
        ImGui::EndCombo();
    }
    // A filter that no longer fits on the line goes to the next: a narrow window cuts none off.
    auto next = [](float width) {
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    };
    next(ImGui::GetFontSize() * 8);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::BeginCombo("##severity", (std::string(severities[f.min_severity]) + " and up").c_str())) {
        for (int i = 0; i < 4; ++i)
            if (ImGui::Selectable((std::string(severities[i]) + " and up").c_str(), f.min_severity == i)) f.min_severity = i;
        ImGui::EndCombo();
    }
    next(ImGui::GetFontSize() * 8);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::BeginCombo("##state", f.state.c_str())) {
        for (const auto& st : state_choices())
            if (ImGui::Selectable(st.c_str(), f.state == st)) f.state = st;
        ImGui::EndCombo();
    }
    const std::string count = std::to_string(open_alert_total(p)) + " open";
    next(ImGui::CalcTextSize(count.c_str()).x);
    ImGui::TextDisabled("%s", count.c_str());
}

void AlertsPanel::rebuild_rows(const ConsoleState& s, TimePoint now) {
    rows_.clear();
    visible_.clear();
    groups_.clear();
    SplitQueue split = set_aside_.size() ? split_aside(queue_, set_aside_, now) : SplitQueue{queue_, {}};
    if (s.queue_by_zone) {
        groups_ = group_by_zone(split.shown);
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            rows_.push_back(Row{nullptr, static_cast<int>(g), false, false});
            for (const auto* a : groups_[g].alerts) {
                rows_.push_back(Row{a, -1, false, false});
                visible_.push_back(a);
            }
        }
    } else {
        rows_.reserve(split.shown.size() + split.aside.size() + 1);
        for (const auto* a : split.shown) rows_.push_back(Row{a, -1, false, false});
        visible_ = split.shown;
    }
    if (!split.aside.empty()) {
        rows_.push_back(Row{nullptr, -1, true, false});
        for (const auto* a : split.aside) {
            rows_.push_back(Row{a, -1, false, true});
            visible_.push_back(a);
        }
    }
}

void AlertsPanel::table(const Picture& p, ConsoleState& s) {
    // Columns keep their widths and the table scrolls sideways in a narrow window: a column is
    // never squeezed until its text is cut off.
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_ScrollX | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("alerts", 7, flags)) return;
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(1, 1); // the severity column and the headers stay in view when scrolled
    ImGui::TableSetupColumn("Severity", ImGuiTableColumnFlags_WidthFixed, 5.5f * em);
    ImGui::TableSetupColumn("Raised", ImGuiTableColumnFlags_WidthFixed, 6.5f * em);
    ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthFixed, 7.5f * em);
    ImGui::TableSetupColumn("Where", ImGuiTableColumnFlags_WidthFixed, 9.0f * em);
    // The alert's state, or its order's state in colour with the team.
    ImGui::TableSetupColumn("State / team", ImGuiTableColumnFlags_WidthFixed, 10.0f * em);
    ImGui::TableSetupColumn("Station", ImGuiTableColumnFlags_WidthFixed, 6.5f * em);
    ImGui::TableSetupColumn("Summary", ImGuiTableColumnFlags_WidthFixed, 22.0f * em);
    ImGui::TableHeadersRow();
    const auto now = std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
    // Lit one second, dark the next, on the wall clock (frame_pacing.hpp): the frame loop wakes then anyway.
    const bool flash_on = hold_flash_ || flash_lit(now);
    // Rows are laid out again when the queue, the grouping or what is set aside changes.
    if (rows_stale_ || rows_by_zone_ != s.queue_by_zone || set_aside_.due(now)) {
        rebuild_rows(s, now);
        rows_by_zone_ = s.queue_by_zone;
        rows_stale_ = false;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Row& row = rows_[static_cast<std::size_t>(i)];
            if (row.group >= 0) group_row(groups_[static_cast<std::size_t>(row.group)]);
            else if (row.aside_header) aside_row(set_aside_.size());
            else alert_row(*row.alert, p, s, flash_on, row.aside);
        }
    }
    ImGui::EndTable();
}

// A zone's header in the grouped queue: how many, how many still raised, where.
void AlertsPanel::group_row(const AlertGroup& g) {
    ImGui::TableNextRow();
    ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(45, 50, 58, 255));
    ImGui::TableNextColumn();
    ImGui::TextColored(to_vec4(severity_colour(g.worst)), "%zu alert%s", g.alerts.size(), g.alerts.size() == 1 ? "" : "s");
    ImGui::TableNextColumn();
    if (g.raised) ImGui::Text("%d raised", g.raised);
    ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(g.zone.empty() ? "equipment" : zone_name(g.zone).c_str());
    ImGui::TableNextColumn();
    if (g.raised > 1) ImGui::TextDisabled("Shift+A: all %d", g.raised);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(station_name(g.station).c_str());
}

void AlertsPanel::aside_row(std::size_t n) {
    ImGui::TableNextRow();
    ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(45, 50, 58, 255));
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Set aside");
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%zu on this console", n);
    ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("back when the time is up");
    ImGui::TableNextColumn();
    ImGui::TextDisabled("or the alert gets worse; P takes one back");
}

void AlertsPanel::alert_row(const AlertView& a, const Picture& p, ConsoleState& s, bool flash_on, bool aside) {
    if (aside) flash_on = false; // set aside: it waits quietly
    ImGui::PushID(a.id.c_str());
    ImGui::TableNextRow();
    auto colour = severity_colour(a.severity_rank);
    if (needs_attention(a) && flash_on) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, to_imgui(colour, lit_row_opacity));
    ImGui::TableNextColumn();
    bool selected = a.id == s.selected_alert;
    // A selected row that calls for attention keeps its alarm colour: selecting it is
    // not acknowledging it.
    bool lit = needs_attention(a) && flash_on;
    if (lit) ImGui::PushStyleColor(ImGuiCol_Header, to_vec4(Rgba{colour.r, colour.g, colour.b, 0.55f}));
    if (ImGui::Selectable(("##" + a.id).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
        s.selected_alert = a.id;
        if (!a.zone.empty()) s.selected_zone = a.zone;
    }
    bool row_hovered = ImGui::IsItemHovered();
    bool badge_tip = false;
    if (lit) ImGui::PopStyleColor();
    if (selected && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
    if (selected) {
        // The selected row is marked apart from any colour: a white bar and an arrow,
        // so it can be told from a flashing row whichever phase the flash is in.
        ImVec2 row_min = ImGui::GetItemRectMin(), row_max = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddRectFilled(row_min, ImVec2(row_min.x + 4, row_max.y), IM_COL32(255, 255, 255, 255));
    }
    ImGui::SameLine(0, selected ? 6 : 0);
    // On a lit row the severity is written in white or black, whichever stands out on it.
    const ImVec4 severity_text = !a.open() ? ImVec4(0.55f, 0.55f, 0.55f, 1)
                                 : lit    ? to_vec4(text_colour_on(over(colour, lit_row_opacity, panel_background)))
                                          : to_vec4(colour);
    ImGui::TextColored(severity_text, selected ? "> %s" : "%s", a.severity.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(raised_text(a.raised_at).c_str());
    ImGui::TableNextColumn();
    if (is_dispatch_back(a) && a.open())
        ImGui::TextColored(to_vec4(dispatch_back_colour()), "%s", alert_label(a).c_str());
    else
        ImGui::TextUnformatted(alert_label(a).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(a.zone.empty() ? a.subject.c_str() : zone_name(a.zone).c_str());
    ImGui::TableNextColumn();
    if (aside) {
        auto until = set_aside_.until(a.id);
        ImGui::TextDisabled("aside until %s", until ? stockholm_clock_text(*until).substr(0, 5).c_str() : "?");
    } else if (const DispatchView* d = dispatch_of(p, a.id)) {
        auto look = dispatch_look(*d);
        draw_badge(look.word.c_str(), look.colour);
        ImGui::SameLine();
        ImGui::TextUnformatted(d->team.c_str());
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%s: %s\n%s", d->id.c_str(), look.line.c_str(), response_text(*d).c_str());
            badge_tip = true;
        }
    } else if (!a.assigned_to.empty()) {
        ImGui::Text("%s %s", a.state.c_str(), a.assigned_to.c_str());
    } else {
        ImGui::TextUnformatted(a.state.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(station_name(a.station).c_str());
    ImGui::TableNextColumn();
    if (a.signals > 1)
        ImGui::Text("%s (%d reports)", a.summary.c_str(), a.signals);
    else
        ImGui::TextUnformatted(a.summary.c_str());
    // Stale: the zone has been reported empty since. The alert may be over; someone should look.
    if (auto why = empty_since_text(a, p.zones); !why.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.55f, 0.75f, 0.95f, 1), "[stale: %s]", why.c_str());
    }
    if (row_hovered && !badge_tip) steps_tooltip(a);
    ImGui::PopID();
}

void AlertsPanel::actions(const AlertView* a, const Picture& p, ConsoleState& s) {
    bool can = a && a->open() && p.link == LinkState::live;
    ImGui::BeginDisabled(!can || a->state != "raised");
    if (ImGui::Button("Acknowledge (A)") && a) send(command(AlertOp::acknowledge, a->id, s));
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!can);
    if (ImGui::Button("Assign (T)")) open_assign_ = true;
    ImGui::SameLine();
    ImGui::EndDisabled();
    ImGui::BeginDisabled(!can || !dispatch_target(p, *a));
    if (ImGui::Button("Dispatch (D)")) open_dispatch_ = true;
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!can);
    if (ImGui::Button("Resolve (R)")) open_resolve_ = true;
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!a || p.link != LinkState::live);
    if (ImGui::Button("Note (N)")) open_note_ = true;
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!a || a->zone.empty());
    if (ImGui::Button("On map (C)") && a) {
        s.selected_zone = a->zone;
        s.centre_on_selection = true;
    }
    ImGui::EndDisabled();

    if (a) dispatch_line(*a, p);
    else ImGui::NewLine(), ImGui::NewLine();

    auto answer = ticket_ ? link_.answer_to(ticket_) : std::nullopt;
    if (!local_note_.empty()) {
        ImGui::TextDisabled("%s", local_note_.c_str());
    } else if (answer) {
        if (answer->ok)
            ImGui::TextDisabled("%s", feedback().c_str());
        else
            ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1), "%s", feedback().c_str());
    } else {
        ImGui::TextDisabled("Acting as %s", s.position.c_str());
    }

    if (open_dispatch_) ImGui::OpenPopup("Dispatch a team"), open_dispatch_ = false;
    dispatch_dialog(a, p, s);
    if (open_assign_) ImGui::OpenPopup("Assign to a team"), open_assign_ = false;
    if (open_resolve_) ImGui::OpenPopup("Resolve"), open_resolve_ = false;
    if (open_note_) ImGui::OpenPopup("Note"), note_.fill(0), open_note_ = false;
    assign_dialog(a, p, s);
    resolve_dialog(a, p, s);
    note_dialog(a, s);
}

void AlertsPanel::assign_dialog(const AlertView* a, const Picture& p, ConsoleState& s) {
    if (ImGui::BeginPopupModal("Assign to a team", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        // The suggestion comes first: the nearest available team.
        auto teams = teams_for(p, zones_, a ? a->zone : std::string(), a ? a->id : std::string());
        if (ImGui::IsWindowAppearing()) team_ = 0;
        if (teams.empty()) ImGui::TextUnformatted("No outreach team on duty.");
        team_ = std::min(team_, std::max(0, static_cast<int>(teams.size()) - 1));
        for (int i = 0; i < static_cast<int>(teams.size()); ++i) {
            const auto& c = teams[static_cast<std::size_t>(i)];
            std::string status = c.team->status;
            std::replace(status.begin(), status.end(), '_', ' ');
            if (!c.available) status = c.why_not; // silent, on an order, or busy
            auto label = c.team->id + "  " + status + "  " + zone_name(c.team->zone) +
                         (c.metres >= 0 ? "  " + std::to_string(static_cast<int>(std::lround(c.metres))) + " m" : "") +
                         (i == 0 && c.available ? "  (suggested)" : "");
            if (ImGui::RadioButton(label.c_str(), team_ == i)) team_ = i;
        }
        if (ImGui::Button("Assign") && a && !teams.empty()) {
            auto c = command(AlertOp::assign, a->id, s);
            c.team = teams[static_cast<std::size_t>(team_)].team->id;
            send(c);
            ImGui::CloseCurrentPopup();
        }
        cancel_and_end_popup();
    }
}

void AlertsPanel::resolve_dialog(const AlertView* a, const Picture& p, ConsoleState& s) {
    if (ImGui::BeginPopupModal("Resolve", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        // A team on the alert is named first: resolving must not silently undo its work.
        const std::string consequence = a ? resolve_consequence(p, *a) : std::string();
        if (!consequence.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
            ImGui::TextColored(to_vec4(dispatch_state_colour("on_scene")), "%s", consequence.c_str());
            ImGui::PopTextWrapPos();
            ImGui::Separator();
        }
        ImGui::TextUnformatted("How did it end?");
        std::vector<int> shown;
        for (int i = 0; i < static_cast<int>(alert_outcomes.size()); ++i)
            if (alert_outcomes[static_cast<std::size_t>(i)] != "cleared") shown.push_back(i); // "cleared" is the hub's own
        if (std::find(shown.begin(), shown.end(), outcome_) == shown.end()) outcome_ = shown.front();
        for (int i : shown) {
            std::string o(alert_outcomes[static_cast<std::size_t>(i)]);
            std::replace(o.begin(), o.end(), '_', ' ');
            if (ImGui::RadioButton(o.c_str(), outcome_ == i)) outcome_ = i;
        }
        const bool typing = ImGui::GetIO().WantTextInput;
        if (!typing) {
            auto at = std::find(shown.begin(), shown.end(), outcome_) - shown.begin();
            if (ImGui::IsKeyPressed(GLFW_KEY_DOWN)) outcome_ = shown[static_cast<std::size_t>(std::min<long>(at + 1, static_cast<long>(shown.size()) - 1))];
            if (ImGui::IsKeyPressed(GLFW_KEY_UP)) outcome_ = shown[static_cast<std::size_t>(std::max<long>(at - 1, 0))];
        }
        bool enter = ImGui::InputText("Note (no names)", note_.data(), note_.size(), ImGuiInputTextFlags_EnterReturnsTrue);
        enter = enter || (!typing && (ImGui::IsKeyPressed(GLFW_KEY_ENTER, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_ENTER, false)));
        if ((ImGui::Button(consequence.empty() ? "Resolve (Enter)" : "Resolve anyway (Enter)") || enter) && a) {
            auto c = command(AlertOp::resolve, a->id, s);
            c.outcome = alert_outcomes[static_cast<std::size_t>(outcome_)];
            c.note = note_.data();
            send(c);
            ImGui::CloseCurrentPopup();
        }
        cancel_and_end_popup();
    }
}

void AlertsPanel::note_dialog(const AlertView* a, ConsoleState& s) {
    if (ImGui::BeginPopupModal("Note", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("A note on the alert. No names, no identity or phone numbers.");
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        bool enter = ImGui::InputText("##note", note_.data(), note_.size(), ImGuiInputTextFlags_EnterReturnsTrue);
        if ((ImGui::Button("Add") || enter) && a && note_[0]) {
            auto c = command(AlertOp::note, a->id, s);
            c.note = note_.data();
            send(c);
            ImGui::CloseCurrentPopup();
        }
        cancel_and_end_popup();
    }
}

void AlertsPanel::keys(const std::vector<const AlertView*>& queue, const AlertView* a, const Picture& p, ConsoleState& s) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    // The map follows the selection: the alert's zone, on its station's tab and level.
    auto select = [&](const std::string& id) {
        s.selected_alert = id;
        for (const auto* q : queue)
            if (q->id == id && !q->zone.empty()) {
                s.selected_zone = q->zone;
                s.centre_on_selection = true;
            }
    };
    if (ImGui::IsKeyPressed(GLFW_KEY_DOWN)) select(neighbour(queue, s.selected_alert, +1));
    if (ImGui::IsKeyPressed(GLFW_KEY_UP)) select(neighbour(queue, s.selected_alert, -1));
    if (ImGui::IsKeyPressed(GLFW_KEY_Z, false)) s.queue_by_zone = !s.queue_by_zone;
    if (!a) return;
    if (ImGui::IsKeyPressed(GLFW_KEY_A, false) && io.KeyShift && p.link == LinkState::live) acknowledge_zone(*a, s);
    else if (ImGui::IsKeyPressed(GLFW_KEY_A, false) && a->open() && a->state == "raised") send(command(AlertOp::acknowledge, a->id, s));
    if (ImGui::IsKeyPressed(GLFW_KEY_P, false)) toggle_aside(*a);
    if (ImGui::IsKeyPressed(GLFW_KEY_T, false) && a->open()) open_assign_ = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_D, false) && p.link == LinkState::live && dispatch_target(p, *a)) open_dispatch_ = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_R, false) && a->open()) open_resolve_ = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_N, false)) open_note_ = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_C, false) && !a->zone.empty()) {
        s.selected_zone = a->zone;
        s.centre_on_selection = true;
    }
}

// Two lines under the buttons: the selected alert's order and its state, how long since it
// was sent, and the response chain so far.
void AlertsPanel::dispatch_line(const AlertView& a, const Picture& p) {
    const DispatchView* d = dispatch_of(p, a.id);
    if (!d && is_dispatch_back(a))
        for (const auto& o : p.dispatches)
            if (o.id == a.subject) d = &o;
    if (!d) {
        if (auto t = dispatch_target(p, a); t && is_dispatch_back(a))
            ImGui::TextColored(to_vec4(dispatch_back_colour()), "Back from the team: D dispatches %s again", t->alert.c_str());
        else
            ImGui::TextDisabled("No team dispatched");
        ImGui::NewLine();
        return;
    }
    auto look = dispatch_look(*d);
    auto now = std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
    draw_badge(look.word.c_str(), look.colour);
    ImGui::SameLine();
    ImGui::Text("%s for %s: %s; %s %s", d->id.c_str(), d->alert.c_str(), look.line.c_str(), since_sent_text(*d, now).c_str(),
                d->active() ? "since sent" : "from sent to its end");
    ImGui::TextDisabled("%s", response_text(*d).c_str());
}

// D: the suggested team first (nearest free team), the others free to go below it; Up/Down
// choose, Enter sends, Esc cancels. From an alert that came back, the order goes to the
// alert it was for.
void AlertsPanel::dispatch_dialog(const AlertView* a, const Picture& p, const ConsoleState& s) {
    if (!ImGui::BeginPopupModal("Dispatch a team", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    auto target = a ? dispatch_target(p, *a) : std::nullopt;
    if (!target) {
        ImGui::TextUnformatted("This alert cannot take a team any more.");
        if (ImGui::Button("Close") || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    // The offer is taken once, when the dialog opens, and the choice stays what the operator
    // sees: a team that moves up or down the list meanwhile changes nothing, and one that is
    // no longer free is shown as such and cannot be sent.
    auto now = teams_for(p, zones_, target->zone, target->alert, target->avoid_team);
    if (ImGui::IsWindowAppearing()) {
        dispatch_offer_ = make_offer(now, target->avoid_team);
        dispatch_team_ = dispatch_offer_.teams.empty() ? std::string() : dispatch_offer_.teams.front();
    }
    auto teams = offer_now(dispatch_offer_, now);
    int chosen = -1;
    for (int i = 0; i < static_cast<int>(teams.size()); ++i)
        if (teams[static_cast<std::size_t>(i)].team == dispatch_team_) chosen = i;
    ImGui::Text("Send an outreach team to %s for %s", zone_name(target->zone).c_str(), target->alert.c_str());
    if (!target->avoid_team.empty())
        ImGui::TextColored(to_vec4(dispatch_back_colour()), "%s did not take the order: it is offered last", target->avoid_team.c_str());
    if (teams.empty())
        ImGui::TextUnformatted("No team is free: every team on duty is busy, on an order, or silent.");
    for (int i = 0; i < static_cast<int>(teams.size()); ++i) {
        const auto& c = teams[static_cast<std::size_t>(i)];
        auto label = c.team + "  " + zone_name(c.zone) +
                     (c.metres >= 0 ? "  " + std::to_string(static_cast<int>(std::lround(c.metres))) + " m" : "") +
                     (c.suggested ? "  (suggested)" : "") + (c.free ? "" : "  no longer free: " + c.why_not);
        if (ImGui::RadioButton(label.c_str(), chosen == i)) chosen = i;
    }
    if (!teams.empty()) {
        if (ImGui::IsKeyPressed(GLFW_KEY_DOWN)) chosen = std::min(chosen + 1, static_cast<int>(teams.size()) - 1);
        if (ImGui::IsKeyPressed(GLFW_KEY_UP)) chosen = std::max(chosen - 1, 0);
        if (chosen >= 0) dispatch_team_ = teams[static_cast<std::size_t>(chosen)].team;
    }
    const bool sendable = chosen >= 0 && teams[static_cast<std::size_t>(chosen)].free;
    if (chosen >= 0 && !sendable)
        ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1), "%s is no longer free (%s): choose another team, or Esc",
                           dispatch_team_.c_str(), teams[static_cast<std::size_t>(chosen)].why_not.c_str());
    bool enter = ImGui::IsKeyPressed(GLFW_KEY_ENTER, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_ENTER, false);
    ImGui::BeginDisabled(!sendable);
    if ((ImGui::Button("Send (Enter)") || enter) && sendable) {
        auto c = command(AlertOp::dispatch, target->alert, s);
        c.team = dispatch_team_;
        send(c, "dispatch " + target->alert + " to " + dispatch_team_);
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel (Esc)") || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

} // namespace platslage::console
