// Outreach dispatch in the console without a window: the orders and silent teams read from
// the hub's entries, which team is suggested, where a dispatch from an alert that came back
// goes, how an order's state and response times read, and the hub's answers in words.
#include "../core/fixtures.hpp"
#include "alert_command.hpp"
#include "alert_queue.hpp"
#include "dispatch_view.hpp"
#include "picture.hpp"
#include "team_suggestion.hpp"
#include "time_text.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <map>

using namespace platslage;
using namespace platslage::console;

namespace {
TeamView team(const char* id, const char* status, const char* zone, bool silent = false) {
    TeamView t;
    t.id = id;
    t.status = status;
    t.zone = zone;
    t.silent = silent;
    return t;
}

DispatchView order(const char* id, const char* alert, const char* team, const char* state) {
    DispatchView d;
    d.id = id;
    d.alert = alert;
    d.team = team;
    d.state = state;
    d.zone = "centralen.vantytor";
    d.raised_at = "2026-11-24T21:00:00.000Z";
    d.dispatched_at = "2026-11-24T21:03:00.000Z";
    d.answer_due = "2026-11-24T21:05:00.000Z";
    return d;
}

std::shared_ptr<const AlertView> alert(const char* id, const char* rule, const char* zone, const char* state = "raised",
                                       const char* subject = "", const char* summary = "") {
    AlertView a;
    a.id = id;
    a.rule = rule;
    a.zone = zone;
    a.state = state;
    a.subject = subject;
    a.summary = summary;
    a.station = "centralen";
    return std::make_shared<const AlertView>(a);
}

std::vector<std::string> ids(const std::vector<TeamChoice>& choices) {
    std::vector<std::string> out;
    for (const auto& c : choices) out.push_back(c.team->id);
    return out;
}

bool same(Rgba a, Rgba b) { return std::abs(a.r - b.r) < 1e-6f && std::abs(a.g - b.g) < 1e-6f && std::abs(a.b - b.b) < 1e-6f; }
} // namespace

TEST_SUITE("dispatch in the picture") {
    TEST_CASE("orders and silent teams are read from the hub's entries, orders in the order they were sent") {
        auto p = make_picture({
            {"team/team-1", R"({"id":"team-1","station":"centralen","status":"available","zone":"centralen.centralhallen",
                "members":2,"org":"capio","ts":"2026-11-24T21:00:00.000Z","last_seen":"2026-11-24T21:00:00.000Z","silent":true})"},
            {"team/team-2", R"({"id":"team-2","station":"centralen","status":"available","zone":"centralen.vantytor",
                "members":2,"org":"capio","ts":"2026-11-24T21:00:00.000Z","last_seen":"2026-11-24T21:00:00.000Z"})"},
            {"dispatch/D-000002", R"({"id":"D-000002","alert":"A-000001","team":"team-2","station":"centralen",
                "zone":"centralen.vantytor","by":"kc-1","severity":"critical","persons":1,"categories":["needs_care"],
                "summary":"1 needing care","state":"on_scene","raised_at":"2026-11-24T21:00:00.000Z","acknowledged_at":null,
                "dispatched_at":"2026-11-24T21:02:00.000Z","answer_due":"2026-11-24T21:04:00.000Z",
                "answered_at":"2026-11-24T21:02:30.000Z","on_scene_at":"2026-11-24T21:08:00.000Z","finished_at":null,
                "outcome":"","referred_to":"","gender":"","age_band":"","outcome_persons":0})"},
            {"dispatch/D-000001", R"({"id":"D-000001","alert":"A-000001","team":"team-1","state":"withdrawn",
                "dispatched_at":"2026-11-24T21:01:00.000Z","finished_at":"2026-11-24T21:02:00.000Z"})"},
        });
        REQUIRE(p.teams.size() == 2);
        CHECK(p.teams[0].silent);
        CHECK_FALSE(p.teams[1].silent); // a team key without the flag is not silent
        REQUIRE(p.dispatches.size() == 2);
        CHECK(p.dispatches[0].id == "D-000001");
        const auto& d = p.dispatches[1];
        CHECK(d.state == "on_scene");
        CHECK(d.acknowledged_at.empty()); // null: the step did not happen
        CHECK(d.on_scene_at == "2026-11-24T21:08:00.000Z");
        CHECK(d.active());
        CHECK_FALSE(p.dispatches[0].active());
        // The alert's order is the newest one; the team's, the one still running.
        REQUIRE(dispatch_of(p, "A-000001"));
        CHECK(dispatch_of(p, "A-000001")->id == "D-000002");
        CHECK(dispatch_of(p, "A-000099") == nullptr);
        CHECK(active_dispatch_of_team(p, "team-2")->id == "D-000002");
        CHECK(active_dispatch_of_team(p, "team-1") == nullptr); // withdrawn: free again
        CHECK(p.undecodable == 0);
    }
}

TEST_SUITE("team suggestion for dispatch") {
    TEST_CASE("the nearest free team is suggested: never a silent one, one off duty, or one already on an order") {
        const auto& maps = test::real_maps();
        Picture p;
        p.teams = {team("team-silent", "available", "centralen.vantytor", true),
                   team("team-ordered", "available", "centralen.vantytor"),
                   team("team-busy", "engaged", "centralen.vantytor"),
                   team("team-home", "off_duty", "centralen.vantytor"),
                   team("team-far", "available", "cityterminalen.flygbussar"),
                   team("team-near", "available", "centralen.centralhallen")};
        p.dispatches = {order("D-000001", "A-000002", "team-ordered", "accepted")};
        auto choices = teams_for(p, maps, "centralen.vantytor", "A-000001");
        REQUIRE(choices.size() == 5); // off duty is not offered at all
        CHECK(ids(choices)[0] == "team-near");
        CHECK(ids(choices)[1] == "team-far");
        REQUIRE(suggested(choices));
        CHECK(suggested(choices)->team->id == "team-near");
        // The rest, in the zone itself, but not free; each says why.
        std::map<std::string, std::string> why;
        for (const auto& c : choices)
            if (!c.available) why[c.team->id] = c.why_not;
        CHECK(why == std::map<std::string, std::string>{{"team-silent", "silent"}, {"team-ordered", "on D-000001"},
                                                        {"team-busy", "engaged"}});
        CHECK(ids(free_teams(choices)) == std::vector<std::string>{"team-near", "team-far"});
    }

    TEST_CASE("no free team: nothing is suggested") {
        const auto& maps = test::real_maps();
        Picture p;
        p.teams = {team("team-silent", "available", "centralen.vantytor", true), team("team-busy", "en_route", "centralen.vantytor")};
        auto choices = teams_for(p, maps, "centralen.vantytor");
        CHECK(suggested(choices) == nullptr);
        CHECK(free_teams(choices).empty());
        REQUIRE(choices.size() == 2); // same zone, same distance: by id
        CHECK(choices[0].why_not == "en route");
        CHECK(choices[1].why_not == "silent");
    }

    TEST_CASE("an order finished or withdrawn frees its team; an unanswered one frees it only for its own alert") {
        const auto& maps = test::real_maps();
        Picture p;
        p.teams = {team("team-a", "available", "centralen.vantytor")};
        p.dispatches = {order("D-000001", "A-000001", "team-a", "completed")};
        CHECK(teams_for(p, maps, "centralen.vantytor", "A-000002")[0].available);
        p.dispatches = {order("D-000002", "A-000001", "team-a", "unanswered")};
        CHECK(teams_for(p, maps, "centralen.vantytor", "A-000001")[0].available);      // the hub sends it again
        CHECK_FALSE(teams_for(p, maps, "centralen.vantytor", "A-000002")[0].available); // but nowhere else
    }

    TEST_CASE("the team that did not answer comes after the other free teams, even when nearest") {
        const auto& maps = test::real_maps();
        Picture p;
        p.teams = {team("team-a", "available", "centralen.vantytor"), team("team-b", "available", "cityterminalen.flygbussar")};
        CHECK(ids(teams_for(p, maps, "centralen.vantytor")) == std::vector<std::string>{"team-a", "team-b"});
        CHECK(ids(teams_for(p, maps, "centralen.vantytor", "", "team-a")) == std::vector<std::string>{"team-b", "team-a"});
    }
}

TEST_SUITE("dispatch target") {
    TEST_CASE("an open alert about a zone is dispatched itself; equipment and closed alerts are not") {
        Picture p;
        p.alerts = {alert("A-000001", "needs_care", "centralen.vantytor"), alert("A-000002", "handheld_offline", ""),
                    alert("A-000003", "sleeping", "centralen.vantytor", "resolved")};
        auto t = dispatch_target(p, *p.alerts[0]);
        REQUIRE(t);
        CHECK(t->alert == "A-000001");
        CHECK(t->zone == "centralen.vantytor");
        CHECK(t->avoid_team.empty());
        CHECK_FALSE(dispatch_target(p, *p.alerts[1]));
        CHECK_FALSE(dispatch_target(p, *p.alerts[2]));
    }

    TEST_CASE("an alert that came back from a team dispatches the alert its order was for") {
        Picture p;
        p.alerts = {alert("A-000001", "needs_care", "centralen.vantytor", "assigned"),
                    alert("A-000002", "dispatch_unanswered", "centralen.vantytor", "raised", "D-000001",
                          "team-a has not answered D-000001 for A-000001")};
        p.dispatches = {order("D-000001", "A-000001", "team-a", "unanswered")};
        const auto& back = *p.alerts[1];
        CHECK(is_dispatch_back(back));
        CHECK_FALSE(is_dispatch_back(*p.alerts[0]));
        auto t = dispatch_target(p, back);
        REQUIRE(t);
        CHECK(t->alert == "A-000001"); // never the alert that came back: the hub refuses that
        CHECK(t->zone == "centralen.vantytor");
        CHECK(t->avoid_team == "team-a");
        CHECK(alert_label(back) == "Team did not answer");

        // The order has left the picture: the summary still names the alert and the team.
        p.dispatches.clear();
        t = dispatch_target(p, back);
        REQUIRE(t);
        CHECK(t->alert == "A-000001");
        CHECK(t->avoid_team == "team-a");

        // The original alert closed meanwhile: nothing to send a team to.
        p.alerts[0] = alert("A-000001", "needs_care", "centralen.vantytor", "resolved");
        CHECK_FALSE(dispatch_target(p, back));
    }

    TEST_CASE("resolving says first what happens to the team on the alert") {
        Picture p;
        auto a = alert("A-000001", "needs_care", "centralen.vantytor", "assigned");
        p.alerts = {a};
        CHECK(resolve_consequence(p, *a).empty()); // no order: nothing to say
        p.dispatches = {order("D-000001", "A-000001", "team-01", "accepted")};
        CHECK(resolve_consequence(p, *a) ==
              "team-01 has order D-000001 (accepted). Resolving withdraws the order and tells the team it need not go.");
        p.dispatches = {order("D-000001", "A-000001", "team-01", "on_scene")};
        CHECK(resolve_consequence(p, *a) == "team-01 is on scene (D-000001). Resolving closes the alert; the team keeps its "
                                            "order, and the outcome it records is added to the alert.");
        p.dispatches = {order("D-000001", "A-000001", "team-01", "completed")};
        CHECK(resolve_consequence(p, *a).empty());
        // Another alert's order says nothing about this one.
        p.dispatches = {order("D-000002", "A-000002", "team-01", "on_scene")};
        CHECK(resolve_consequence(p, *a).empty());
    }

    TEST_CASE("labels: a declined order reads differently from an unanswered one; other rules by their title") {
        CHECK(alert_label(*alert("A-000005", "dispatch_unanswered", "centralen.vantytor", "raised", "D-000003",
                                 "team-b declined D-000003 for A-000004")) == "Team declined");
        CHECK(alert_label(*alert("A-000004", "needs_care", "centralen.vantytor")) == "Needs care");
        CHECK(alert_label(*alert("A-000006", "repeated_presence", "centralen.vantytor")) == "Repeated presence");
    }
}

TEST_SUITE("dispatch state") {
    TEST_CASE("each state has its own words and colour, apart from the severities") {
        std::vector<Rgba> colours;
        for (const auto& s : dispatch_states()) colours.push_back(dispatch_state_colour(s));
        REQUIRE(colours.size() == 7);
        for (std::size_t i = 0; i < colours.size(); ++i) {
            for (std::size_t j = i + 1; j < colours.size(); ++j) CHECK_FALSE(same(colours[i], colours[j]));
            for (int rank = 0; rank < 4; ++rank) CHECK_FALSE(same(colours[i], severity_colour(rank)));
        }
        // An alert that came back shares the unanswered order's violet.
        CHECK(same(dispatch_back_colour(), dispatch_state_colour("unanswered")));
        CHECK(dispatch_state_words("on_scene") == "on scene");
    }

    TEST_CASE("how an order reads, state by state") {
        auto look = [](const char* state) { return dispatch_look(order("D-000001", "A-000001", "team-1", state)).line; };
        CHECK(look("sent") == "sent to team-1, waiting for an answer");
        CHECK(look("accepted") == "accepted by team-1, on the way");
        CHECK(look("on_scene") == "team-1 on scene");
        CHECK(look("declined") == "declined by team-1");
        CHECK(look("unanswered") == "unanswered by team-1");
        CHECK(look("withdrawn") == "withdrawn from team-1");
        auto done = order("D-000001", "A-000001", "team-1", "completed");
        done.outcome = "referred";
        done.referred_to = "night_shelter";
        CHECK(dispatch_look(done).line == "completed by team-1: referred (night shelter)");
        CHECK(dispatch_look(done).word == "completed");
    }
}

TEST_SUITE("response times") {
    TEST_CASE("the whole chain: raised, acknowledged, dispatched, accepted, on scene, completed") {
        auto d = order("D-000001", "A-000001", "team-1", "completed");
        d.acknowledged_at = "2026-11-24T21:00:30.000Z";  // 30 s after raised
        d.answered_at = "2026-11-24T21:03:40.000Z";      // 40 s after sent (21:03)
        d.on_scene_at = "2026-11-24T21:09:40.000Z";      // 6 min later
        d.finished_at = "2026-11-24T21:21:40.000Z";      // 12 min later
        auto steps = response_steps(d);
        REQUIRE(steps.size() == 6);
        CHECK(steps[1].what == "acknowledged");
        CHECK(steps[3].after_previous_s == 40);
        CHECK(steps[5].after_raised_s == 21 * 60 + 40);
        CHECK(response_text(d) ==
              "raised → acknowledged 30 s → dispatched 2 min → accepted 40 s → on scene 6 min → completed 12 min");
    }

    TEST_CASE("an arrival without an answer is one step, not two; a declined order ends with the answer") {
        auto d = order("D-000001", "A-000001", "team-1", "on_scene");
        d.answered_at = d.on_scene_at = "2026-11-24T21:10:00.000Z"; // the hub stamps the answer with the arrival
        CHECK(response_text(d) == "raised → dispatched 3 min → on scene 7 min");
        auto no = order("D-000002", "A-000001", "team-1", "declined");
        no.answered_at = no.finished_at = "2026-11-24T21:03:30.000Z";
        CHECK(response_text(no) == "raised → dispatched 3 min → declined 30 s");
    }

    TEST_CASE("an unanswered order shows when its answer was due; time since sent runs until the order ends") {
        auto d = order("D-000001", "A-000001", "team-1", "unanswered");
        CHECK(response_text(d) == "raised → dispatched 3 min → no answer 2 min");
        auto now = *parse_rfc3339("2026-11-24T21:07:30.000Z");
        CHECK(since_sent_text(d, now) == "4 min"); // still open: counted to now
        d.state = "withdrawn";
        d.finished_at = "2026-11-24T21:05:10.000Z";
        CHECK(since_sent_text(d, now) == "2 min"); // ended: how long it ran
        CHECK(response_text(d) == "raised → dispatched 3 min → withdrawn 2 min");
    }
}

TEST_SUITE("command answers") {
    TEST_CASE("a dispatch command is the protocol's JSON and the hub's own check accepts it") {
        auto j = command_json("dispatch", "A-000007", "kc-2", {{"team", "team-1"}});
        CHECK(nlohmann::json::parse(j) == nlohmann::json{{"op", "dispatch"}, {"alert", "A-000007"}, {"by", "kc-2"}, {"team", "team-1"}});
        auto parsed = parse_alert_command(j);
        REQUIRE(parsed.ok());
        CHECK(parsed->op == AlertOp::dispatch);
        CHECK(parsed->team == "team-1");
    }

    TEST_CASE("the hub's answer in plain words") {
        CHECK(answer_text("dispatch", true, R"({"id":"A-000007"})") == "sent");
        CHECK(answer_text("acknowledge", true, "{}") == "done");
        CHECK(answer_text("dispatch", false, "team_busy: team team-1 is on order D-000003 for A-000002") ==
              "team busy (team team-1 is on order D-000003 for A-000002)");
        CHECK(answer_text("dispatch", false, "unknown_team: team 'team-9' has not reported to the hub") ==
              "unknown team (team 'team-9' has not reported to the hub)");
        CHECK(answer_text("dispatch", false, "not_allowed: alert A-000002 is already resolved") ==
              "not allowed (alert A-000002 is already resolved)");
        // Not a refusal from the hub: said as it is.
        std::string silence = "no answer from the hub within 3 s; the command may or may not have been carried out";
        CHECK(answer_text("dispatch", false, silence) == silence);
        CHECK(refusal_words("unknown_alert") == "unknown alert");
    }
}
