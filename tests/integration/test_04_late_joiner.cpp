// The Clone pattern end to end: a late joiner and a restarted hub end with the same picture.
#include "system_under_test.hpp"
#include "wire.hpp"
#include "zmq_frames.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {
void feed(Handheld& hh, zmq::socket_t& push, int from, int to) {
    const char* zones[] = {"centralen.centralhallen", "centralen.vantytor", "centralen.nedre-plan", "centralen.toaletter"};
    for (int i = from; i < to; ++i) {
        REQUIRE(hh.publish_report(report_json("lj-" + std::to_string(i), zones[i % 4], i % 3, i % 3 ? std::vector<std::string>{"sleeping"} : std::vector<std::string>{})));
        send_frames(push, encode_occupancy(nlohmann::json{{"sensor", "s" + std::to_string(i % 4)}, {"zone", zones[i % 4]},
                                                          {"ts", now_rfc3339()}, {"count", 10 * i}}.dump()));
    }
}
bool same_picture(Subscriber& a, Subscriber& b) {
    a.pump(50ms);
    b.pump(50ms);
    return a.replica().link() == LinkState::live && b.replica().link() == LinkState::live &&
           a.replica().sequence() == b.replica().sequence() && a.replica().entries() == b.replica().entries();
}
} // namespace

TEST_CASE("a late-joining subscriber ends with the same state as one that was there from the start") {
    TempDir dir("platslage-it04");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    zmq::context_t ctx(1);
    zmq::socket_t push(ctx, zmq::socket_type::push);
    push.set(zmq::sockopt::linger, 1000);
    secure_client(push, TestSite::get().keys("sensor"));
    push.connect(loopback(hub.ports().ingest));
    Handheld hh(broker.url(), "centralen", "hh-04");

    Subscriber early(ctx, hub.ports());
    early.pump(200ms);
    REQUIRE(early.replica().link() == LinkState::live);
    feed(hh, push, 0, 40);
    early.pump(300ms);

    Subscriber late(ctx, hub.ports()); // joins mid-stream
    feed(hh, push, 40, 80);
    CHECK(eventually([&] { return same_picture(early, late); }));
    CHECK(early.replica().resyncs() == 0);
    // Every report is in the picture (the 200 most recent are kept). Log ids are shared with
    // the occupancy samples, so which id the first report got depends on arrival order.
    auto reports = std::count_if(early.replica().entries().begin(), early.replica().entries().end(),
                                 [](const auto& kv) { return kv.first.rfind("report/", 0) == 0; });
    CHECK(reports == 80);
    CHECK(late.replica().entries().size() > 19 + 2 + 40);
}

TEST_CASE("after a restart the hub rebuilds the same picture from its log, and subscribers resync") {
    TempDir dir("platslage-it04b");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    zmq::context_t ctx(1);
    zmq::socket_t push(ctx, zmq::socket_type::push);
    push.set(zmq::sockopt::linger, 1000);
    secure_client(push, TestSite::get().keys("sensor"));
    push.connect(loopback(hub.ports().ingest));
    Handheld hh(broker.url(), "centralen", "hh-06");
    feed(hh, push, 0, 30);

    Subscriber watcher(ctx, hub.ports());
    REQUIRE(eventually([&] {
        watcher.pump(50ms);
        return sql_count(hub.db(), "SELECT count(*) FROM events") == 60 && watcher.replica().link() == LinkState::live &&
               watcher.replica().sequence() == hub.status()["seq"];
    }));
    auto before = watcher.replica().entries();

    hub.start(); // SIGTERM, then start again on the same database and ports
    Subscriber fresh(ctx, hub.ports());
    CHECK(eventually([&] {
        fresh.pump(50ms);
        return fresh.replica().link() == LinkState::live && fresh.replica().entries() == before;
    }));
    // The watcher was live before the restart: it must notice the new epoch and resync.
    CHECK(eventually([&] {
        bool same = same_picture(watcher, fresh);
        return same && watcher.replica().resyncs() >= 1;
    }));
}
