// Occupancy is state: the latest sample per zone counts, and silence is noticed.
#include "system_under_test.hpp"
#include "wire.hpp"
#include "zmq_frames.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

TEST_CASE("a sensor that goes silent is noticed in the zone and the station") {
    TempDir dir("platslage-it05");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url(), HubPorts{}, {"--sensor-silent-s", "1", "--evaluate-every-s", "1"});
    zmq::context_t ctx(1);
    zmq::socket_t push(ctx, zmq::socket_type::push);
    push.set(zmq::sockopt::linger, 1000);
    secure_client(push, TestSite::get().keys("sensor"));
    push.connect(loopback(hub.ports().ingest));
    Subscriber console(ctx, hub.ports());

    send_frames(push, encode_occupancy(R"({"sensor":"axis-t1","zone":"cityterminalen.toaletter","ts":")" + now_rfc3339() + R"(","count":12})"));
    auto zone = [&] {
        console.pump(20ms);
        auto it = console.replica().entries().find("zone/cityterminalen.toaletter");
        return it == console.replica().entries().end() ? nlohmann::json() : nlohmann::json::parse(it->second);
    };
    REQUIRE(eventually([&] { return zone()["occupancy"] == 12 && zone()["sensor"] == "ok"; }, 3s));
    CHECK(eventually([&] { return zone()["sensor"] == "silent"; }, 5s));
    auto station = nlohmann::json::parse(console.replica().entries().at("station/cityterminalen"));
    CHECK(station["sensors_silent"] == 1);
    CHECK(zone()["occupancy"] == 12); // the last known count stays visible, marked silent

    send_frames(push, encode_occupancy(R"({"sensor":"axis-t1","zone":"cityterminalen.toaletter","ts":")" + now_rfc3339() + R"(","count":3})"));
    CHECK(eventually([&] { return zone()["sensor"] == "ok" && zone()["occupancy"] == 3; }, 3s));
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='occupancy'") == 2);

    // The zone's day, as the console's chart asks for it: one bucket, the last count in it.
    zmq::socket_t dealer(ctx, zmq::socket_type::dealer);
    dealer.set(zmq::sockopt::linger, 0);
    secure_client(dealer, TestSite::get().keys("kc-1"));
    dealer.connect(loopback(hub.ports().router));
    send_frames(dealer, encode_history_request("cityterminalen.toaletter"));
    zmq::pollitem_t items[] = {{dealer.handle(), 0, ZMQ_POLLIN, 0}};
    REQUIRE(zmq::poll(items, 1, std::chrono::milliseconds(2000)) == 1);
    auto reply = decode_reply(*recv_frames(dealer, false));
    REQUIRE(reply);
    REQUIRE(reply->kind == Reply::Kind::history);
    auto day = nlohmann::json::parse(reply->text);
    CHECK(day["zone"] == "cityterminalen.toaletter");
    REQUIRE(day["counts"].size() >= 1);
    CHECK(day["counts"].back()[1] == 3);
    send_frames(dealer, encode_history_request("centralen.nowhere"));
    REQUIRE(zmq::poll(items, 1, std::chrono::milliseconds(2000)) == 1);
    auto refused = decode_reply(*recv_frames(dealer, false));
    CHECK(refused->kind == Reply::Kind::error);
    CHECK(refused->text.rfind("unknown_zone:", 0) == 0);
}
