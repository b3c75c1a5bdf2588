#include "help_window.hpp"

#include "dispatch_view.hpp"
#include "ui_colour.hpp"

#include <imgui.h>

namespace platslage::console {

namespace {
// The keys of the alert queue, and what an order's state means.
void alerts_and_dispatch() {
    ImGui::TextUnformatted("Alerts (the selected row)");
    ImGui::BulletText("Up / Down: previous and next alert in the queue");
    ImGui::BulletText("A: acknowledge; T: assign to an outreach team; R: resolve with an outcome");
    ImGui::BulletText("D: dispatch a team: an order to the team's handheld. The nearest free");
    ImGui::TextUnformatted("     team is chosen; Up / Down pick another, Enter sends, Esc cancels");
    ImGui::BulletText("N: add a note (no names); C: show its zone on the map");
    ImGui::BulletText("A flashing row is a critical alert nobody has acknowledged yet");
    ImGui::BulletText("Hover a row: the alert's steps, who took each and when");
    ImGui::BulletText("W: who did what: every command about the selected alert from any");
    ImGui::TextUnformatted("     console, done or refused, with its position, role and key");
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
                                       Meaning{"withdrawn", "sent to another team, or the alert was closed"}}) {
        draw_badge(dispatch_state_words(state).c_str(), dispatch_state_colour(state));
        ImGui::SameLine();
        ImGui::TextUnformatted(means);
    }
    ImGui::TextColored(to_vec4(dispatch_back_colour()), "Team did not answer / Team declined:");
    ImGui::TextUnformatted("     an alert of its own; D on it dispatches the alert the order was for");
    ImGui::BulletText("The line under the buttons: the selected alert's order, time since sent,");
    ImGui::TextUnformatted("     and its response times: raised, acknowledged, dispatched, accepted,");
    ImGui::TextUnformatted("     on scene, completed, each after the step before");
    ImGui::BulletText("Teams never suggested: silent (not heard from lately), off duty,");
    ImGui::TextUnformatted("     or already on an order");
}

// Meetings, the map, its colours, the stations table and the connection bar.
void meetings_map_and_tables() {
    ImGui::TextUnformatted("Meetings (M opens and closes the window)");
    ImGui::BulletText("The joint deployment meetings: next start in Stockholm time, repeat,");
    ImGui::TextUnformatted("     organisations; the selected one's open action items (overdue in red)");
    ImGui::TextUnformatted("     and latest decisions");
    ImGui::BulletText("G: the selected meeting's agenda; E: export it as agenda-<meeting>-<date>.md");
    ImGui::BulletText("Record a decision, add an action item with its owner and due date,");
    ImGui::TextUnformatted("     close an action item; plan a meeting (no names in any text)");
    ImGui::BulletText("Cancel meeting... ends a plan after asking once more; its notes stay");
    ImGui::Separator();
    ImGui::TextUnformatted("Statistics (S opens and closes the window)");
    ImGui::BulletText("The partnership's follow-up tables, counted by the hub from its log:");
    ImGui::TextUnformatted("     pick the months, a station, a zone, by month or by week");
    ImGui::BulletText("Left / Right (in the window): previous and next table, most with a bar chart below");
    ImGui::BulletText("<3: fewer than three people, hidden so no one can be singled out;");
    ImGui::TextUnformatted("     .. : a share or time drawn from so few, or nothing to compute it from");
    ImGui::BulletText("E (in the window): export all its tables as CSV files, as platslage-report does");
    ImGui::Separator();
    ImGui::TextUnformatted("Map");
    ImGui::BulletText("1 / 0 / minus: upper, street and lower level");
    ImGui::BulletText("Tab: next station; H: colour by hotspot or by occupancy");
    ImGui::BulletText("F: fit the map; mouse wheel zooms, drag pans");
    ImGui::BulletText("Esc: clear the selected zone");
    ImGui::BulletText("Ctrl+R: reconnect (fresh snapshot from the hub)");
    ImGui::BulletText("F1: this window; Ctrl+Q: quit");
    ImGui::Separator();
    ImGui::TextUnformatted("Zone colours, by hotspot (H switches): where help is needed now");
    ImGui::BulletText("grey 0, amber 30, orange 60, deep red 100; hover a zone for the reasons");
    ImGui::BulletText("a ring in an alert's colour: the zone has an open alert");
    ImGui::TextUnformatted("Zone colours, by occupancy: people now against the zone's capacity");
    ImGui::BulletText("green: calm, under 60 %%; amber: busy; red: at or over capacity");
    ImGui::BulletText("grey: no people counter for this zone; dimmed: the counter is silent,");
    ImGui::TextUnformatted("     the last count is shown but may be old");
    ImGui::BulletText("blue dot: the last guard report here was about people");
    ImGui::Separator();
    ImGui::TextUnformatted("Stations table");
    ImGui::BulletText("People: people counted now; Counted: zones whose counter reports");
    ImGui::BulletText("Silent: counters that stopped reporting; Guards: handhelds on shift");
    ImGui::BulletText("Teams: outreach teams on site; Heard: since a team's last status");
    ImGui::BulletText("Order: the order a team is on;");
    ImGui::SameLine();
    draw_badge("silent", silent_team_colour());
    ImGui::SameLine();
    ImGui::TextUnformatted("a team not heard from lately");
    ImGui::Separator();
    ImGui::TextUnformatted("Connection (top bar)");
    ImGui::BulletText("LIVE: in step with the hub");
    ImGui::BulletText("STALE: an update was missed, the hub restarted or went quiet;");
    ImGui::TextUnformatted("     the picture may be old and the console is resyncing by itself");
    ImGui::BulletText("DISCONNECTED: the hub does not answer");
}
} // namespace

void HelpWindow::draw(const Picture&, ConsoleState& s) {
    bool& open = s.show_help;
    if (!open) return;
    ImGui::SetNextWindowSize(ImVec2(600, 0), ImGuiCond_FirstUseEver);
    ImGui::Begin("Help and legend (F1)", &open);
    alerts_and_dispatch();
    ImGui::Separator();
    meetings_map_and_tables();
    ImGui::End();
}

} // namespace platslage::console
