// The command desk and the order desk behind the publisher: alert commands are judged,
// committed and only then carried out; alert steps and orders are stored beside the log
// (again after a write that failed), and teams are sent their orders and withdrawals.
#include "hub_parts.hpp"

using namespace platslage;
using namespace platslage::test;

namespace {
const std::string team_topic = "platslage/v1/centralen/outreach/team-1/";

// A guard's report that opens a needs_care alert; its id.
std::string open_care_alert(HubParts& parts, const std::string& zone = "centralen.vantytor") {
    static int n = 0;
    parts.mqtt_in("platslage/v1/centralen/guard/hh-07/report",
                  report_json("care-" + std::to_string(n++), zone, 1, {"needs_care"}, parts.clock.now()));
    parts.take_inputs();
    for (const auto& [id, a] : parts.hub.situation.fusion().alerts().alerts())
        if (a.zone == zone && a.rule == AlertRule::needs_care) return id;
    return {};
}

void team_available(HubParts& parts) {
    parts.mqtt_in(team_topic + "status",
                  nlohmann::json{{"ts", format_rfc3339(parts.clock.now())}, {"status", "available"},
                                 {"zone", "centralen.centralhallen"}, {"org", "capio"}}
                      .dump());
    parts.take_inputs();
}

std::int64_t steps_of(HubParts& parts, const std::string& alert) {
    return sql_count(parts.db, "SELECT count(*) FROM alert_steps WHERE alert_id='" + alert + "'");
}
} // namespace

TEST_CASE("an alert command is refused with its reason, counted and kept; nothing is carried out") {
    HubParts parts;
    auto events = parts.log.event_count();
    auto unknown = parts.command({{"op", "acknowledge"}, {"alert", "A-999999"}, {"by", "kc-1"}});
    CHECK(unknown.kind == Reply::Kind::error);
    CHECK(unknown.text.rfind("unknown_alert: ", 0) == 0);
    auto broken = parts.command({{"op", "acknowledge"}, {"by", "kc-1"}});
    CHECK(broken.kind == Reply::Kind::error);
    CHECK(parts.refusals.counters().total() == 2);
    CHECK(sql_count(parts.db, "SELECT count(*) FROM refusals WHERE source='command'") == 2);
    CHECK(parts.log.event_count() == events);
}

TEST_CASE("an alert command is committed, carried out, published and its step stored") {
    HubParts parts;
    auto alert = open_care_alert(parts);
    REQUIRE_FALSE(alert.empty());
    CHECK(steps_of(parts, alert) == 1); // raised
    parts.published();
    auto events = parts.log.event_count();

    parts.clock.advance(std::chrono::seconds(30));
    auto ack = parts.command({{"op", "acknowledge"}, {"alert", alert}, {"by", "kc-1"}});
    REQUIRE(ack.kind == Reply::Kind::ok);
    CHECK(nlohmann::json::parse(ack.text)["state"] == "acknowledged");
    CHECK(parts.log.event_count() == events + 1);
    CHECK(sql_count(parts.db, "SELECT count(*) FROM events WHERE kind='alert_command'") == 1);
    CHECK(steps_of(parts, alert) == 2);
    bool published = false;
    for (const auto& p : parts.published())
        if (p.update.key == "alert/" + alert)
            published = nlohmann::json::parse(p.update.body)["state"] == "acknowledged";
    CHECK(published);

    // The same command again is refused: the alert has moved on.
    auto twice = parts.command({{"op", "acknowledge"}, {"alert", alert}, {"by", "kc-1"}});
    CHECK(twice.kind == Reply::Kind::error);
}

TEST_CASE("a dispatch is sent to its team, sent again when the link comes up, and withdrawn when the alert is resolved") {
    HubParts parts;
    team_available(parts);
    auto alert = open_care_alert(parts);
    REQUIRE_FALSE(alert.empty());

    auto sent = parts.command({{"op", "dispatch"}, {"alert", alert}, {"by", "kc-1"}, {"team", "team-1"}});
    REQUIRE(sent.kind == Reply::Kind::ok);
    auto orders = parts.mqtt.on(team_topic + "dispatch");
    REQUIRE(orders.size() == 1);
    auto order = nlohmann::json::parse(orders[0].payload);
    CHECK(order["alert"] == alert);
    CHECK(order["zone"] == "centralen.vantytor");
    CHECK(orders[0].qos == 1);
    std::string dispatch = order["dispatch"];
    CHECK(sql_count(parts.db, "SELECT count(*) FROM dispatches WHERE state='sent'") == 1);

    // The broker link came back: the open order goes out again.
    parts.orders.resend_open_orders();
    CHECK(parts.mqtt.on(team_topic + "dispatch").size() == 2);

    // The team's answer gets its receipt after its commit; the same answer again is a repeat.
    auto answer = nlohmann::json{{"dispatch", dispatch}, {"ts", format_rfc3339(parts.clock.now())}}.dump();
    parts.mqtt_in(team_topic + "ack", answer);
    parts.take_inputs();
    parts.mqtt_in(team_topic + "ack", answer);
    parts.mqtt_in(team_topic + "ack", nlohmann::json{{"dispatch", "D-000099"}, {"ts", format_rfc3339(parts.clock.now())}}.dump());
    parts.take_inputs();
    auto receipts = parts.receipts(team_topic + "receipt");
    REQUIRE(receipts.size() == 3);
    CHECK(receipts[0].status == ReceiptStatus::stored);
    CHECK(receipts[0].of == "ack");
    CHECK(receipts[0].id == dispatch);
    CHECK(receipts[1].status == ReceiptStatus::duplicate);
    CHECK(receipts[2].status == ReceiptStatus::refused);
    CHECK(receipts[2].reason == "unknown_dispatch");
    CHECK(sql_count(parts.db, "SELECT count(*) FROM events WHERE kind='dispatch_ack'") == 1);

    auto resolved = parts.command({{"op", "resolve"}, {"alert", alert}, {"by", "kc-1"}, {"outcome", "referred"}});
    REQUIRE(resolved.kind == Reply::Kind::ok);
    orders = parts.mqtt.on(team_topic + "dispatch");
    REQUIRE(orders.size() == 3);
    auto withdrawal = nlohmann::json::parse(orders.back().payload);
    CHECK(withdrawal["dispatch"] == dispatch);
    CHECK(withdrawal["withdrawn"] == true);
    CHECK(sql_count(parts.db, "SELECT count(*) FROM dispatches WHERE state='withdrawn'") == 1);
    // Withdrawn orders are not sent again.
    parts.orders.resend_open_orders();
    CHECK(parts.mqtt.on(team_topic + "dispatch").size() == 3);
}

TEST_CASE("alert steps and orders that failed to store are stored at a later tick") {
    HubParts parts;
    team_available(parts);
    run_sql(parts.db, "CREATE TRIGGER no_room BEFORE INSERT ON alert_steps BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    auto alert = open_care_alert(parts);
    REQUIRE_FALSE(alert.empty());
    CHECK(parts.orders.unstored());
    CHECK(steps_of(parts, alert) == 0);
    parts.orders.retry_unstored();
    CHECK(parts.orders.unstored()); // still no room
    run_sql(parts.db, "DROP TRIGGER no_room");
    parts.orders.retry_unstored();
    CHECK_FALSE(parts.orders.unstored());
    CHECK(steps_of(parts, alert) == 1);

    run_sql(parts.db, "CREATE TRIGGER no_room BEFORE INSERT ON dispatches BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    REQUIRE(parts.command({{"op", "dispatch"}, {"alert", alert}, {"by", "kc-1"}, {"team", "team-1"}}).kind == Reply::Kind::ok);
    CHECK(parts.orders.unstored());
    CHECK(parts.mqtt.on(team_topic + "dispatch").size() == 1); // the order is in the event log, and sent
    run_sql(parts.db, "DROP TRIGGER no_room");
    parts.orders.retry_unstored();
    CHECK_FALSE(parts.orders.unstored());
    CHECK(sql_count(parts.db, "SELECT count(*) FROM dispatches") == 1);
    CHECK(parts.mqtt.on(team_topic + "dispatch").size() == 1); // told once
}

TEST_CASE("without a broker link (before the loop runs) orders are stored but not sent") {
    HubParts parts;
    team_available(parts);
    auto alert = open_care_alert(parts);
    parts.hub.mqtt = nullptr;
    REQUIRE(parts.command({{"op", "dispatch"}, {"alert", alert}, {"by", "kc-1"}, {"team", "team-1"}}).kind == Reply::Kind::ok);
    CHECK(sql_count(parts.db, "SELECT count(*) FROM dispatches") == 1);
    parts.hub.mqtt = &parts.mqtt;
    CHECK(parts.mqtt.on(team_topic + "dispatch").empty());
    parts.orders.resend_open_orders();
    CHECK(parts.mqtt.on(team_topic + "dispatch").size() == 1);
}
