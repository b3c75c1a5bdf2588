// Joint deployment meetings against the real broker and hub: planned over the ROUTER as a
// console does, announced to handhelds with a retained notice, decisions and action items
// recorded, an agenda that counts what the guards reported, exported as Markdown by
// platslage-agenda, and all of it still there after the hub restarts.
#include "system_under_test.hpp"
#include "time_text.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <optional>
#include <sstream>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {

Reply plan(Hub& hub, const std::string& starts) {
    return hub.command({{"op", "plan_meeting"}, {"by", "kc-1"}, {"title", "Utsättningsmöte Centralen"},
                        {"zone", "centralen.vantytor"}, {"organisations", {"jernhusen", "socialforvaltningen", "capio"}},
                        {"starts", starts}, {"repeat", "weekly"}});
}
} // namespace

TEST_CASE("a meeting is planned, announced, recorded, given an agenda and exported, and survives a restart") {
    TempDir dir("platslage-it14");
    Broker broker(dir.path());
    std::optional<Hub> hub;
    hub.emplace(dir.path(), broker.url());
    REQUIRE(hub->wait_mqtt_up());

    // Under way since ten minutes: decisions and action items belong to it.
    auto started = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) - 10min;
    auto starts = format_rfc3339(TimePoint{started});
    auto next = format_rfc3339(TimePoint{started + std::chrono::days(7)});
    auto planned = plan(*hub, starts);
    REQUIRE(planned.kind == Reply::Kind::ok);
    auto meeting = nlohmann::json::parse(planned.text);
    CHECK(meeting["id"] == "M-000001");
    // Its audit trail starts with the plan, under the id it was given.
    CHECK(sql_count(hub->db(), "SELECT count(*) FROM audit WHERE op='plan_meeting' AND target='M-000001' AND position='kc-1' "
                               "AND role='coordinator' AND result='done'") == 1);
    CHECK(meeting["station"] == "centralen");
    CHECK(meeting["next"] == starts);

    // A handheld that subscribes afterwards still gets the notice: it is retained.
    ChildProcess notice({"/usr/bin/env", mosquitto_login("sim"), "/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p", std::to_string(broker.port()), "-q", "1", "-C", "1",
                         "-W", "10", "-t", "platslage/v1/centralen/hub/notice/meetings"},
                        dir.path() / "notice.log");
    REQUIRE(notice.wait(15s) == 0);
    auto announced = nlohmann::json::parse(notice.log_text());
    REQUIRE(announced["meetings"].size() == 1);
    CHECK(announced["meetings"][0]["meeting"] == "M-000001");
    CHECK(announced["meetings"][0]["zone"] == "centralen.vantytor");
    // And so does the reference handheld, a guard's as much as a team's.
    ChildProcess guard_listen({PLATSLAGE_HANDHELD_BIN, "--mqtt", broker.url(), "--mqtt-user", "sim", "--mqtt-password-file",
                               TestSite::get().password_file("sim").string(), "--mqtt-ca", TestSite::get().ca_file.string(),
                               "--device", "hh-15", "listen", "--count", "1", "--timeout-s", "10"},
                              dir.path() / "guard-listen.log");
    REQUIRE(guard_listen.wait(15s) == 0);
    CHECK(guard_listen.log_text().find(R"("meeting":"M-000001")") != std::string::npos);

    // What guards report this week is what the next meeting's agenda counts.
    Handheld hh(broker.url(), "centralen", "hh-14");
    REQUIRE(hh.publish_report(report_json("m-1", "centralen.nedre-plan", 3, {"sleeping"})));
    REQUIRE(hh.publish_report(report_json("m-2", "centralen.nedre-plan", 2, {"sleeping", "intoxicated"})));
    REQUIRE(hh.publish_report(report_json("m-3", "centralen.toaletter", 1, {"distress"})));
    REQUIRE(eventually([&] { return sql_count(hub->db(), "SELECT count(*) FROM guard_reports") == 3; }, 10s));

    auto action = hub->command({{"op", "add_action"}, {"by", "kc-1"}, {"meeting", "M-000001"},
                                {"text", "Kvällsrunda nedre plan, ring 070-123 45 67"}, {"owner", "jernhusen"}, {"due", "2030-01-15"}});
    REQUIRE(action.kind == Reply::Kind::ok);
    auto item = nlohmann::json::parse(action.text);
    CHECK(item["id"] == "N-000001");
    CHECK(item["held_at"] == starts);
    CHECK(item["text"].get<std::string>().find("070") == std::string::npos); // scrubbed before it is stored
    REQUIRE(hub->command({{"op", "record_decision"}, {"by", "kc-1"}, {"meeting", "M-000001"}, {"text", "Capio på plats tisdagar"}})
                .kind == Reply::Kind::ok);
    CHECK(sql_count(hub->db(), "SELECT count(*) FROM meeting_notes WHERE meeting_id='M-000001' AND text LIKE '%070%'") == 0);

    // Each refusal names its reason and is counted.
    auto unknown = hub->command({{"op", "record_decision"}, {"by", "kc-1"}, {"meeting", "M-000009"}, {"text", "x"}});
    REQUIRE(unknown.kind == Reply::Kind::error);
    CHECK(unknown.text.rfind("unknown_meeting:", 0) == 0);
    auto no_item = hub->command({{"op", "close_action"}, {"by", "kc-1"}, {"meeting", "M-000001"}, {"note", "N-000002"}});
    CHECK(no_item.text.rfind("unknown_meeting:", 0) == 0); // N-000002 is a decision
    auto bad_org = hub->command({{"op", "add_action"}, {"by", "kc-1"}, {"meeting", "M-000001"}, {"text", "x"},
                                 {"owner", "skatteverket"}, {"due", "2030-01-15"}});
    CHECK(bad_org.text.rfind("bad_value:", 0) == 0);
    CHECK(plan(*hub, "2030-13-01T09:00:00+01:00").text.rfind("bad_timestamp:", 0) == 0);
    auto by_reason = hub->status()["rejected"]["by_reason"];
    CHECK(by_reason.value("unknown_meeting", 0) == 2);
    CHECK(by_reason.value("bad_value", 0) == 1);
    CHECK(sql_count(hub->db(), "SELECT count(*) FROM refusals WHERE source='command' AND reason='unknown_meeting'") == 2);

    // The next meeting's agenda, exported as a handout by the partners' tool.
    auto handout = dir.path() / "agenda.md";
    auto rc = run_command({PLATSLAGE_AGENDA_BIN, "--key", key_file("viewer-1"), "--hub-key", hub_key_file(), "--router", loopback(hub->ports().router), "--meeting", "M-000001", "--at", next,
                           "--out", handout.string()},
                          15s);
    REQUIRE(rc == 0);
    auto md = file_text(handout);
    CHECK(md.rfind("# Utsättningsmöte Centralen\n", 0) == 0);
    CHECK(md.find("| Nedre plan | 5 | 2 |") != std::string::npos);
    CHECK(md.find("| Toaletter nedre plan | 1 | 1 |") != std::string::npos);
    CHECK(md.find("| N-000001 | Kvällsrunda nedre plan") != std::string::npos);
    CHECK(md.find("- Decision N-000002: Capio på plats tisdagar") != std::string::npos);
    CHECK(run_command({PLATSLAGE_AGENDA_BIN, "--key", key_file("viewer-1"), "--hub-key", hub_key_file(), "--router", loopback(hub->ports().router), "--meeting", "M-000001", "--at",
                       format_rfc3339(TimePoint{started + 1h})},
                      15s) == 65); // not one of its meetings

    // Restarted: the plan, the open action item and the numbers are all still there.
    auto ports = hub->ports();
    hub.reset();
    hub.emplace(dir.path(), broker.url(), ports);
    REQUIRE(hub->wait_mqtt_up());
    auto again = hub->command({{"op", "agenda"}, {"by", "kc-2"}, {"meeting", "M-000001"}, {"at", next}});
    REQUIRE(again.kind == Reply::Kind::ok);
    auto agenda = nlohmann::json::parse(again.text)["agenda"];
    REQUIRE(agenda["open_actions"].size() == 1);
    CHECK(agenda["open_actions"][0]["owner"] == "jernhusen");
    CHECK(agenda["hottest"][0]["zone"] == "centralen.nedre-plan");
    CHECK(agenda["hottest"][0]["persons"] == 5);
    CHECK(agenda["since"] == starts);

    // Closed, it no longer carries over; a new plan numbers on.
    REQUIRE(hub->command({{"op", "close_action"}, {"by", "kc-2"}, {"meeting", "M-000001"}, {"note", "N-000001"}, {"text", "gjort"}})
                .kind == Reply::Kind::ok);
    auto closed = nlohmann::json::parse(hub->command({{"op", "agenda"}, {"by", "kc-2"}, {"meeting", "M-000001"}, {"at", next}}).text);
    CHECK(closed["agenda"]["open_actions"].empty());
    CHECK(nlohmann::json::parse(plan(*hub, next).text)["id"] == "M-000002");

    // Consoles see the plans and notes in the picture.
    zmq::context_t ctx(1);
    Subscriber console(ctx, hub->ports());
    console.pump(500ms);
    const auto& seen = console.replica().entries();
    REQUIRE(seen.count("meeting/M-000001") == 1);
    REQUIRE(seen.count("note/N-000001") == 1);
    CHECK(nlohmann::json::parse(seen.at("note/N-000001"))["state"] == "closed");
}
