#include "help_window.hpp"

#include "dispatch_view.hpp"
#include "ui_colour.hpp"

#include <imgui.h>

#include <algorithm>

namespace platslage::console {

namespace {
// A bullet whose text wraps at the window's edge: nothing is cut off, however narrow.
void item(const char* text) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", text);
}

// The keys of the alert queue, and what an order's state means.
void alerts_and_dispatch() {
    ImGui::TextUnformatted("Alerts (the selected row)");
    item("Up / Down: previous and next alert in the queue; the map follows it to its station and level");
    item("A: acknowledge; T: assign to an outreach team; N: add a note (no names); C: show its zone on the map");
    item("D: dispatch a team: an order to the team's handheld. The nearest free team is chosen; Up / Down pick "
         "another, Enter sends, Esc cancels");
    item("R: resolve with an outcome (Up / Down choose, Enter resolves). If a team has the alert's order, the dialog "
         "says first what resolving does: a team on its way is told it need not go; a team on scene keeps its order, "
         "and its outcome is added to the alert");
    item("A flashing row is a critical alert nobody has acknowledged yet; its severity is written in white or black, "
         "whichever reads on it");
    item("The selected row has a white bar at its left edge and > before its severity, whether it flashes or not");
    item("Raised: the Stockholm clock time and how long ago; Station: where it is");
    item("Hover a row: the alert's steps, who took each and when");
    item("W: who did what: every command about the selected alert from any console, done or refused, with its "
         "position, role and key");
    ImGui::Separator();
    ImGui::TextUnformatted("Dispatch: an order's state (State / team column, zone, teams table)");
    struct Meaning {
        const char* state;
        const char* means;
    };
    for (const auto& [state, means] : {Meaning{"sent", "the order is with the team, waiting for its answer"},
                                       Meaning{"accepted", "the team answered and is on its way"},
                                       Meaning{"on_scene", "the team is there"},
                                       Meaning{"completed", "the team reported how it went (the outcome)"},
                                       Meaning{"declined", "the team cannot go: the order came back"},
                                       Meaning{"unanswered", "no answer in time: the order came back"},
                                       Meaning{"withdrawn", "sent to another team, or the alert was closed before the team was there"}}) {
        draw_badge(dispatch_state_words(state).c_str(), dispatch_state_colour(state));
        ImGui::SameLine();
        ImGui::TextWrapped("%s", means);
    }
    ImGui::TextColored(to_vec4(dispatch_back_colour()), "Team did not answer / Team declined:");
    ImGui::SameLine();
    ImGui::TextWrapped("an alert of its own; D on it dispatches the alert the order was for");
    item("The line under the buttons: the selected alert's order, time since sent, and its response times: raised, "
         "acknowledged, dispatched, accepted, on scene, completed, each after the step before");
    item("Teams never suggested: silent (not heard from lately), off duty, or already on an order");
}

// Meetings, the map, its colours, the stations table and the connection bar.
void meetings_map_and_tables() {
    ImGui::TextUnformatted("Meetings (M opens and closes the window)");
    item("The joint deployment meetings: next start in Stockholm time, repeat, organisations; the selected one's "
         "open action items (overdue in red) and latest decisions");
    item("G: the selected meeting's agenda; E: export it as agenda-<meeting>-<date>.md");
    item("Record a decision, add an action item with its owner and due date (also before the first meeting), close "
         "an action item; plan a meeting (no names in any text). A refused text stays in its field to be corrected");
    item("Cancel meeting... ends a plan after asking once more; its notes stay");
    ImGui::Separator();
    ImGui::TextUnformatted("The shift (L: shift log, I: a tip)");
    item("L: the shift log: the handover from the previous shift, this shift's notes (Enter adds one; about the "
         "selected alert or zone if ticked), and the handover to the next shift: write what was promised, the hub adds "
         "what is open");
    item("Each handover is shown once by itself when the console starts or when it is written; Enter: read");
    item("I: a tip from a member of the public, a relative, the police or a district office: who told (the kind only), "
         "where, how long ago, how many, what; Ctrl+Enter enters it. It counts as a report and raises the same alerts");
    ImGui::Separator();
    ImGui::TextUnformatted("Statistics (S opens and closes the window)");
    item("The partnership's follow-up tables, counted by the hub from its log: pick the months, a station, a zone, "
         "by month or by week");
    item("Left / Right (in the window): previous and next table, most with a bar chart below");
    item("<3: fewer than three people, hidden so no one can be singled out; .. : a share or time drawn from so few, "
         "or nothing to compute it from");
    item("E (in the window): export all its tables as CSV files, as platslage-report does");
    ImGui::Separator();
    ImGui::TextUnformatted("Map");
    item("O: both stations at a glance, every level side by side with its hotspots and alert rings; click a level to "
         "open it, O goes back");
    item("The station tabs and level buttons count their open alerts");
    item("1 / 0 / minus: upper, street and lower level; Tab: next station; H: colour by hotspot or by occupancy");
    item("F: fit the map; mouse wheel zooms, drag pans; Esc: clear the selected zone");
    item("Ctrl+R: reconnect (fresh snapshot from the hub); F1: this window; Ctrl+Q: quit");
    ImGui::Separator();
    ImGui::TextUnformatted("Zone colours, by hotspot (H switches): where help is needed now");
    item("grey 0, amber 30, orange 60, deep red 100; hover a zone for the reasons");
    item("a ring in an alert's colour, on a black or white halo so it shows on any fill: the zone has an open alert");
    ImGui::TextUnformatted("Zone colours, by occupancy: people now against the zone's capacity");
    item("green: calm, under 60 %; amber: busy; red: at or over capacity");
    item("grey: no people counter for this zone; dimmed: the counter is silent or its clock is wrong, the last count is shown but may be old");
    item("blue dot left of the zone's name: the last guard report here was about people");
    ImGui::Separator();
    ImGui::TextUnformatted("Stations table");
    item("People: people counted now; Counted: zones whose counter reports; Silent: counters that stopped reporting; "
         "Guards: handhelds on shift");
    item("Teams: outreach teams on site; Heard: since a team's last status; Order: the order a team is on");
    draw_badge("silent", silent_team_colour());
    ImGui::SameLine();
    ImGui::TextUnformatted("a team not heard from lately");
    ImGui::Separator();
    ImGui::TextUnformatted("Connection (top bar)");
    item("LIVE: in step with the hub");
    item("STALE: an update was missed, the hub restarted or went quiet; the picture may be old and the console is "
         "resyncing by itself");
    item("DISCONNECTED: the hub does not answer");
    item("A red banner across the top, the rest greyed: the hub has not answered for a while. It says what time the "
         "picture is from; the console reconnects by itself");
}
} // namespace

void HelpWindow::draw(const Picture&, ConsoleState& s) {
    bool& open = s.show_help;
    if (!open) return;
    // Sized to the screen and scrolling: nothing is cut off on a small one.
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSize(ImVec2(std::min(760.0f, display.x * 0.9f), display.y * 0.85f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.05f, display.y * 0.07f), ImGuiCond_FirstUseEver);
    ImGui::Begin("Help and legend (F1)", &open);
    alerts_and_dispatch();
    ImGui::Separator();
    meetings_map_and_tables();
    ImGui::End();
}

} // namespace platslage::console
