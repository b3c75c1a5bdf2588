// The console's command path end to end: the console's own network side (HubLink, the
// code behind the A, T, R and N keys) sends commands to a real hub, gets its answers, and
// sees the alert change in its picture, as the operator would on screen.
#include "alert_queue.hpp"
#include "hub_link.hpp"
#include "system_under_test.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {
const console::AlertView* find_alert(const console::Picture& p, const std::string& rule) {
    for (const auto& a : p.alerts)
        if (a->rule == rule) return a.get();
    return nullptr;
}
} // namespace

TEST_CASE("an operator acknowledges and resolves an alert through the console's command path") {
    TempDir dir("platslage-it08");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    Handheld hh(broker.url(), "centralen", "hh-08");
    REQUIRE(hh.publish_report(report_json("c-1", "centralen.vantytor", 1, {"needs_care"})));

    console::HubLink link(hub.endpoints("kc-3"), nullptr); // the key of position kc-3
    std::string id;
    REQUIRE(eventually([&] {
        auto p = link.picture();
        const auto* a = find_alert(*p, "needs_care");
        if (p->link != LinkState::live || !a) return false;
        id = a->id;
        return true;
    }, 10s));

    auto answered = [&](std::uint64_t n) { return eventually([&] { return link.last_answer().number == n; }, 5s); };
    link.send_command(console::command_json("acknowledge", id, "kc-3"));
    REQUIRE(answered(1));
    CHECK(link.last_answer().ok);
    CHECK(eventually([&] { return find_alert(*link.picture(), "needs_care")->state == "acknowledged"; }, 5s));

    // A second acknowledge is refused, and the console is told why.
    link.send_command(console::command_json("acknowledge", id, "kc-3"));
    REQUIRE(answered(2));
    CHECK_FALSE(link.last_answer().ok);
    CHECK(link.last_answer().text.rfind("not_allowed:", 0) == 0);

    link.send_command(console::command_json("resolve", id, "kc-3", {{"outcome", "nobody_found"}}));
    REQUIRE(answered(3));
    CHECK(link.last_answer().ok);
    REQUIRE(eventually([&] { return find_alert(*link.picture(), "needs_care")->state == "resolved"; }, 5s));
    const auto* a = find_alert(*link.picture(), "needs_care");
    CHECK(a->outcome == "nobody_found");
    CHECK(a->history.back().by == "kc-3");
    CHECK(hub.status()["alerts_open"] == 0);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE alert_id='" + id + "' AND by='kc-3'") == 2);

    // Who did what (W): the three commands, the refused one too, as the console reads them.
    link.request_audit(id);
    REQUIRE(eventually([&] { return link.audit() && link.audit()->target == id; }, 5s));
    auto lines = console::audit_lines(*link.audit());
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].find("acknowledge by kc-3 (coordinator, key ") != std::string::npos);
    CHECK(lines[1].find("): REFUSED not_allowed") != std::string::npos);
    CHECK(lines[2].find("resolve by kc-3") != std::string::npos);
}

TEST_CASE("a command the hub never answers comes back to the operator as unanswered") {
    TempDir dir("platslage-it08b");
    HubPorts nobody;
    console::HubLink link(HubEndpoints{loopback(nobody.router), loopback(nobody.pub), TestSite::get().keys("kc-1")}, nullptr);
    link.send_command(console::command_json("acknowledge", "A-000001", "kc-3"));
    REQUIRE(eventually([&] { return link.last_answer().number == 1; }, 6s));
    CHECK_FALSE(link.last_answer().ok);
    CHECK(link.last_answer().text.find("no answer") != std::string::npos);
}
