// Every bad input is refused with a reason and counted; the hub keeps running and keeps
// what it accepted before.
#include "system_under_test.hpp"
#include "wire.hpp"
#include "zmq_frames.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

TEST_CASE("malformed and wrong reports are refused, counted by reason, answered, and nothing is lost") {
    TempDir dir("platslage-it02");
    // The broker's access control would stop the wrong version and the odd topics before the
    // hub (tests/integration/test_17_security.cpp): here the hub is shown refusing them itself.
    Broker broker(dir.path(), broker_lets_all_in);
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    Handheld hh(broker.url(), "centralen", "hh-01");
    REQUIRE(hh.publish_report(report_json("good-1", "centralen.vantytor", 1, {"sleeping"})));

    const std::string ts = now_rfc3339();
    struct Bad {
        std::string topic, payload, reason;
    };
    const std::string report = "platslage/v1/centralen/guard/hh-01/report";
    std::vector<Bad> bad{
        {report, "{this is not json", "malformed_json"},
        {report, R"({"id":"b2","ts":")" + ts + R"(","zone":"centralen.vantytor","kind":"observation","persons":"two"})", "wrong_type"},
        {report, R"({"id":"b3","ts":")" + ts + R"(","zone":"centralen.biljardhallen","kind":"observation","persons":1})", "unknown_zone"},
        {report, R"({"id":"b4","ts":")" + ts + R"(","zone":"cityterminalen.vanthall","kind":"observation","persons":1})", "topic_mismatch"},
        {report, std::string(5000, '{'), "oversize"},
        {report, R"({"id":"b6","ts":")" + ts + R"(","zone":"centralen.vantytor","kind":"observation","persons":1,"name":"x"})", "unknown_field"},
        {"platslage/v1/odenplan/guard/hh-09/report", R"({"id":"b7","ts":")" + ts + R"(","zone":"centralen.vantytor","kind":"patrol","persons":0})", "unknown_station"},
        {"platslage/v2/centralen/guard/hh-01/report", R"({"id":"b8"})", "wrong_version"},
        // A handheld named after a person: refused, and the number is kept nowhere.
        {"platslage/v1/centralen/guard/19800101-1234/report", R"({"id":"b9","ts":")" + ts + R"(","zone":"centralen.vantytor","kind":"patrol","persons":0})", "unknown_topic"},
    };
    // A handheld set up for a station the maps do not know listens for its receipts too.
    Handheld astray(broker.url(), "odenplan", "hh-09");
    for (const auto& b : bad) REQUIRE(hh.publish(b.topic, b.payload));

    auto status = hub.status();
    REQUIRE(eventually([&] {
        status = hub.status();
        return status["rejected"]["total"] == bad.size();
    }));
    for (const auto& b : bad) {
        INFO(b.reason);
        CHECK(status["rejected"]["by_reason"][b.reason] >= 1);
    }
    CHECK(hub.process().running());
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM refusals") == static_cast<std::int64_t>(bad.size()));
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM guard_reports WHERE report_id='good-1'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM guard_reports") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM refusals WHERE topic = 'platslage/v1/centralen/guard/[personnummer]/report'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM refusals WHERE topic LIKE '%1234%' OR detail LIKE '%1234%'") == 0);
    CHECK(hub.process().log_text().find("19800101") == std::string::npos);

    // The handheld learns why: refused receipts carry the id where it could be read.
    REQUIRE(eventually([&] { return hh.receipts().size() >= 7; }));
    bool told_zone = false;
    for (const auto& r : hh.receipts())
        if (r["id"] == "b3" && r["status"] == "refused" && r["reason"] == "unknown_zone") told_zone = true;
    CHECK(told_zone);
    // Told, not left to resend for ever: the station is unknown, and the handheld hears why.
    REQUIRE(eventually([&] { return !astray.receipts().empty(); }));
    CHECK(astray.receipts()[0]["id"] == "b7");
    CHECK(astray.receipts()[0]["status"] == "refused");
    CHECK(astray.receipts()[0]["reason"] == "unknown_station");

    // Still working afterwards.
    REQUIRE(hh.publish_report(report_json("good-2", "centralen.vantytor", 0, {}, "patrol")));
    CHECK(eventually([&] { return sql_count(hub.db(), "SELECT count(*) FROM guard_reports") == 2; }));
}

TEST_CASE("bad sensor samples over ZeroMQ are refused and counted") {
    TempDir dir("platslage-it02b");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    zmq::context_t ctx(1);
    zmq::socket_t push(ctx, zmq::socket_type::push);
    push.set(zmq::sockopt::linger, 1000);
    secure_client(push, TestSite::get().keys("sensor"));
    push.connect(loopback(hub.ports().ingest));
    send_frames(push, {"just one frame"});
    send_frames(push, {"PLS9", "OCCUPANCY", "{}"});
    send_frames(push, encode_occupancy(R"({"sensor":"s1","zone":"centralen.centralhallen","ts":")" + now_rfc3339() + R"(","count":-5})"));
    send_frames(push, encode_occupancy(R"({"sensor":"s1","zone":"centralen.centralhallen","ts":")" + now_rfc3339() + R"(","count":250})"));
    REQUIRE(eventually([&] { return hub.status()["rejected"]["total"] == 3; }));
    auto st = hub.status();
    CHECK(st["rejected"]["by_reason"]["wrong_version"] == 2);
    CHECK(st["rejected"]["by_reason"]["bad_value"] == 1);
    CHECK(eventually([&] { return hub.status()["stations"]["centralen"]["occupancy"] == 250; }));
}

TEST_CASE("a request the ROUTER cannot read is answered with its reason, counted, and the hub keeps serving") {
    TempDir dir("platslage-it02c");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    zmq::context_t ctx(1);
    auto ask = [&](const Frames& request) -> std::string {
        zmq::socket_t dealer(ctx, zmq::socket_type::dealer);
        dealer.set(zmq::sockopt::linger, 0);
        secure_client(dealer, TestSite::get().keys("kc-1"));
        dealer.connect(loopback(hub.ports().router));
        send_frames(dealer, request);
        zmq::pollitem_t items[] = {{dealer.handle(), 0, ZMQ_POLLIN, 0}};
        if (zmq::poll(items, 1, 2000ms) == 0) return "no answer";
        auto reply = decode_reply(*recv_frames(dealer, false));
        return reply && reply->kind == Reply::Kind::error ? reply->text : "not an error";
    };
    // The same "reason: detail" form as a refused command, so a client can switch on the reason.
    CHECK(ask({"PLS1", "DANCE"}) == "unknown_topic: unknown verb 'DANCE'");
    CHECK(ask({"PLS1"}).rfind("missing_field: ", 0) == 0);
    auto st = hub.status();
    CHECK(st["rejected"]["by_reason"]["unknown_topic"] == 1);
    CHECK(st["rejected"]["by_reason"]["missing_field"] == 1);
}
