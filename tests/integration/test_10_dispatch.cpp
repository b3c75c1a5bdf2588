// The dispatch loop end to end against the real broker and hub: an alert, an order to a
// team's handheld, its answer, the team's statuses and outcome, the alert resolved and the
// response times in SQLite; with the reference handheld (platslage-handheld) and with
// plain mosquitto_pub/mosquitto_sub. An order nobody answers comes back, and each refusal
// reaches whoever sent the message.
#include "system_under_test.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {
struct Run {
    int rc;
    std::string out;
};

// Runs platslage-handheld to its end and returns its exit status and output.
Run handheld(const std::filesystem::path& dir, const std::string& mqtt, const std::vector<std::string>& args) {
    static int n = 0;
    std::vector<std::string> argv{PLATSLAGE_HANDHELD_BIN, "--mqtt", mqtt, "--wait-s", "5", "--connect-s", "2"};
    auto login = TestSite::get().login_args("sim");
    argv.insert(argv.end(), login.begin(), login.end());
    argv.insert(argv.end(), args.begin(), args.end());
    auto log = dir / ("handheld-" + std::to_string(++n) + ".log");
    ChildProcess p(argv, log);
    int rc = p.wait(20s);
    return Run{rc, p.log_text()};
}

// A process that prints messages line by line into its log: the lines so far, parsed.
std::vector<nlohmann::json> json_lines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_discarded() && j.is_object()) out.push_back(std::move(j));
    }
    return out;
}

// The newest alert of this rule raised in this zone, as the hub stored its steps.
std::string open_alert(Hub& hub, const std::string& rule, const std::string& zone) {
    std::string found;
    eventually([&] {
        found = sql_text(hub.db(), "SELECT alert_id FROM alert_steps WHERE rule='" + rule + "' AND zone='" + zone +
                                       "' AND what='raised' ORDER BY alert_id DESC LIMIT 1");
        return !found.empty();
    }, 10s);
    return found;
}

std::string mosquitto_pub(const Broker& b, const std::string& topic, const std::string& payload) {
    return std::to_string(run_command({"/usr/bin/env", mosquitto_login("sim"), "/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", std::to_string(b.port()), "-q", "1",
                                       "-t", topic, "-m", payload},
                                      10s));
}
} // namespace

TEST_CASE("dispatch: order, answer, arrival and outcome through the real broker and hub") {
    TempDir dir("platslage-it10");
    Broker broker(dir.path());
    { std::ofstream(dir.path() / "rules.toml") << "[dispatch]\nanswer-within-s = 4\n"; }
    Hub hub(dir.path(), broker.url(), {}, {"--rules", (dir.path() / "rules.toml").string(), "--evaluate-every-s", "1"});
    REQUIRE(hub.wait_mqtt_up());

    // A guard reports someone needing care in the waiting area.
    auto guard = handheld(dir.path(), broker.url(),
                          {"--device", "hh-10", "report", "--zone", "centralen.vantytor", "--persons", "1", "--category", "needs_care",
                           "--outbox", (dir.path() / "hh-10.jsonl").string()});
    REQUIRE(guard.rc == 0);
    CHECK(guard.out.find("stored report hh-10-") != std::string::npos);
    auto alert = open_alert(hub, "needs_care", "centralen.vantytor");
    REQUIRE(!alert.empty());

    // team-1 checks in with the reference handheld and listens for orders.
    auto team1 = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--team", "team-1", "--outbox", (dir.path() / "team-1.jsonl").string()});
        return handheld(dir.path(), broker.url(), args);
    };
    REQUIRE(team1({"status", "available", "--zone", "centralen.centralhallen", "--org", "capio"}).rc == 0);
    ChildProcess listener({PLATSLAGE_HANDHELD_BIN, "--mqtt", broker.url(), "--mqtt-user", "sim", "--mqtt-password-file",
                           TestSite::get().password_file("sim").string(), "--mqtt-ca", TestSite::get().ca_file.string(),
                           "--team", "team-1", "listen", "--only", "orders", "--count", "1", "--timeout-s", "30"},
                          dir.path() / "listen-1.log");
    REQUIRE(eventually([&] { return listener.log_text().find("listening") != std::string::npos; }, 10s));

    // Refusals first: a team nobody has heard of, and an operator command that names it.
    auto unknown = hub.command({{"op", "dispatch"}, {"alert", alert}, {"by", "kc-1"}, {"team", "team-77"}});
    CHECK(unknown.kind == Reply::Kind::error);
    CHECK(unknown.text.rfind("unknown_team:", 0) == 0);

    auto sent = hub.command({{"op", "dispatch"}, {"alert", alert}, {"by", "kc-1"}, {"team", "team-1"}});
    REQUIRE(sent.kind == Reply::Kind::ok);
    REQUIRE(listener.wait(10s) == 0);
    auto orders = json_lines(listener.log_text());
    REQUIRE(orders.size() == 1);
    const auto& order = orders[0];
    std::string dispatch = order["dispatch"];
    CHECK(order["alert"] == alert);
    CHECK(order["zone"] == "centralen.vantytor");
    CHECK(order["categories"] == nlohmann::json::array({"needs_care"}));
    CHECK(order["persons"] == 1);
    // The order says what and where, never who.
    CHECK_FALSE(order.contains("note"));

    // team-1 is on this order: a second alert cannot have it.
    REQUIRE(handheld(dir.path(), broker.url(), {"--device", "hh-10", "report", "--zone", "centralen.nedre-plan", "--persons", "2",
                                                 "--category", "needs_care", "--outbox", (dir.path() / "hh-10.jsonl").string()})
                .rc == 0);
    auto second = open_alert(hub, "needs_care", "centralen.nedre-plan");
    REQUIRE(!second.empty());
    auto busy = hub.command({{"op", "dispatch"}, {"alert", second}, {"by", "kc-1"}, {"team", "team-1"}});
    CHECK(busy.text.rfind("team_busy:", 0) == 0);

    auto ack = team1({"ack", dispatch});
    CHECK(ack.rc == 0);
    CHECK(ack.out.find("stored ack " + dispatch) != std::string::npos);
    REQUIRE(team1({"status", "en_route", "--zone", "centralen.centralhallen"}).rc == 0);
    REQUIRE(team1({"status", "on_scene", "--zone", "centralen.vantytor"}).rc == 0);
    auto done = team1({"outcome", dispatch, "referred", "--referred-to", "capio", "--age-band", "26-64"});
    CHECK(done.rc == 0);
    CHECK(done.out.find("stored outcome " + dispatch) != std::string::npos);

    // An outcome for an order that does not exist is refused, and the handheld says why.
    auto bogus = team1({"outcome", "D-000099", "contact_made"});
    CHECK(bogus.rc == 65);
    CHECK(bogus.out.find("refused outcome D-000099: unknown_dispatch") != std::string::npos);

    // A contact of the team's own round: no order, counts of women and men, two results.
    // Sent again with the same id it is kept once; results that do not add up are refused.
    const std::vector<std::string> contact{"contact", "centralen.vantytor", "support_accepted", "--id", "team-1-r1",
                                           "--persons", "3", "--women", "1", "--men", "2",
                                           "--result", "support_accepted=2", "--result", "declined=1"};
    auto round = team1(contact);
    CHECK(round.rc == 0);
    CHECK(round.out.find("stored outcome team-1-r1") != std::string::npos);
    auto resent = team1(contact);
    CHECK(resent.rc == 0);
    CHECK(resent.out.find("already stored outcome team-1-r1") != std::string::npos);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM round_contacts WHERE team='team-1' AND contact_id='team-1-r1'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='dispatch_outcome' AND zone='centralen.vantytor' "
                              "AND json_extract(body,'$.women')=1 AND json_extract(body,'$.results[1].outcome')='declined' "
                              "AND json_extract(body,'$.dispatch') IS NULL") == 1);
    auto uneven = team1({"contact", "centralen.vantytor", "declined", "--persons", "2", "--result", "declined=1"});
    CHECK(uneven.rc == 65);
    CHECK(uneven.out.find(": bad_value") != std::string::npos);

    auto row = [&](const std::string& where) {
        return sql_count(hub.db(), "SELECT count(*) FROM dispatches WHERE dispatch_id='" + dispatch + "' AND " + where);
    };
    REQUIRE(eventually([&] { return row("state='completed'") == 1; }, 10s));
    CHECK(row("outcome='referred' AND referred_to='capio' AND age_band='26-64' AND gender IS NULL") == 1);
    CHECK(row("raised_ms <= dispatched_ms AND dispatched_ms <= answered_ms AND answered_ms <= on_scene_ms "
              "AND on_scene_ms <= finished_ms AND acknowledged_ms IS NULL") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE alert_id='" + alert +
                                  "' AND what='resolved' AND detail='referred: capio' AND by='team-1'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM refusals WHERE reason='unknown_dispatch'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind IN ('dispatch_ack','dispatch_outcome')") == 3);
}

TEST_CASE("dispatch with plain mosquitto tools: an unanswered order comes back and goes to another team") {
    TempDir dir("platslage-it10b");
    Broker broker(dir.path());
    { std::ofstream(dir.path() / "rules.toml") << "[dispatch]\nanswer-within-s = 3\n"; }
    Hub hub(dir.path(), broker.url(), {}, {"--rules", (dir.path() / "rules.toml").string(), "--evaluate-every-s", "1"});
    REQUIRE(hub.wait_mqtt_up());
    Handheld hh(broker.url(), "cityterminalen", "hh-11");
    REQUIRE(hh.publish_report(report_json("c-1", "cityterminalen.vanthall", 1, {"needs_care"})));
    auto alert = open_alert(hub, "needs_care", "cityterminalen.vanthall");
    REQUIRE(!alert.empty());

    auto status = [&](const std::string& team, const std::string& s) {
        return mosquitto_pub(broker, "platslage/v1/cityterminalen/outreach/" + team + "/status",
                             R"({"ts":")" + now_rfc3339() + R"(","status":")" + s + R"(","zone":"cityterminalen.vanthall"})");
    };
    REQUIRE(status("team-a", "available") == "0");
    REQUIRE(status("team-b", "available") == "0");
    // team-a's handheld is mosquitto_sub: the order, then its withdrawal.
    ChildProcess sub_a({"/usr/bin/env", mosquitto_login("sim"), "/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p", std::to_string(broker.port()), "-q", "1", "-C", "2",
                        "-W", "30", "-t", "platslage/v1/+/outreach/team-a/dispatch"},
                       dir.path() / "sub-a.log");
    ChildProcess sub_b({"/usr/bin/env", mosquitto_login("sim"), "/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p", std::to_string(broker.port()), "-q", "1", "-C", "2",
                        "-W", "30", "-t", "platslage/v1/+/outreach/team-b/dispatch", "-t",
                        "platslage/v1/+/outreach/team-b/receipt"},
                       dir.path() / "sub-b.log");
    std::this_thread::sleep_for(500ms); // both subscribed before the order goes out

    REQUIRE(hub.command({{"op", "dispatch"}, {"alert", alert}, {"by", "kc-2"}, {"team", "team-a"}}).kind == Reply::Kind::ok);
    REQUIRE(eventually([&] { return json_lines(sub_a.log_text()).size() == 1; }, 10s));
    std::string first = json_lines(sub_a.log_text())[0]["dispatch"];
    // Nobody answers: within the answer time plus a step of the clock, it is back.
    REQUIRE(eventually([&] {
        return sql_count(hub.db(), "SELECT count(*) FROM dispatches WHERE dispatch_id='" + first + "' AND state='unanswered'") == 1;
    }, 10s));
    auto back = open_alert(hub, "dispatch_unanswered", "cityterminalen.vanthall");
    REQUIRE(!back.empty());
    CHECK(hub.status()["alerts_open"] == 2);

    // The operator sends team-b instead: team-a is told its order is withdrawn.
    REQUIRE(hub.command({{"op", "dispatch"}, {"alert", alert}, {"by", "kc-2"}, {"team", "team-b"}}).kind == Reply::Kind::ok);
    REQUIRE(sub_a.wait(10s) == 0);
    auto a_lines = json_lines(sub_a.log_text());
    REQUIRE(a_lines.size() == 2);
    CHECK(a_lines[1]["dispatch"] == first);
    CHECK(a_lines[1]["withdrawn"] == true);
    REQUIRE(eventually([&] { return !json_lines(sub_b.log_text()).empty(); }, 10s));
    std::string second = json_lines(sub_b.log_text())[0]["dispatch"];
    CHECK(second != first);

    // team-b answers with mosquitto_pub and gets its receipt on the same subscription.
    REQUIRE(mosquitto_pub(broker, "platslage/v1/cityterminalen/outreach/team-b/ack",
                          R"({"dispatch":")" + second + R"(","ts":")" + now_rfc3339() + R"("})") == "0");
    REQUIRE(sub_b.wait(10s) == 0);
    auto b_lines = json_lines(sub_b.log_text());
    REQUIRE(b_lines.size() == 2);
    CHECK(b_lines[1] == nlohmann::json{{"id", second}, {"of", "ack"}, {"status", "stored"}});
    // team-a's answer to the withdrawn order is refused, with the reason counted.
    REQUIRE(mosquitto_pub(broker, "platslage/v1/cityterminalen/outreach/team-a/ack",
                          R"({"dispatch":")" + first + R"(","ts":")" + now_rfc3339() + R"("})") == "0");
    REQUIRE(eventually([&] { return hub.status()["rejected"]["by_reason"].value("not_allowed", 0) == 1; }, 10s));
    REQUIRE(mosquitto_pub(broker, "platslage/v1/cityterminalen/outreach/team-b/outcome",
                          R"({"dispatch":")" + second + R"(","ts":")" + now_rfc3339() + R"(","outcome":"support_accepted","gender":"man"})") == "0");
    REQUIRE(eventually([&] { return hub.status()["alerts_open"] == 0; }, 10s));
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM dispatches WHERE state='withdrawn'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM dispatches WHERE state='completed' AND outcome='support_accepted'") == 1);
}

TEST_CASE("the reference handheld keeps what it cannot send and sends it in order when the broker is back") {
    TempDir dir("platslage-it10c");
    auto outbox = (dir.path() / "hh-12.jsonl").string();
    std::string nowhere = loopback(free_port());
    auto report = [&](const std::string& mqtt, const std::string& id) {
        return handheld(dir.path(), mqtt, {"--device", "hh-12", "report", "--zone", "centralen.vantytor", "--persons", "0",
                                           "--kind", "patrol", "--id", id, "--outbox", outbox});
    };
    auto r1 = report(nowhere, "p-1");
    CHECK(r1.rc == 75);
    CHECK(r1.out.find("1 kept") != std::string::npos);
    CHECK(report(nowhere, "p-2").rc == 75);

    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    auto flushed = handheld(dir.path(), broker.url(), {"--device", "hh-12", "flush", "--outbox", outbox});
    CHECK(flushed.rc == 0);
    CHECK(flushed.out.find("stored report p-1\nstored report p-2\n") != std::string::npos);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM guard_reports WHERE device='hh-12'") == 2);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM guard_reports a JOIN guard_reports b ON a.device=b.device "
                              "WHERE a.report_id='p-1' AND b.report_id='p-2' AND a.event_id < b.event_id") == 1);
    auto empty = handheld(dir.path(), broker.url(), {"--device", "hh-12", "flush", "--outbox", outbox});
    CHECK(empty.rc == 0);
    CHECK(empty.out.find("outbox empty") != std::string::npos);
}
