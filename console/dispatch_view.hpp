#pragma once
// Outreach dispatch as the console shows it, decided without a window: which order an
// alert has, how the order's state reads and in what colour, the response times, which
// alert a "team did not answer" alert is about, and the hub's answer in plain words.
#include "clock.hpp"
#include "picture.hpp"
#include "view_logic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace platslage::console {

// The newest order for an alert (the one that counts now), or nullptr.
const DispatchView* dispatch_of(const Picture& p, const std::string& alert);
// The order a team is busy with (sent, accepted, on scene or unanswered), or nullptr.
const DispatchView* active_dispatch_of_team(const Picture& p, const std::string& team);

// An order that went unanswered or was declined comes back as an alert of its own
// (rule dispatch_unanswered, its subject the order's id).
bool is_dispatch_back(const AlertView& a);

// Where a dispatch from the selected alert goes: the alert itself, or, from an alert that
// came back, the alert the order was for (in the same zone), preferably to another team
// than the one that did not answer. None when no team can be sent: a closed alert, one
// without a zone (equipment), or one whose original alert is closed or unknown.
struct DispatchTarget {
    std::string alert;
    std::string zone;
    std::string avoid_team; // the team that did not answer or declined; offered last
};
std::optional<DispatchTarget> dispatch_target(const Picture& p, const AlertView& a);

// What resolving the alert does to the team on it, said in the Resolve dialog before the
// operator confirms; empty when no team has an order for it. A team on scene keeps its order
// (the hub adds what it records to the alert); one still on its way is told to stop.
std::string resolve_consequence(const Picture& p, const AlertView& a);

// The queue's "What" column: "Team did not answer", "Team declined", or the rule's title.
std::string alert_label(const AlertView& a);
// The colour of an alert that came back from a team: violet, apart from the severities.
Rgba dispatch_back_colour();

// A team the hub marks silent (not heard from lately): greyed, with this mark.
Rgba silent_team_colour();

// The states of an order, in the order of the legend.
const std::vector<std::string>& dispatch_states();
Rgba dispatch_state_colour(const std::string& state);
// "on_scene" → "on scene"; the words the console uses for each state.
std::string dispatch_state_words(const std::string& state);

struct DispatchLook {
    std::string word; // the state in words: "sent", "on scene", "unanswered", …
    std::string line; // "sent to team-1, …", "team-1 on scene", "completed by team-1: referred (capio)"
    Rgba colour;
};
DispatchLook dispatch_look(const DispatchView& d);

// The response chain of an order, from the alert being raised to the team finishing: each
// step that happened, with the time since the step before and since the alert was raised.
struct ResponseStep {
    std::string what; // raised, acknowledged, dispatched, accepted, no answer, on scene, completed, declined, withdrawn
    long long after_previous_s = 0;
    long long after_raised_s = 0;
};
std::vector<ResponseStep> response_steps(const DispatchView& d);
// "raised → acknowledged 2 min → dispatched 1 min → accepted 40 s → on scene 6 min → completed 12 min"
std::string response_text(const DispatchView& d);
// How long since the order was sent, "4 min"; for a finished order, how long it ran.
std::string since_sent_text(const DispatchView& d, TimePoint now);

// Refusal reasons as people say them: team_busy → "team busy", unknown_team → "unknown team".
std::string refusal_words(const std::string& reason);
// The hub's answer to a command for the feedback line: "sent" (dispatch) or "done" when it
// was carried out, else the refusal in words with the hub's detail.
std::string answer_text(const std::string& op, bool ok, const std::string& text);

// The outreach teams in a zone, as the Teams table has them (each team's last reported zone,
// off duty left out) and as the fused picture saw them arrive: "team-01 (available),
// team-02 (on scene)", or "none here". One answer for the Zone panel and the Teams table.
std::string outreach_here(const Picture& p, const ZoneView& z);

} // namespace platslage::console
