// What a handheld may rely on (docs/protocol.md, "Delivery"), proven against a hub killed
// with SIGKILL in the middle of a stream of reports.
#include "report_outbox.hpp"
#include "receipt.hpp"
#include "system_under_test.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <set>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {
std::string id_of(int i) { return "k-" + std::to_string(1000 + i); }
} // namespace

TEST_CASE("a SIGKILLed hub loses no acknowledged report") {
    TempDir dir("platslage-it03");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    Handheld hh(broker.url(), "centralen", "hh-09");
    ReportOutbox outbox(2s);

    constexpr int total = 300;
    constexpr int kill_after = 120;
    std::set<std::string> acked_while_down;
    for (int i = 0; i < total; ++i) {
        if (i == kill_after) {
            hub.process().signal(SIGKILL);
            REQUIRE(hub.process().wait(5s) == -SIGKILL);
        }
        auto payload = report_json(id_of(i), i % 2 ? "centralen.vantytor" : "centralen.nedre-plan", 1, {"sleeping"});
        outbox.add(id_of(i), hh.report_topic(), payload);
        auto* entry = outbox.due(wall_now()).back();
        REQUIRE(hh.publish_report(payload)); // the broker's PUBACK
        outbox.mark_sent(*entry, wall_now());
        if (i >= kill_after) acked_while_down.insert(id_of(i));
    }

    hub.start(); // same database, same MQTT session id

    // 1. Reports the broker acknowledged while the hub was down are delivered from the
    //    hub's persistent session, without any resend.
    bool all_down_arrived = eventually([&] {
        return sql_count(hub.db(), "SELECT count(*) FROM guard_reports WHERE device='hh-09' AND CAST(substr(report_id,3) AS INTEGER) >= " +
                                       std::to_string(1000 + kill_after)) == static_cast<std::int64_t>(acked_while_down.size());
    }, 20s);
    CHECK(all_down_arrived);

    // 2. Reports in flight when the hub died are covered by the receipt: the handheld
    //    resends whatever has no receipt, and the hub stores each once.
    auto drained = eventually([&] {
        for (const auto& r : hh.receipts())
            if (r["id"].is_string()) outbox.close(r["id"].get<std::string>(), ReceiptStatus::stored);
        for (auto* e : outbox.due(wall_now())) {
            hh.publish_report(e->payload);
            outbox.mark_sent(*e, wall_now());
        }
        return outbox.pending() == 0;
    }, 30s);
    CHECK(drained);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM guard_reports WHERE device='hh-09'") == total);
    CHECK(sql_count(hub.db(), "SELECT count(DISTINCT report_id) FROM guard_reports WHERE device='hh-09'") == total);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='guard_report'") == total);
    CHECK(hub.process().running());
}
