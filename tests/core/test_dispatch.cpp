// Outreach dispatch as a specification, through the same Situation the hub runs: an order
// goes to a free team, its answer, arrival and outcome move the alert, an order nobody
// answers comes back to the operator, and each refusal names its reason.
#include "fixtures.hpp"
#include "situation.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {
const TimePoint t0 = test::at("2026-11-24T22:00:00Z"); // 23:00 in Stockholm

Topic team_topic(TopicKind kind, const char* team = "team-01") { return Topic{"centralen", kind, team}; }

Checked<DispatchAnswer> answer(const std::string& payload, const char* team = "team-01") {
    return parse_dispatch_answer(team_topic(TopicKind::outreach_ack, team), payload, test::real_maps(), t0 + 1h);
}
Checked<DispatchOutcome> outcome(const std::string& payload, const char* team = "team-01") {
    return parse_dispatch_outcome(team_topic(TopicKind::outreach_outcome, team), payload, test::real_maps(), t0 + 1h);
}

// A night at Centralen: someone needing care in the waiting area, two teams about.
struct Night {
    Situation s{test::real_maps(), SituationSettings{2min, 200, {}}};
    std::string alert;

    Night() {
        GuardReport r;
        r.station = "centralen";
        r.device = "hh-01";
        r.id = "r1";
        r.ts = t0;
        r.zone = "centralen.vantytor";
        r.kind = ReportKind::observation;
        r.persons = 1;
        r.categories = {Category::needs_care};
        s.record(r, 1, t0);
        team("team-01", TeamStatus::available, t0);
        team("team-02", TeamStatus::available, t0);
        for (const auto& [key, body] : s.state().entries())
            if (key.rfind("alert/", 0) == 0) alert = json::parse(body)["id"];
        REQUIRE(!alert.empty());
    }
    void team(const char* id, TeamStatus status, TimePoint at, const char* zone = "centralen.centralhallen") {
        s.record(OutreachStatus{"centralen", id, at, status, status == TeamStatus::off_duty ? "" : zone, 2, "socialforvaltningen"}, at);
    }
    AlertCommand dispatch(const char* team) const { return AlertCommand{AlertOp::dispatch, alert, "kc-1", team, "", "", 0}; }
    // Checks and records like the hub; returns the new order's id.
    std::string send(const char* team, TimePoint at) {
        s.advance_to(at);
        REQUIRE_FALSE(s.check(dispatch(team), at));
        s.record(dispatch(team), at);
        const Dispatch* d = s.fusion().dispatches().active_for_team(team);
        REQUIRE(d);
        return d->id;
    }
    json entry(const std::string& key) const {
        const auto* body = s.state().find(key);
        REQUIRE(body);
        return json::parse(*body);
    }
    std::vector<json> alerts(const std::string& rule) const {
        std::vector<json> out;
        for (const auto& [key, body] : s.state().entries())
            if (key.rfind("alert/", 0) == 0 && json::parse(body)["rule"] == rule) out.push_back(json::parse(body));
        return out;
    }
};
} // namespace

TEST_SUITE("dispatch messages") {
    TEST_CASE("an answer names its order; leaving out accept accepts") {
        auto a = answer(R"({"dispatch":"D-000001","ts":"2026-11-24T23:01:00+01:00"})");
        REQUIRE(a);
        CHECK(a->dispatch == "D-000001");
        CHECK(a->team == "team-01");
        CHECK(a->accepted);
        CHECK_FALSE(answer(R"({"dispatch":"D-000001","ts":"2026-11-24T23:01:00+01:00","accept":false})")->accepted);
        CHECK(answer(R"({"dispatch":"A-000001","ts":"2026-11-24T23:01:00+01:00"})").rejection().reason == RejectReason::bad_value);
        CHECK(answer(R"({"dispatch":"D-000001"})").rejection().reason == RejectReason::missing_field);
        CHECK(answer(R"({"dispatch":"D-000001","ts":"2026-11-24T23:01:00+01:00","name":"x"})").rejection().reason ==
              RejectReason::unknown_field);
        CHECK(parse_dispatch_answer(Topic{"norrmalm", TopicKind::outreach_ack, "team-01"},
                                    R"({"dispatch":"D-000001","ts":"2026-11-24T23:01:00+01:00"})", test::real_maps(), t0)
                  .rejection()
                  .reason == RejectReason::unknown_station);
    }

    TEST_CASE("an outcome is one of the documented ones, with a referral only when referred") {
        auto o = outcome(R"({"dispatch":"D-000001","ts":"2026-11-24T23:20:00+01:00","outcome":"referred","referred_to":"capio",
                            "gender":"woman","age_band":"26-64"})");
        REQUIRE(o);
        CHECK(o->outcome == "referred");
        CHECK(o->referred_to == "capio");
        CHECK(o->gender == "woman");
        CHECK(o->age_band == "26-64");
        CHECK(o->persons == 1);
        // The police and the others the outreach team works with take referrals too.
        for (const char* to : {"polisen", "mariamottagningen", "ungdomsjouren", "äldrelotsen"})
            CHECK(outcome(std::string(R"({"dispatch":"D-000001","ts":"2026-11-24T23:20:00+01:00","outcome":"referred","referred_to":")") +
                          to + R"("})")
                      ->referred_to == to);
        auto nobody = outcome(R"({"dispatch":"D-000001","ts":"2026-11-24T23:20:00+01:00","outcome":"nobody_found"})");
        REQUIRE(nobody);
        CHECK(nobody->persons == 0);
        auto reason = [](const char* p) { return outcome(p).rejection().reason; };
        CHECK(reason(R"({"dispatch":"D-000001","ts":"2026-11-24T23:20:00+01:00","outcome":"referred"})") == RejectReason::missing_field);
        CHECK(reason(R"({"dispatch":"D-000001","ts":"2026-11-24T23:20:00+01:00","outcome":"declined","referred_to":"capio"})") ==
              RejectReason::bad_value);
        CHECK(reason(R"({"dispatch":"D-000001","ts":"2026-11-24T23:20:00+01:00","outcome":"arrested"})") == RejectReason::bad_value);
        CHECK(reason(R"({"dispatch":"D-000001","ts":"2026-11-24T23:20:00+01:00","outcome":"contact_made","age_band":"30"})") ==
              RejectReason::bad_value);
        CHECK(reason(R"({"dispatch":"D-000001","ts":"2026-11-24T23:20:00+01:00","outcome":"nobody_found","gender":"man"})") ==
              RejectReason::bad_value);
        CHECK(reason(R"({"dispatch":"D-000001","ts":"2026-11-24T23:20:00+01:00","outcome":"contact_made","persons":0})") ==
              RejectReason::bad_value);
        // Nothing that could single someone out rides along.
        CHECK(reason(R"({"dispatch":"D-000001","ts":"2026-11-24T23:20:00+01:00","outcome":"contact_made","name":"x"})") ==
              RejectReason::unknown_field);
        CHECK(reason(R"({"dispatch":"D-000001","ts":"2026-11-24T23:20:00+01:00","outcome":"contact_made","birth_year":1970})") ==
              RejectReason::unknown_field);
    }
}

TEST_SUITE("dispatch loop") {
    TEST_CASE("dispatched, accepted, on scene, referred: the alert resolves and the response chain is kept") {
        Night n;
        n.s.record(AlertCommand{AlertOp::acknowledge, n.alert, "kc-1", "", "", "", 0}, t0 + 1min);
        auto id = n.send("team-01", t0 + 2min);
        auto d = n.entry("dispatch/" + id);
        CHECK(d["state"] == "sent");
        CHECK(d["zone"] == "centralen.vantytor");
        CHECK(d["alert"] == n.alert);
        CHECK(d["summary"] == "1 needing care");
        CHECK(n.entry("alert/" + n.alert)["state"] == "assigned");
        CHECK(n.entry("alert/" + n.alert)["assigned_to"] == "team-01");

        auto ack = answer(R"({"dispatch":")" + id + R"(","ts":"2026-11-24T23:02:30+01:00"})");
        REQUIRE_FALSE(n.s.check(*ack));
        n.s.record(*ack, t0 + 2min + 30s);
        CHECK(n.entry("dispatch/" + id)["state"] == "accepted");
        n.team("team-01", TeamStatus::en_route, t0 + 3min);
        n.team("team-01", TeamStatus::on_scene, t0 + 7min, "centralen.vantytor");
        CHECK(n.entry("dispatch/" + id)["state"] == "on_scene");

        auto out = outcome(R"({"dispatch":")" + id + R"(","ts":"2026-11-24T23:25:00+01:00","outcome":"referred","referred_to":"capio","age_band":"65+"})");
        REQUIRE_FALSE(n.s.check(*out));
        n.s.record(*out, t0 + 25min);
        const Dispatch& done = *n.s.fusion().dispatches().find(id);
        CHECK(done.state == DispatchState::completed);
        CHECK(*done.acknowledged_at - done.raised_at == 1min);
        CHECK(done.dispatched_at - done.raised_at == 2min);
        CHECK(*done.answered_at - done.dispatched_at == 30s);
        CHECK(*done.on_scene_at - done.dispatched_at == 5min);
        CHECK(*done.finished_at - done.raised_at == 25min);
        CHECK(done.referred_to == "capio");
        CHECK(done.age_band == "65+");
        auto a = n.entry("alert/" + n.alert);
        CHECK(a["state"] == "resolved");
        CHECK(a["outcome"] == "referred");
        std::vector<std::string> steps;
        for (const auto& h : a["history"]) steps.push_back(h["what"]);
        CHECK(steps == std::vector<std::string>{"raised", "acknowledged", "dispatched", "team_accepted", "on_scene", "resolved"});
        // The same outcome again (a resend) is a repeat, not a refusal and not a second resolve.
        CHECK_FALSE(n.s.check(*out));
        CHECK(n.s.fusion().dispatches().is_repeat(*out));
        // Another outcome for it is refused, in the words docs/protocol.md quotes (Team receipt).
        auto other = outcome(R"({"dispatch":")" + id + R"(","ts":"2026-11-24T23:26:00+01:00","outcome":"support_accepted"})");
        REQUIRE(n.s.check(*other));
        CHECK(n.s.check(*other)->reason == RejectReason::not_allowed);
        CHECK(n.s.check(*other)->detail == "order " + id + " already has the outcome referred");
        CHECK_FALSE(n.s.fusion().dispatches().is_repeat(*other));
    }

    TEST_CASE("a dispatch needs a free team: unknown, engaged, off duty, silent or on another order are refused") {
        Night n;
        auto reason_for = [&](const char* team, TimePoint at) {
            n.s.advance_to(at);
            auto why = n.s.check(n.dispatch(team), at);
            return why ? why->reason : RejectReason::malformed_json; // malformed_json: accepted (never a command's reason here)
        };
        CHECK(reason_for("team-99", t0 + 1min) == RejectReason::unknown_team);
        n.team("team-02", TeamStatus::engaged, t0 + 1min);
        CHECK(reason_for("team-02", t0 + 1min) == RejectReason::team_busy);
        n.team("team-02", TeamStatus::off_duty, t0 + 2min);
        CHECK(reason_for("team-02", t0 + 2min) == RejectReason::team_busy);
        // team-01 last reported at t0; twenty minutes of silence and it is sent nowhere.
        CHECK(reason_for("team-01", t0 + 19min) == RejectReason::malformed_json);
        CHECK(reason_for("team-01", t0 + 20min) == RejectReason::team_busy);
        CHECK(n.entry("team/team-01")["silent"] == true);
        n.team("team-01", TeamStatus::available, t0 + 21min);
        CHECK(n.entry("team/team-01")["silent"] == false);
        n.send("team-01", t0 + 21min);
        // The same team again for the same alert is pointless; a second alert cannot have it either.
        CHECK(reason_for("team-01", t0 + 22min) == RejectReason::not_allowed);
        // Equipment alerts have no zone to go to.
        n.s.record(ShiftEvent{"centralen", "hh-01", t0 + 22min, true, 1}, t0 + 22min);
        n.s.record(DeviceOnline{"centralen", "hh-01", false, std::nullopt}, t0 + 23min);
        auto offline = n.alerts("handheld_offline").at(0)["id"].get<std::string>();
        n.team("team-02", TeamStatus::available, t0 + 23min);
        auto why = n.s.check(AlertCommand{AlertOp::dispatch, offline, "kc-1", "team-02", "", "", 0}, t0 + 23min);
        REQUIRE(why);
        CHECK(why->reason == RejectReason::not_allowed);
    }

    TEST_CASE("an order nobody answers comes back as an alert of its own; another team takes it over") {
        Night n;
        auto first = n.send("team-01", t0 + 1min);
        n.s.advance_to(t0 + 2min + 59s);
        CHECK(n.entry("dispatch/" + first)["state"] == "sent");
        CHECK(n.alerts("dispatch_unanswered").empty());
        n.s.advance_to(t0 + 3min);
        CHECK(n.entry("dispatch/" + first)["state"] == "unanswered");
        auto back = n.alerts("dispatch_unanswered");
        REQUIRE(back.size() == 1);
        CHECK(back[0]["subject"] == first);
        CHECK(back[0]["zone"] == "centralen.vantytor");
        CHECK(back[0]["severity"] == "major");
        CHECK(back[0]["raised_at"] == "2026-11-24T22:03:00.000Z");
        // The operator sends team-02 instead: the first order is withdrawn, the alert about it clears.
        auto second = n.send("team-02", t0 + 4min);
        CHECK(n.entry("dispatch/" + first)["state"] == "withdrawn");
        CHECK(n.entry("dispatch/" + second)["state"] == "sent");
        CHECK(n.alerts("dispatch_unanswered")[0]["state"] == "resolved");
        CHECK(n.entry("alert/" + n.alert)["assigned_to"] == "team-02");
        // team-01's late answer to the withdrawn order is refused with a reason.
        auto late = answer(R"({"dispatch":")" + first + R"(","ts":"2026-11-24T23:05:00+01:00"})");
        REQUIRE(n.s.check(*late));
        CHECK(n.s.check(*late)->reason == RejectReason::not_allowed);
    }

    TEST_CASE("a late answer clears the order's alert; a decline brings it back at once") {
        Night n;
        auto first = n.send("team-01", t0 + 1min);
        n.s.advance_to(t0 + 4min);
        REQUIRE(n.alerts("dispatch_unanswered").size() == 1);
        n.s.record(*answer(R"({"dispatch":")" + first + R"(","ts":"2026-11-24T23:04:00+01:00"})"), t0 + 4min);
        CHECK(n.entry("dispatch/" + first)["state"] == "accepted");
        CHECK(n.alerts("dispatch_unanswered")[0]["state"] == "resolved");

        Night m;
        auto order = m.send("team-02", t0 + 1min);
        m.s.record(*answer(R"({"dispatch":")" + order + R"(","ts":"2026-11-24T23:01:30+01:00","accept":false})", "team-02"),
                   t0 + 1min + 30s);
        CHECK(m.entry("dispatch/" + order)["state"] == "declined");
        auto back = m.alerts("dispatch_unanswered");
        REQUIRE(back.size() == 1);
        CHECK(back[0]["summary"] == "team-02 declined " + order + " for " + m.alert);
        // A resent decline is a repeat; an accept after it is refused, as the protocol says.
        auto decline_again = answer(R"({"dispatch":")" + order + R"(","ts":"2026-11-24T23:01:40+01:00","accept":false})", "team-02");
        CHECK_FALSE(m.s.check(*decline_again));
        CHECK(m.s.fusion().dispatches().is_repeat(*decline_again));
        auto accept_after = answer(R"({"dispatch":")" + order + R"(","ts":"2026-11-24T23:01:50+01:00"})", "team-02");
        REQUIRE(m.s.check(*accept_after));
        CHECK(m.s.check(*accept_after)->detail == "order " + order + " is already declined");
        // Declined is final: an outcome for it is refused.
        auto o = outcome(R"({"dispatch":")" + order + R"(","ts":"2026-11-24T23:20:00+01:00","outcome":"contact_made"})", "team-02");
        CHECK(m.s.check(*o)->reason == RejectReason::not_allowed);
        // Another team sent: the alert about the decline is answered and closes.
        m.team("team-01", TeamStatus::available, t0 + 2min);
        m.send("team-01", t0 + 2min);
        CHECK(m.alerts("dispatch_unanswered")[0]["state"] == "resolved");
        CHECK(m.s.open_alerts() == 1); // the original alert, now with team-01
    }

    TEST_CASE("answers and outcomes for orders that do not exist, or were sent to another team, are refused") {
        Night n;
        auto a = answer(R"({"dispatch":"D-000077","ts":"2026-11-24T23:01:00+01:00"})");
        CHECK(n.s.check(*a)->reason == RejectReason::unknown_dispatch);
        auto o = outcome(R"({"dispatch":"D-000077","ts":"2026-11-24T23:01:00+01:00","outcome":"contact_made"})");
        CHECK(n.s.check(*o)->reason == RejectReason::unknown_dispatch);
        auto id = n.send("team-01", t0 + 1min);
        auto other = outcome(R"({"dispatch":")" + id + R"(","ts":"2026-11-24T23:02:00+01:00","outcome":"contact_made"})", "team-02");
        CHECK(n.s.check(*other)->reason == RejectReason::unknown_dispatch);
        // Recorded anyway (a replay of an old log, say), it changes nothing.
        n.s.record(*other, t0 + 2min);
        CHECK(n.entry("dispatch/" + id)["state"] == "sent");
    }

    TEST_CASE("an operator who resolves the alert withdraws the team's order; the picture survives a restart") {
        Night n;
        auto id = n.send("team-01", t0 + 1min);
        n.s.record(AlertCommand{AlertOp::resolve, n.alert, "kc-1", "", "handled_by_guard", "", 0}, t0 + 5min);
        CHECK(n.entry("dispatch/" + id)["state"] == "withdrawn");
        auto saved = n.s.save();
        Situation restored(test::real_maps(), SituationSettings{2min, 200, {}});
        restored.load(saved);
        REQUIRE(restored.fusion().dispatches().find(id));
        CHECK(restored.fusion().dispatches().find(id)->state == DispatchState::withdrawn);
        CHECK(restored.team_view("team-01")->last_heard == t0);
        // Finished orders leave the live picture after an hour; the hub has stored them by then.
        restored.advance_to(t0 + 66min);
        CHECK_FALSE(restored.fusion().dispatches().find(id));
        CHECK(restored.state().find("dispatch/" + id) == nullptr);
    }

    TEST_CASE("an operator who resolves while the team is on scene keeps its order; the team's outcome completes it") {
        Night n;
        auto id = n.send("team-01", t0 + 1min);
        n.team("team-01", TeamStatus::on_scene, t0 + 4min, "centralen.vantytor");
        REQUIRE(n.entry("dispatch/" + id)["state"] == "on_scene");
        n.s.record(AlertCommand{AlertOp::resolve, n.alert, "kc-1", "", "handled_by_guard", "", 0}, t0 + 5min);
        CHECK(n.entry("alert/" + n.alert)["state"] == "resolved");
        // The team is still with the people: not told to stop, still on its order.
        CHECK(n.entry("dispatch/" + id)["state"] == "on_scene");
        CHECK(n.s.fusion().dispatches().active_for_team("team-01"));
        auto out = outcome(R"({"dispatch":")" + id + R"(","ts":"2026-11-24T23:12:00+01:00","outcome":"support_accepted","persons":1})");
        REQUIRE_FALSE(n.s.check(*out));
        n.s.record(*out, t0 + 12min);
        CHECK(n.entry("dispatch/" + id)["state"] == "completed");
        CHECK(n.entry("dispatch/" + id)["outcome"] == "support_accepted");
        auto a = n.entry("alert/" + n.alert);
        CHECK(a["outcome"] == "handled_by_guard"); // the operator's, who closed it
        CHECK(a["history"].back()["what"] == "team_outcome");
        CHECK(a["history"].back()["detail"] == "support_accepted");
        CHECK_FALSE(n.s.fusion().dispatches().active_for_team("team-01"));
    }

    TEST_CASE("an operator who resolves while the team is on its way withdraws the order") {
        Night n;
        auto id = n.send("team-01", t0 + 1min);
        n.s.record(*answer(R"({"dispatch":")" + id + R"(","ts":"2026-11-24T23:01:30+01:00"})"), t0 + 1min + 30s);
        REQUIRE(n.entry("dispatch/" + id)["state"] == "accepted");
        n.s.record(AlertCommand{AlertOp::resolve, n.alert, "kc-1", "", "handled_by_guard", "", 0}, t0 + 3min);
        CHECK(n.entry("dispatch/" + id)["state"] == "withdrawn");
        CHECK_FALSE(n.s.fusion().dispatches().active_for_team("team-01"));
    }
}

TEST_CASE("a dispatch key says none one way: null until the team has said") {
    Dispatch d;
    d.id = "D-000001";
    d.alert = "A-000001";
    d.team = "team-01";
    d.station = "centralen";
    d.zone = "centralen.vantytor";
    d.raised_at = d.dispatched_at = d.answer_due = t0;
    auto sent = to_json(d);
    for (const char* key : {"acknowledged_at", "answered_at", "on_scene_at", "finished_at", "outcome", "referred_to", "gender",
                            "age_band", "outcome_persons"})
        CHECK_MESSAGE(sent[key].is_null(), key);
    d.state = DispatchState::completed;
    d.finished_at = t0 + 30min;
    d.outcome = "nobody_found";
    auto done = to_json(d);
    CHECK(done["outcome"] == "nobody_found");
    CHECK(done["outcome_persons"] == 0); // after the outcome a count, 0 when nobody was found
    CHECK(done["referred_to"].is_null());
    CHECK(to_json(dispatch_from_json(done)) == done);
    // A snapshot saved before wrote "" and 0: still read as none.
    auto old = sent;
    for (const char* key : {"outcome", "referred_to", "gender", "age_band"}) old[key] = "";
    old["outcome_persons"] = 0;
    CHECK(to_json(dispatch_from_json(old)) == sent);
}
