// The shift log and tips against the real hub: a tip entered over the ROUTER as the console
// sends it becomes a stored report and raises its alert, once however often it is resent;
// notes and a handover that lists what is open are stored, carried in the picture, kept
// through a killed hub, and shown by the real console when it logs in.
#include "system_under_test.hpp"
#include "hub_requests.hpp"
#include "time_text.hpp"
#include "virtual_display.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <thread>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {
nlohmann::json entry(Subscriber& s, const std::string& key) {
    s.pump(50ms);
    const auto& entries = s.replica().entries();
    auto it = entries.find(key);
    return it == entries.end() ? nlohmann::json() : nlohmann::json::parse(it->second);
}

nlohmann::json tip(const std::string& id, const std::string& from = "police") {
    return {{"op", "tip"},  {"by", "kc-1"}, {"id", id}, {"from", from}, {"zone", "centralen.vantytor"},
            {"seen", now_rfc3339()}, {"persons", 2}, {"categories", {"needs_care"}}, {"note", "ringde från 070-1234567"}};
}
} // namespace

TEST_CASE("a tip is stored once as a report from the console and raises the alert a guard's report would") {
    TempDir dir("platslage-it20a");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    zmq::context_t ctx(1);
    Subscriber console(ctx, hub.ports());

    auto first = hub.command(tip("tip-1"));
    REQUIRE(first.kind == Reply::Kind::ok);
    auto stored = nlohmann::json::parse(first.text);
    CHECK(stored["stored"] == true);
    CHECK(stored["device"] == "console-kc-1");
    // Sent again after a lost answer: the hub has it already.
    auto again = hub.command(tip("tip-1"));
    REQUIRE(again.kind == Reply::Kind::ok);
    CHECK(nlohmann::json::parse(again.text)["stored"] == false);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM guard_reports WHERE device='console-kc-1' AND report_id='tip-1'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='guard_report' AND body LIKE '%\"tip_from\":\"police\"%'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE body LIKE '%1234567%'") == 0);

    REQUIRE(eventually([&] { return entry(console, stored["report"].get<std::string>()).is_object(); }, 5s));
    CHECK(entry(console, stored["report"].get<std::string>())["tip_from"] == "police");
    CHECK(entry(console, "alert/A-000001")["rule"] == "needs_care");
    // No handheld entered it: the picture has no device for the console.
    for (const auto& [key, body] : console.replica().entries()) CHECK(key.find("console-") == std::string::npos);

    auto bad = hub.command(tip("tip-2", "neighbour"));
    CHECK(bad.kind == Reply::Kind::error);
    CHECK(bad.text.rfind("bad_value:", 0) == 0);
    // Reading the picture is not enough to enter a tip.
    auto viewer = hub.command(tip("tip-3"), "viewer-1");
    CHECK(viewer.kind == Reply::Kind::error);
    CHECK(viewer.text.rfind("forbidden:", 0) == 0);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM audit WHERE op='tip'") == 4);
}

TEST_CASE("notes and a handover are stored, listed in the picture, kept through a killed hub and shown at log-in") {
    TempDir dir("platslage-it20b");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    zmq::context_t ctx(1);

    REQUIRE(hub.command(tip("tip-1")).kind == Reply::Kind::ok); // an open alert, A-000001
    auto note = hub.command({{"op", "shift_note"}, {"by", "kc-1"}, {"text", "Socialjouren ringer tillbaka"}, {"alert", "A-000001"}});
    REQUIRE(note.kind == Reply::Kind::ok);
    CHECK(nlohmann::json::parse(note.text)["id"] == "S-000001");
    auto handover = hub.command({{"op", "handover"}, {"by", "kc-1"}, {"text", "team-02 lovade att titta in vid tre"}});
    REQUIRE(handover.kind == Reply::Kind::ok);
    auto h = nlohmann::json::parse(handover.text);
    CHECK(h["id"] == "H-000001");
    REQUIRE(h["open"].size() == 1);
    CHECK(h["open"][0].get<std::string>().rfind("A-000001 ", 0) == 0);
    CHECK(h["open"][0].get<std::string>().find("Väntytor") != std::string::npos);
    REQUIRE(hub.command({{"op", "shift_note"}, {"by", "kc-1"}, {"text", "ny natt"}}).kind == Reply::Kind::ok);
    auto refused = hub.command({{"op", "shift_note"}, {"by", "kc-1"}, {"text", " "}});
    CHECK(refused.text.rfind("bad_value:", 0) == 0);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM shift_log") == 3);

    {
        Subscriber console(ctx, hub.ports());
        REQUIRE(eventually([&] { return entry(console, "shift")["notes"].size() == 1; }, 5s));
        auto log = entry(console, "shift");
        CHECK(log["handover"]["id"] == "H-000001");
        CHECK(log["notes"][0]["text"] == "ny natt");
    }

    // Killed: the log is read back from SQLite at start, not from a snapshot.
    hub.process().signal(SIGKILL);
    hub.process().wait(5s);
    hub.start();
    REQUIRE(hub.wait_mqtt_up());
    {
        Subscriber console(ctx, hub.ports());
        REQUIRE(eventually([&] { return entry(console, "shift")["handover"].is_object(); }, 10s));
        auto log = entry(console, "shift");
        CHECK(log["handover"]["text"] == "team-02 lovade att titta in vid tre");
        CHECK(log["notes"].size() == 1);
    }
    auto next = hub.command({{"op", "shift_note"}, {"by", "kc-1"}, {"text", "efter omstart"}});
    CHECK(nlohmann::json::parse(next.text)["id"] == "S-000003");
    // Killed right after a handover, before any note of the new shift: numbering goes on.
    REQUIRE(hub.command({{"op", "handover"}, {"by", "kc-1"}, {"text", "inget lovat"}}).kind == Reply::Kind::ok);
    hub.process().signal(SIGKILL);
    hub.process().wait(5s);
    hub.start();
    REQUIRE(hub.wait_mqtt_up());
    auto first = hub.command({{"op", "shift_note"}, {"by", "kc-1"}, {"text", "ny natt igen"}});
    REQUIRE(first.kind == Reply::Kind::ok);
    CHECK(nlohmann::json::parse(first.text)["id"] == "S-000004");

    // The real console logs in and shows the handover by itself; Enter reads it, L opens the log.
    VirtualDisplay display(dir.path());
    ChildProcess shown({"/usr/bin/env", "DISPLAY=" + display.name(), "LIBGL_ALWAYS_SOFTWARE=1", PLATSLAGE_CONSOLE_BIN, "--router",
                        loopback(hub.ports().router), "--pub", loopback(hub.ports().pub), "--maps", PLATSLAGE_MAPS_DIR, "--screenshot",
                        (dir.path() / "handover.png").string(), "--screenshot-wait-s", "8", "--position", "kc-13", "--key",
                        key_file("kc-13"), "--hub-key", hub_key_file(), "--keys", "Enter L"},
                       dir.path() / "console.log");
    CHECK(shown.wait(60s) == 0);
    const auto text = shown.log_text();
    CHECK(text.find("shift log: handover H-000002 by kc-1") != std::string::npos);
    CHECK(text.find("shown: 1 open") != std::string::npos);
}

TEST_CASE("the log is searched by time and zone, by category and by an alert's id, off the hub's loop") {
    TempDir dir("platslage-it20c");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());

    REQUIRE(hub.command(tip("tip-1")).kind == Reply::Kind::ok); // needs care in Väntytor: A-000001
    auto sleeping = tip("tip-2", "public");
    sleeping["zone"] = "centralen.centralhallen";
    sleeping["categories"] = {"sleeping"};
    REQUIRE(hub.command(sleeping).kind == Reply::Kind::ok); // A-000002
    REQUIRE(hub.command({{"op", "acknowledge"}, {"by", "kc-1"}, {"alert", "A-000001"}, {"note", "tar det"}}).kind == Reply::Kind::ok);
    REQUIRE(hub.command({{"op", "shift_note"}, {"by", "kc-1"}, {"text", "socialjouren informerad"}, {"alert", "A-000001"}}).kind ==
            Reply::Kind::ok);

    zmq::context_t ctx(1);
    HubRequests viewer(ctx, hub.endpoints("viewer-1"));
    auto search = [&](nlohmann::json q) {
        auto reply = viewer.ask(encode_search_request(q.dump()), scaled(5s));
        REQUIRE(reply);
        REQUIRE(*reply);
        return reply->value();
    };
    auto hits_of = [&](nlohmann::json q) {
        auto r = search(std::move(q));
        REQUIRE(r.kind == Reply::Kind::ok);
        return nlohmann::json::parse(r.text);
    };
    auto has = [](const nlohmann::json& found, const std::string& source, const std::string& text_part) {
        for (const auto& h : found["hits"])
            if (h["source"] == source && h["text"].get<std::string>().find(text_part) != std::string::npos) return true;
        return false;
    };
    const auto hour_ago = format_rfc3339(std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now() - 1h));
    const auto hour_on = format_rfc3339(std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now() + 1h));

    auto in_zone = hits_of({{"from", hour_ago}, {"to", hour_on}, {"zone", "centralen.vantytor"}});
    CHECK(has(in_zone, "report", "a tip from the police"));
    CHECK(has(in_zone, "alert", "A-000001 raised"));
    CHECK(has(in_zone, "alert", "A-000001 acknowledged"));
    CHECK_FALSE(has(in_zone, "report", "a tip from a member of the public"));
    CHECK(in_zone["more"] == false);
    // Newest first.
    for (std::size_t i = 1; i < in_zone["hits"].size(); ++i)
        CHECK(in_zone["hits"][i - 1]["at"].get<std::string>() >= in_zone["hits"][i]["at"].get<std::string>());

    auto by_category = hits_of({{"from", hour_ago}, {"to", hour_on}, {"category", "sleeping"}});
    REQUIRE(by_category["hits"].size() == 1);
    CHECK(by_category["hits"][0]["zone"] == "centralen.centralhallen");

    auto story = hits_of({{"alert", "A-000001"}});
    CHECK(has(story, "alert", "A-000001 raised"));
    CHECK(has(story, "alert", "acknowledged (critical, needs care): tar det"));
    CHECK(has(story, "shift_note", "socialjouren informerad"));
    CHECK_FALSE(has(story, "report", ""));
    CHECK_FALSE(has(story, "alert", "A-000002"));

    auto cut = hits_of({{"from", hour_ago}, {"to", hour_on}, {"limit", 1}});
    CHECK(cut["hits"].size() == 1);
    CHECK(cut["more"] == true);

    auto too_long = search({{"from", "2026-01-01T00:00:00Z"}, {"to", "2026-03-01T00:00:00Z"}});
    CHECK(too_long.kind == Reply::Kind::error);
    CHECK(too_long.text.rfind("bad_value:", 0) == 0);
    auto nowhere = search({{"from", hour_ago}, {"to", hour_on}, {"zone", "centralen.nowhere"}});
    CHECK(nowhere.text.rfind("unknown_zone:", 0) == 0);
    CHECK(hub.status()["statistics"]["searches"].get<int>() == 4);
}

namespace {
// xdotool against the display, as a keyboard there would type: the X server's XTEST input
// goes to the focused window, through GLFW's own key and character callbacks.
bool xdotool(const VirtualDisplay& display, std::vector<std::string> args) {
    std::vector<std::string> argv{"/usr/bin/env", "DISPLAY=" + display.name(), "/usr/bin/xdotool"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, 20s) == 0;
}
} // namespace

TEST_CASE("a note typed into the real console and refused stays in its field, and Enter sends it again") {
    TempDir dir("platslage-it20d");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    // The database refuses the note's row, as a full disk would.
    run_sql(hub.db(), "CREATE TRIGGER no_room BEFORE INSERT ON shift_log BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");

    VirtualDisplay display(dir.path());
    ChildProcess console({"/usr/bin/env", "DISPLAY=" + display.name(), "LIBGL_ALWAYS_SOFTWARE=1", PLATSLAGE_CONSOLE_BIN, "--router",
                          loopback(hub.ports().router), "--pub", loopback(hub.ports().pub), "--maps", PLATSLAGE_MAPS_DIR, "--width",
                          "1280", "--height", "800", "--position", "kc-13", "--key", key_file("kc-13"), "--hub-key",
                          hub_key_file(), "--no-sound"},
                         dir.path() / "console.log");
    REQUIRE(eventually([&] { return console.log_text().find("the picture from the hub is live") != std::string::npos; }, 20s));
    // The console's window, found by its process, gets the keyboard (there is no window manager).
    REQUIRE(eventually([&] {
        return xdotool(display, {"search", "--onlyvisible", "--pid", std::to_string(console.pid()), "--name", "Platsl",
                                 "windowfocus", "--sync"});
    }, 10s));

    // ASCII: Xvfb's keymap has no å, ä or ö, and the keys xdotool maps for them for a moment
    // were sometimes lost on a loaded machine (a matter of the test's keyboard, not the form's).
    const std::string typed = "Door to the store room found open, closed 02:10";
    REQUIRE(xdotool(display, {"key", "--delay", "120", "l"}));
    std::this_thread::sleep_for(500ms);
    REQUIRE(xdotool(display, {"type", "--delay", "40", typed}));
    REQUIRE(xdotool(display, {"key", "--delay", "120", "Return"}));
    REQUIRE(eventually([&] { return console.log_text().find("shift log: note refused: not_stored") != std::string::npos; }, 15s));
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM shift_log") == 0);

    // Room again: Enter alone sends what is still in the field.
    run_sql(hub.db(), "DROP TRIGGER no_room");
    REQUIRE(xdotool(display, {"key", "--delay", "120", "Return"}));
    REQUIRE(eventually([&] { return sql_count(hub.db(), "SELECT count(*) FROM shift_log") == 1; }, 15s));
    INFO(console.log_text());
    CHECK(sql_text(hub.db(), "SELECT text FROM shift_log WHERE entry_id='S-000001'") == typed);

    // Taken: the field is empty, and the next note is only what is typed next. The operator
    // types on once the console has the hub's answer (the row is in the database a moment
    // before the console hears so, and the field has the keyboard again after the answer).
    REQUIRE(eventually([&] { return console.log_text().find("shift log: note stored as S-000001") != std::string::npos; }, 15s));
    std::this_thread::sleep_for(300ms);
    REQUIRE(xdotool(display, {"type", "--delay", "40", "ny runda klar"}));
    REQUIRE(xdotool(display, {"key", "--delay", "120", "Return"}));
    REQUIRE(eventually([&] { return sql_count(hub.db(), "SELECT count(*) FROM shift_log") == 2; }, 15s));
    CHECK(sql_text(hub.db(), "SELECT text FROM shift_log WHERE entry_id='S-000002'") == "ny runda klar");
}
