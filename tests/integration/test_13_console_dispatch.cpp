// Outreach dispatch from the console's keyboard, end to end: the real broker and hub, the
// console in a real window on Xvfb, keys pressed through its GLFW key path (--keys). The
// order must reach the suggested team's handheld topic and the hub's dispatches table,
// the console must say how the hub answered, and the screenshot must show the order.
#include "system_under_test.hpp"
#include "virtual_display.hpp"

#include <doctest/doctest.h>
#include <stb_image.h>

#include <climits>
#include <fstream>
#include <sstream>
#include <thread>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {

struct Shot {
    int exit_code = INT_MIN;
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;
    std::string log;

    template <class F>
    std::size_t count(int x0, int y0, int x1, int y1, F&& match) const {
        std::size_t n = 0;
        for (int y = y0; y < y1 && y < height; ++y)
            for (int x = x0; x < x1 && x < width; ++x) {
                auto i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3;
                if (match(rgb[i], rgb[i + 1], rgb[i + 2])) ++n;
            }
        return n;
    }
};

// The console at 1600×900 (its default size), pressing `keys` once live, then the PNG.
Shot console_run(const VirtualDisplay& display, const std::filesystem::path& dir, const HubPorts& ports, const std::string& name,
                 const std::string& keys) {
    auto png = dir / (name + ".png");
    std::vector<std::string> argv{"/usr/bin/env", "DISPLAY=" + display.name(), "LIBGL_ALWAYS_SOFTWARE=1", PLATSLAGE_CONSOLE_BIN,
                                  "--router", loopback(ports.router), "--pub", loopback(ports.pub), "--maps", PLATSLAGE_MAPS_DIR,
                                  "--screenshot", png.string(), "--screenshot-wait-s", "8", "--width", "1600", "--height", "900",
                                  "--position", "kc-13", "--key", key_file("kc-13"), "--hub-key", hub_key_file()};
    if (!keys.empty()) argv.insert(argv.end(), {"--keys", keys});
    ChildProcess console(argv, dir / (name + ".log"));
    Shot shot;
    shot.exit_code = console.wait(60s);
    shot.log = console.log_text();
    int channels = 0;
    if (unsigned char* data = stbi_load(png.c_str(), &shot.width, &shot.height, &channels, 3)) {
        shot.rgb.assign(data, data + static_cast<std::size_t>(shot.width) * static_cast<std::size_t>(shot.height) * 3);
        stbi_image_free(data);
    }
    return shot;
}

// The "sent" badge's sky blue (dispatch_state_colour("sent"): 0.35, 0.70, 0.95).
bool is_sent_blue(int r, int g, int b) { return std::abs(r - 89) <= 6 && std::abs(g - 179) <= 6 && std::abs(b - 242) <= 6; }
// The alert queue's window in the default layout: the right 42 % of the width, from the top bar
// to 64 % × 62 % of the height under it.
std::size_t sent_badge_pixels(const Shot& s) {
    int top = 34, bottom = top + static_cast<int>((s.height - top) * 0.64 * 0.62);
    return s.count(s.width * 58 / 100, top, s.width, bottom, is_sent_blue);
}

std::string team_status(const std::string& status, const std::string& zone) {
    return R"({"ts":")" + now_rfc3339() + R"(","status":")" + status + R"(","zone":")" + zone + R"(","org":"socialforvaltningen"})";
}

// The newest alert of this rule raised in this zone, as the hub stored its steps.
std::string raised_alert(Hub& hub, const std::string& rule, const std::string& zone) {
    std::string found;
    eventually([&] {
        found = sql_text(hub.db(), "SELECT alert_id FROM alert_steps WHERE rule='" + rule + "' AND zone='" + zone +
                                       "' AND what='raised' ORDER BY alert_id DESC LIMIT 1");
        return !found.empty();
    }, 10s);
    return found;
}

// Waits until the hub's picture has this many team keys.
bool teams_known(zmq::context_t& ctx, const HubPorts& ports, std::size_t n) {
    Subscriber watcher(ctx, ports);
    return eventually([&] {
        watcher.pump(50ms);
        std::size_t teams = 0;
        for (const auto& [key, value] : watcher.replica().entries()) teams += key.rfind("team/", 0) == 0 ? 1 : 0;
        return teams == n;
    }, 10s);
}

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

} // namespace

TEST_CASE("console dispatch: D and Enter send the nearest free team, skipping busy ones and one already on an order") {
    TempDir dir("platslage-it13");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    VirtualDisplay display(dir.path());

    // Two people needing care: in Väntytor first (the queue's first alert), then on the lower level.
    Handheld guard(broker.url(), "centralen", "hh-13");
    REQUIRE(guard.publish_report(report_json("c-1", "centralen.vantytor", 1, {"needs_care"})));
    auto first = raised_alert(hub, "needs_care", "centralen.vantytor");
    REQUIRE(!first.empty());
    std::this_thread::sleep_for(20ms); // raised later, so it sorts second
    REQUIRE(guard.publish_report(report_json("c-2", "centralen.nedre-plan", 1, {"needs_care"})));
    auto second = raised_alert(hub, "needs_care", "centralen.nedre-plan");
    REQUIRE(!second.empty());

    // Four teams. Nearest to Väntytor: team-ordered (right there, but about to get another
    // order) and team-busy (right there, engaged); then team-near in Centralhallen; team-far
    // across at Cityterminalen's airport coaches.
    Handheld phones(broker.url(), "centralen", "hh-13-teams");
    REQUIRE(phones.publish("platslage/v1/centralen/outreach/team-ordered/status", team_status("available", "centralen.vantytor")));
    REQUIRE(phones.publish("platslage/v1/centralen/outreach/team-busy/status", team_status("engaged", "centralen.vantytor")));
    REQUIRE(phones.publish("platslage/v1/centralen/outreach/team-near/status", team_status("available", "centralen.centralhallen")));
    REQUIRE(phones.publish("platslage/v1/cityterminalen/outreach/team-far/status",
                           team_status("available", "cityterminalen.flygbussar")));
    zmq::context_t ctx(1);
    REQUIRE(teams_known(ctx, hub.ports(), 4));
    REQUIRE(hub.command({{"op", "dispatch"}, {"alert", second}, {"by", "kc-1"}, {"team", "team-ordered"}}).kind == Reply::Kind::ok);

    // team-near's handheld listens for orders.
    ChildProcess near_phone({"/usr/bin/env", mosquitto_login("sim"), "/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p", std::to_string(broker.port()), "-q", "1", "-C", "1",
                             "-W", "60", "-t", "platslage/v1/+/outreach/team-near/dispatch"},
                            dir.path() / "team-near.log");
    std::this_thread::sleep_for(500ms); // subscribed before the order goes out

    // Before: one order in the queue (the second alert's), drawn as one "sent" badge.
    auto before = console_run(display, dir.path(), hub.ports(), "before", "");
    INFO(before.log);
    REQUIRE(before.exit_code == 0);

    auto after = console_run(display, dir.path(), hub.ports(), "dispatched", "D Enter");
    INFO(after.log);
    REQUIRE(after.exit_code == 0);
    // The feedback line: what was sent and the hub's answer in words.
    CHECK(after.log.find("command: dispatch " + first + " to team-near: sent") != std::string::npos);

    // The hub stored the order for the first alert, to team-near, by this console's position.
    auto orders_for = [&](const std::string& alert, const std::string& where) {
        return sql_count(hub.db(), "SELECT count(*) FROM dispatches WHERE alert_id='" + alert + "' AND " + where);
    };
    REQUIRE(eventually([&] { return orders_for(first, "1") == 1; }, 10s));
    CHECK(orders_for(first, "team='team-near' AND by='kc-13' AND zone='centralen.vantytor' AND state='sent'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM dispatches WHERE team IN ('team-busy','team-far')") == 0);
    CHECK(orders_for(second, "team='team-ordered'") == 1); // untouched

    // And the order reached team-near's handheld topic: this alert, this zone, no one's name.
    REQUIRE(near_phone.wait(15s) == 0);
    auto received = json_lines(near_phone.log_text());
    REQUIRE(received.size() == 1);
    CHECK(received[0]["alert"] == first);
    CHECK(received[0]["zone"] == "centralen.vantytor");
    CHECK(received[0]["dispatch"] == sql_text(hub.db(), "SELECT dispatch_id FROM dispatches WHERE alert_id='" + first + "'"));

    // On screen: the first alert's row and the line under the buttons now carry "sent" badges too.
    MESSAGE("sent-badge pixels before " << sent_badge_pixels(before) << ", after " << sent_badge_pixels(after));
    CHECK(sent_badge_pixels(before) > 150);
    CHECK(sent_badge_pixels(after) > sent_badge_pixels(before) + 300);
}

TEST_CASE("console dispatch: from a 'team did not answer' alert, the original alert goes to another team") {
    TempDir dir("platslage-it13b");
    Broker broker(dir.path());
    { std::ofstream(dir.path() / "rules.toml") << "[dispatch]\nanswer-within-s = 2\n"; }
    Hub hub(dir.path(), broker.url(), {}, {"--rules", (dir.path() / "rules.toml").string(), "--evaluate-every-s", "1"});
    REQUIRE(hub.wait_mqtt_up());
    VirtualDisplay display(dir.path());

    Handheld guard(broker.url(), "cityterminalen", "hh-13b");
    REQUIRE(guard.publish_report(report_json("c-1", "cityterminalen.vanthall", 1, {"needs_care"})));
    auto alert = raised_alert(hub, "needs_care", "cityterminalen.vanthall");
    REQUIRE(!alert.empty());
    Handheld phones(broker.url(), "cityterminalen", "hh-13b-teams");
    REQUIRE(phones.publish("platslage/v1/cityterminalen/outreach/team-a/status", team_status("available", "cityterminalen.vanthall")));
    REQUIRE(phones.publish("platslage/v1/cityterminalen/outreach/team-b/status",
                           team_status("available", "cityterminalen.flygbussar")));
    zmq::context_t ctx(1);
    REQUIRE(teams_known(ctx, hub.ports(), 2));

    // team-a, right there, gets the order and never answers: it comes back as an alert of its own.
    REQUIRE(hub.command({{"op", "dispatch"}, {"alert", alert}, {"by", "kc-1"}, {"team", "team-a"}}).kind == Reply::Kind::ok);
    auto back = raised_alert(hub, "dispatch_unanswered", "cityterminalen.vanthall");
    REQUIRE(!back.empty());

    // The queue: the critical alert first, the one that came back (major) second. Down selects
    // it; D offers team-b first (team-a did not answer), Enter sends.
    auto shot = console_run(display, dir.path(), hub.ports(), "redispatch", "Down D Enter");
    INFO(shot.log);
    REQUIRE(shot.exit_code == 0);
    CHECK(shot.log.find("command: dispatch " + alert + " to team-b: sent") != std::string::npos);

    auto count = [&](const std::string& where) { return sql_count(hub.db(), "SELECT count(*) FROM dispatches WHERE " + where); };
    REQUIRE(eventually([&] { return count("team='team-b'") == 1; }, 10s));
    CHECK(count("team='team-b' AND alert_id='" + alert + "' AND by='kc-13'") == 1); // the original alert, not the one that came back
    CHECK(count("team='team-a' AND state='withdrawn'") == 1);
    // Sending another team settles the alert that came back.
    CHECK(eventually([&] {
        return sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE alert_id='" + back + "' AND what='resolved'") == 1;
    }, 10s));
}

TEST_CASE("console keys: Down takes the map to the next alert's station; Esc in the Dispatch dialog keeps the zone") {
    TempDir dir("platslage-it13c");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    VirtualDisplay display(dir.path());
    // Two critical alerts, one at each station: Centralen's first, so the queue opens on it.
    Handheld central(broker.url(), "centralen", "hh-21");
    REQUIRE(central.publish_report(report_json("care-c", "centralen.centralhallen", 1, {"needs_care"})));
    REQUIRE(eventually([&] { return hub.status()["alerts_open"] == 1; }, 5s));
    std::this_thread::sleep_for(1100ms); // a second apart: the queue orders equals by age
    Handheld terminal(broker.url(), "cityterminalen", "hh-22");
    REQUIRE(terminal.publish_report(report_json("care-t", "cityterminalen.vanthall", 1, {"needs_care"})));
    REQUIRE(eventually([&] { return hub.status()["alerts_open"] == 2; }, 5s));

    // What the console's screen showed after `keys` (its closing "view: …" line) begins with `expected`.
    auto check_view = [&](const std::string& name, const std::string& keys, const std::string& expected) {
        auto shot = console_run(display, dir.path(), hub.ports(), name, keys);
        INFO(shot.log);
        REQUIRE(shot.exit_code == 0);
        auto at = shot.log.rfind("view: ");
        REQUIRE(at != std::string::npos);
        CHECK(shot.log.compare(at, expected.size(), expected) == 0);
    };
    check_view("opened", "", "view: station=centralen level=0 zone=centralen.centralhallen alert=A-");
    // Down: the next alert, and the map shows its zone at its own station and level.
    check_view("down", "Down", "view: station=cityterminalen level=1 zone=cityterminalen.vanthall alert=A-");
    // D opens the Dispatch dialog (no team is free: it says so); Esc closes it, and only it.
    check_view("esc", "D Esc", "view: station=centralen level=0 zone=centralen.centralhallen alert=A-");
    // And Esc with no dialog open clears the zone, as the help says; the alert stays selected.
    check_view("clear", "Esc", "view: station=centralen level=0 zone= alert=A-");
}

TEST_CASE("console resolve: R while the team is on scene says so first, and the team keeps its order and its outcome") {
    TempDir dir("platslage-it13r");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    VirtualDisplay display(dir.path());

    Handheld guard(broker.url(), "centralen", "hh-13r");
    REQUIRE(guard.publish_report(report_json("r-1", "centralen.vantytor", 1, {"needs_care"})));
    auto alert = raised_alert(hub, "needs_care", "centralen.vantytor");
    REQUIRE(!alert.empty());
    Handheld phone(broker.url(), "centralen", "hh-13r-team");
    REQUIRE(phone.publish("platslage/v1/centralen/outreach/team-01/status", team_status("available", "centralen.centralhallen")));
    zmq::context_t ctx(1);
    REQUIRE(teams_known(ctx, hub.ports(), 1));
    REQUIRE(hub.command({{"op", "dispatch"}, {"alert", alert}, {"by", "kc-1"}, {"team", "team-01"}}).kind == Reply::Kind::ok);
    const auto order = sql_text(hub.db(), "SELECT dispatch_id FROM dispatches WHERE alert_id='" + alert + "'");
    REQUIRE(!order.empty());
    REQUIRE(phone.publish("platslage/v1/centralen/outreach/team-01/status", team_status("on_scene", "centralen.vantytor")));
    auto state = [&] { return sql_text(hub.db(), "SELECT state FROM dispatches WHERE dispatch_id='" + order + "'"); };
    REQUIRE(eventually([&] { return state() == "on_scene"; }, 10s));

    // The team's handheld listens: after the order itself, nothing more may come (no withdrawal).
    ChildProcess team_phone({"/usr/bin/env", mosquitto_login("sim"), "/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p",
                             std::to_string(broker.port()), "-q", "1", "-W", "20", "-t",
                             "platslage/v1/centralen/outreach/team-01/dispatch"},
                            dir.path() / "team-phone.log");
    std::this_thread::sleep_for(500ms);

    // R opens the dialog, which names the team on scene; Enter resolves with the first outcome.
    auto shot = console_run(display, dir.path(), hub.ports(), "resolved", "R Enter");
    INFO(shot.log);
    REQUIRE(shot.exit_code == 0);
    CHECK(shot.log.find("resolve " + alert + ": done") != std::string::npos);
    REQUIRE(eventually([&] {
        return sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE alert_id='" + alert + "' AND what='resolved'") == 1;
    }, 10s));
    CHECK(state() == "on_scene"); // before the fix: withdrawn, and the team told to stop

    // The team records what came of it: the order completes and the alert's history has it.
    REQUIRE(phone.publish("platslage/v1/centralen/outreach/team-01/outcome",
                          R"({"dispatch":")" + order + R"(","ts":")" + now_rfc3339() + R"(","outcome":"support_accepted","persons":1})"));
    REQUIRE(eventually([&] { return state() == "completed"; }, 10s));
    CHECK(sql_text(hub.db(), "SELECT outcome FROM dispatches WHERE dispatch_id='" + order + "'") == "support_accepted");
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE alert_id='" + alert +
                                  "' AND what='team_outcome' AND detail='support_accepted'") == 1);

    team_phone.wait(30s);
    for (const auto& line : json_lines(team_phone.log_text())) CHECK_FALSE(line.value("withdrawn", false));
    CHECK(team_phone.log_text().find("withdrawn") == std::string::npos);
}

TEST_CASE("console many alerts: Shift+A acknowledges every raised alert in the selected alert's zone, and only there") {
    TempDir dir("platslage-it13f");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    VirtualDisplay display(dir.path());
    // Three alerts in Väntytor from one report (needing care, a child, sleeping), then one elsewhere.
    Handheld guard(broker.url(), "centralen", "hh-13f");
    REQUIRE(guard.publish_report(report_json("f-1", "centralen.vantytor", 3, {"needs_care", "minor", "sleeping"})));
    REQUIRE(eventually([&] { return hub.status()["alerts_open"] == 3; }, 5s));
    std::this_thread::sleep_for(1100ms); // later, so the Väntytor alert heads the queue
    REQUIRE(guard.publish_report(report_json("f-2", "centralen.centralhallen", 1, {"needs_care"})));
    REQUIRE(eventually([&] { return hub.status()["alerts_open"] == 4; }, 5s));

    auto shot = console_run(display, dir.path(), hub.ports(), "flood", "Z Shift+A");
    INFO(shot.log);
    REQUIRE(shot.exit_code == 0);
    CHECK(shot.log.find("command: acknowledge 3 alerts in Väntytor: 3 done") != std::string::npos);
    auto acknowledged = [&](const std::string& zone) {
        return sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE what='acknowledged' AND zone='" + zone + "'");
    };
    REQUIRE(eventually([&] { return acknowledged("centralen.vantytor") == 3; }, 10s));
    CHECK(acknowledged("centralen.centralhallen") == 0);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM audit WHERE op='acknowledge' AND position='kc-13' AND result='done'") == 3);

    // P sets the selected alert aside on this console only: nothing is sent to the hub.
    auto aside = console_run(display, dir.path(), hub.ports(), "aside", "P");
    INFO(aside.log);
    REQUIRE(aside.exit_code == 0);
    CHECK(aside.log.find(" set aside on this console until ") != std::string::npos);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM audit") == 3);
}
