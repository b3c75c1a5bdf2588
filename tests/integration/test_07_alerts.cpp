// A night through the real hub: reports arrive over MQTT, alerts open and reach consoles,
// an operator acknowledges one and resolves another over the ROUTER, bad commands are
// refused with a reason, and after a restart (clean, or killed) the hub has the same
// picture and the same open alerts. Every step of every alert is in SQLite.
#include "alert.hpp"
#include "system_under_test.hpp"
#include "wire.hpp"
#include "zmq_frames.hpp"

#include <doctest/doctest.h>

#include <csignal>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {
std::map<std::string, nlohmann::json> alerts_in(Subscriber& s) {
    s.pump(50ms);
    std::map<std::string, nlohmann::json> out;
    for (const auto& [key, body] : s.replica().entries())
        if (key.rfind("alert/", 0) == 0) out[key.substr(6)] = nlohmann::json::parse(body);
    return out;
}
std::string id_of(const std::map<std::string, nlohmann::json>& alerts, const std::string& rule) {
    for (const auto& [id, a] : alerts)
        if (a["rule"] == rule) return id;
    return {};
}
} // namespace

TEST_CASE("through a night: alerts open, are acted on, and survive a restart of the hub") {
    TempDir dir("platslage-it07");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url(), HubPorts{}, {"--snapshot-every-s", "0"});
    REQUIRE(hub.wait_mqtt_up());
    zmq::context_t ctx(1);
    Subscriber console(ctx, hub.ports());
    Handheld hh(broker.url(), "centralen", "hh-07");
    Handheld team(broker.url(), "centralen", "team-07");

    REQUIRE(team.publish("platslage/v1/centralen/outreach/team-07/status",
                         R"({"ts":")" + now_rfc3339() + R"(","status":"available","zone":"centralen.centralhallen","org":"capio"})"));
    REQUIRE(hh.publish_report(report_json("n-1", "centralen.vantytor", 1, {"needs_care"})));
    REQUIRE(hh.publish_report(report_json("n-2", "centralen.nedre-plan", 2, {"family_with_children"})));
    REQUIRE(hh.publish_report(report_json("n-3", "centralen.centralhallen", 3, {"sleeping"})));
    REQUIRE(hh.publish_report(report_json("n-4", "centralen.vantytor", 2, {"needs_care", "intoxicated"}))); // joins n-1

    REQUIRE(eventually([&] { return alerts_in(console).size() == 3; }, 5s));
    auto alerts = alerts_in(console);
    auto care = id_of(alerts, "needs_care");
    auto child = id_of(alerts, "child");
    REQUIRE_FALSE(care.empty());
    REQUIRE_FALSE(child.empty());
    CHECK(alerts[care]["severity"] == "critical");
    CHECK(alerts[care]["signals"] == 2);
    CHECK(alerts[care]["persons"] == 2);
    CHECK(hub.status()["alerts_open"] == 3);
    auto zone = nlohmann::json::parse(console.replica().entries().at("zone/centralen.vantytor"));
    CHECK(zone["hotspot"]["score"].get<int>() >= 30);
    CHECK(zone["reported"]["needs_care"] == 2);

    // The operator acknowledges the care alert, assigns it to the team, and resolves the child one.
    auto ack = hub.command({{"op", "acknowledge"}, {"alert", care}, {"by", "kc-1"}});
    REQUIRE(ack.kind == Reply::Kind::ok);
    CHECK(nlohmann::json::parse(ack.text)["state"] == "acknowledged");
    auto assign = hub.command({{"op", "assign"}, {"alert", care}, {"by", "kc-1"}, {"team", "team-07"}});
    REQUIRE(assign.kind == Reply::Kind::ok);
    auto resolve = hub.command({{"op", "resolve"}, {"alert", child}, {"by", "kc-2"}, {"outcome", "referred"},
                                {"note", "socialjouren tog över, ring 08-123 456 78"}});
    REQUIRE(resolve.kind == Reply::Kind::ok);
    auto resolved = nlohmann::json::parse(resolve.text);
    CHECK(resolved["state"] == "resolved");
    CHECK(resolved["history"].back()["detail"].get<std::string>().find("123 456") == std::string::npos); // scrubbed

    // Refusals: each with its reason, counted, and the hub keeps going.
    auto twice = hub.command({{"op", "resolve"}, {"alert", child}, {"by", "kc-2"}, {"outcome", "referred"}});
    CHECK(twice.kind == Reply::Kind::error);
    CHECK(twice.text.rfind("not_allowed:", 0) == 0);
    CHECK(hub.command({{"op", "acknowledge"}, {"alert", "A-999999"}, {"by", "kc-1"}}).text.rfind("unknown_alert:", 0) == 0);
    CHECK(hub.command({{"op", "assign"}, {"alert", care}, {"by", "kc-1"}, {"team", "team-99"}}).text.rfind("unknown_team:", 0) == 0);
    // The hub judges by the key's role, whatever the command says about itself: a viewer's key is refused.
    CHECK(hub.command({{"op", "acknowledge"}, {"alert", care}, {"by", "kc-1"}}, "viewer-1").text.rfind("forbidden:", 0) == 0);
    auto status = hub.status();
    CHECK(status["rejected"]["by_reason"]["not_allowed"] == 1);
    CHECK(status["rejected"]["by_reason"]["unknown_alert"] == 1);
    CHECK(status["alerts_open"] == 2);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM refusals WHERE source='command'") == 4);

    REQUIRE(eventually([&] { return alerts_in(console)[care]["state"] == "assigned" && alerts_in(console)[child]["state"] == "resolved"; }, 3s));
    auto before = alerts_in(console);
    // Every step is in SQLite with who and when: care raised, joined, acknowledged, assigned.
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE alert_id='" + care + "'") == 4);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE alert_id='" + child + "' AND what='resolved' AND by='kc-2'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='alert_command'") == 3);

    SUBCASE("a clean restart starts from the snapshot it saved") {
        hub.process().signal(SIGTERM);
        REQUIRE(hub.process().wait(10s) == 0);
        CHECK(sql_count(hub.db(), "SELECT count(*) FROM snapshots") == 1);
        hub.start();
        CHECK(hub.process().log_text().find("snapshot of") != std::string::npos);
    }
    SUBCASE("a killed hub replays its log and gets the same") {
        hub.process().signal(SIGKILL);
        hub.process().wait(5s);
        CHECK(sql_count(hub.db(), "SELECT count(*) FROM snapshots") == 0);
        hub.start();
    }
    // The console notices the new epoch by itself and resyncs.
    REQUIRE(eventually([&] {
        auto now_shown = alerts_in(console); // pumps the console's sockets
        return console.replica().link() == LinkState::live && console.replica().resyncs() >= 1 && now_shown.size() == before.size();
    }, 10s));
    auto after = alerts_in(console);
    CHECK(before == after); // the same alerts, in every field and every step of their history
    CHECK(hub.status()["alerts_open"] == 2);
    // The numbering carries on after the restart.
    REQUIRE(hh.publish_report(report_json("n-5", "centralen.toaletter", 1, {"minor"})));
    REQUIRE(eventually([&] { return alerts_in(console).size() == before.size() + 1; }, 5s));
    CHECK(alerts_in(console).count("A-000004") == 1);
}

TEST_CASE("a command's reply is the same value as the alert's key, steps and all") {
    TempDir dir("platslage-it07c");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    zmq::context_t ctx(1);
    Subscriber console(ctx, hub.ports());
    Handheld hh(broker.url(), "centralen", "hh-07");
    // A long night in one zone: more steps than the picture carries.
    for (int i = 0; i < 30; ++i)
        REQUIRE(hh.publish_report(report_json("j-" + std::to_string(i), "centralen.vantytor", 1, {"needs_care"})));
    REQUIRE(eventually([&] {
        auto alerts = alerts_in(console);
        return alerts.size() == 1 && alerts.begin()->second["steps"].get<int>() == 30;
    }, 10s));
    const auto id = alerts_in(console).begin()->first;
    auto noted = hub.command({{"op", "note"}, {"alert", id}, {"by", "kc-1"}, {"note", "följer upp"}});
    REQUIRE(noted.kind == Reply::Kind::ok);
    auto reply = nlohmann::json::parse(noted.text);
    CHECK(reply["steps"] == 31);
    CHECK(reply["history"].size() == alert_steps_shown);
    CHECK(reply["history"].back()["detail"] == "följer upp");
    REQUIRE(eventually([&] { return alerts_in(console)[id]["steps"] == 31; }, 5s));
    CHECK(alerts_in(console)[id] == reply);
}

TEST_CASE("the weather input puts the hub in extra cold night mode") {
    TempDir dir("platslage-it07b");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    zmq::context_t ctx(1);
    zmq::socket_t push(ctx, zmq::socket_type::push);
    push.set(zmq::sockopt::linger, 1000);
    secure_client(push, TestSite::get().keys("sensor"));
    push.connect(loopback(hub.ports().ingest));
    Subscriber console(ctx, hub.ports());
    send_frames(push, encode_weather(R"({"source":"smhi","ts":")" + now_rfc3339() + R"(","temperature_c":-12.5})"));
    send_frames(push, encode_weather(R"({"source":"smhi","ts":")" + now_rfc3339() + R"(","temperature_c":"cold"})"));
    REQUIRE(eventually([&] { return hub.status()["extra_cold"] == true; }, 3s));
    CHECK(eventually([&] { return hub.status()["rejected"]["by_reason"]["wrong_type"] == 1; }, 3s));
    Handheld hh(broker.url(), "cityterminalen", "hh-08");
    REQUIRE(hh.publish_report(report_json("c-1", "cityterminalen.vanthall", 1, {"sleeping"})));
    REQUIRE(eventually([&] { return alerts_in(console).size() == 1; }, 5s));
    CHECK(alerts_in(console).begin()->second["severity"] == "major");
    CHECK(nlohmann::json::parse(console.replica().entries().at("weather"))["temperature_c"] == -12.5);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='weather'") == 1);
}
