// The Meetings window without a window: the hub's meeting/ and note/ keys read into rows,
// Stockholm times as typed and shown, the form's commands and why one cannot be sent yet,
// and the agenda reply made a file.
#include "meeting_view.hpp"
#include "picture.hpp"
#include "sent_form.hpp"
#include "time_text.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace platslage;
using namespace platslage::console;
using namespace std::chrono;

namespace {
const ZoneMap& maps() {
    static const ZoneMap m = ZoneMap::load_dir(PLATSLAGE_MAPS_DIR);
    return m;
}

std::map<std::string, std::string> entries() {
    return {
        {"meeting/M-000001",
         R"({"id":"M-000001","title":"Utsättningsmöte Centralen","station":"centralen","zone":"centralen.vantytor",
             "organisations":["jernhusen","socialforvaltningen","capio"],"first":"2026-11-24T08:00:00.000Z","repeat":"weekly",
             "duration_min":60,"planned_by":"kc-1","planned_at":"2026-11-20T10:00:00.000Z",
             "next":"2026-12-01T08:00:00.000Z","previous":"2026-11-24T08:00:00.000Z"})"},
        {"meeting/M-000002",
         R"({"id":"M-000002","title":"Nedre plan","station":"centralen","zone":"centralen.nedre-plan",
             "organisations":["capio"],"first":"2026-11-26T17:30:00.000Z","repeat":"once","duration_min":30,
             "planned_by":"kc-2","planned_at":"2026-11-20T10:00:00.000Z","next":"2026-11-26T17:30:00.000Z"})"},
        {"meeting/M-000003",
         R"({"id":"M-000003","title":"Inställt","station":"centralen","zone":"centralen.vantytor","organisations":["capio"],
             "first":"2026-11-25T08:00:00.000Z","repeat":"weekly","duration_min":60,"planned_by":"kc-1",
             "planned_at":"2026-11-20T10:00:00.000Z","cancelled_at":"2026-11-21T10:00:00.000Z"})"},
        {"note/N-000001",
         R"({"id":"N-000001","kind":"action","meeting":"M-000001","held_at":"2026-11-24T08:00:00.000Z","text":"Kvällsrunda",
             "by":"kc-1","recorded_at":"2026-11-24T08:20:00.000Z","owner":"jernhusen","due":"2026-11-20","state":"open"})"},
        {"note/N-000002",
         R"({"id":"N-000002","kind":"decision","meeting":"M-000001","held_at":"2026-11-24T08:00:00.000Z",
             "text":"Capio på plats tisdagar","by":"kc-1","recorded_at":"2026-11-24T08:25:00.000Z"})"},
        {"note/N-000003",
         R"({"id":"N-000003","kind":"action","meeting":"M-000001","held_at":"2026-11-24T08:00:00.000Z","text":"Skylt",
             "by":"kc-1","recorded_at":"2026-11-24T08:30:00.000Z","owner":"capio","due":"2026-12-24","state":"open"})"},
        {"note/N-000004",
         R"({"id":"N-000004","kind":"action","meeting":"M-000001","held_at":"2026-11-24T08:00:00.000Z","text":"Klart",
             "by":"kc-1","recorded_at":"2026-11-24T08:31:00.000Z","owner":"capio","due":"2026-11-01","state":"closed",
             "closed_at":"2026-11-24T09:00:00.000Z","closed_by":"kc-1"})"},
        {"note/N-000005",
         R"({"id":"N-000005","kind":"decision","meeting":"M-000001","held_at":"2026-11-24T08:00:00.000Z",
             "text":"Gemensam runda fredagar","by":"kc-1","recorded_at":"2026-11-24T08:40:00.000Z"})"},
        {"note/N-000006", "not json"},
    };
}

constexpr year_month_day today{year{2026}, month{11}, day{25}};

nlohmann::json sent(const Command& c) {
    REQUIRE_MESSAGE(c.ok(), c.problem);
    return nlohmann::json::parse(c.json);
}

TimePoint at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }
} // namespace

TEST_CASE("meeting keys become rows: planned soonest first, cancelled last, zone and organisations by name") {
    auto book = meeting_book(entries(), maps(), today);
    REQUIRE(book.meetings.size() == 3);
    CHECK(book.meetings[0].id == "M-000002"); // 26 Nov comes before 1 Dec
    CHECK(book.meetings[1].id == "M-000001");
    CHECK(book.meetings[2].id == "M-000003");
    CHECK(book.meetings[2].cancelled);
    CHECK(book.meetings[2].next_text == "cancelled");
    const auto& m = book.meetings[1];
    CHECK(m.title == "Utsättningsmöte Centralen");
    CHECK(m.zone_name == "Väntytor");
    CHECK(m.repeat == "weekly");
    CHECK(m.duration_min == 60);
    CHECK(m.organisations == std::vector<std::string>{"jernhusen", "socialforvaltningen", "capio"});
    CHECK(m.organisations_text == "Jernhusen, Socialförvaltningen, Capio Vård för hemlösa");
    CHECK(m.next_text == "Tue 2026-12-01 09:00"); // 08:00 UTC is 09:00 in Stockholm in winter
    CHECK(book.meetings[0].next_text == "Thu 2026-11-26 18:30");
    CHECK(book.undecodable == 1);
    CHECK(book.notes.size() == 5);
}

TEST_CASE("the selected meeting's open action items, overdue marked, and its latest decisions newest first") {
    auto book = meeting_book(entries(), maps(), today);
    auto actions = open_actions(book, "M-000001");
    REQUIRE(actions.size() == 2); // N-000004 is closed
    CHECK(actions[0]->id == "N-000001");
    CHECK(actions[0]->overdue);   // due 20 Nov, today 25 Nov
    CHECK(actions[0]->owner_title == "Jernhusen");
    CHECK(actions[1]->id == "N-000003");
    CHECK_FALSE(actions[1]->overdue);
    CHECK(actions[1]->owner_title == "Capio Vård för hemlösa");
    auto decisions = recent_decisions(book, "M-000001");
    REQUIRE(decisions.size() == 2);
    CHECK(decisions[0]->id == "N-000005");
    CHECK(decisions[1]->id == "N-000002");
    CHECK(recent_decisions(book, "M-000001", 1).size() == 1);
    CHECK(open_actions(book, "M-000002").empty());
    // Due today is not overdue yet.
    auto on_the_day = meeting_book(entries(), maps(), year_month_day{year{2026}, month{11}, day{20}});
    CHECK_FALSE(open_actions(on_the_day, "M-000001")[0]->overdue);
}

TEST_CASE("the picture keeps the meeting and note keys for the Meetings window") {
    auto p = make_picture(entries());
    CHECK(p.meeting_entries.size() == 8); // the one that is not JSON is counted, not kept
    CHECK(p.undecodable == 1);
    CHECK(p.meeting_entries.count("meeting/M-000001") == 1);
    CHECK(p.meeting_entries.count("note/N-000002") == 1);
}

TEST_CASE("Stockholm local time as typed: winter and summer time, and what does not read") {
    CHECK(format_rfc3339(*stockholm_local("2026-11-24", "09:00")) == "2026-11-24T08:00:00.000Z");
    CHECK(format_rfc3339(*stockholm_local("2026-06-15", "09:00")) == "2026-06-15T07:00:00.000Z");
    CHECK(format_rfc3339(*stockholm_local(" 2026-03-29 ", "03:30")) == "2026-03-29T01:30:00.000Z"); // just after the change
    CHECK_FALSE(stockholm_local("2026-02-30", "09:00"));
    CHECK_FALSE(stockholm_local("2026-11-24", "24:00"));
    CHECK_FALSE(stockholm_local("2026-11-24", "9:00"));
    CHECK_FALSE(stockholm_local("24/11/2026", "09:00"));
    CHECK(stockholm_text("2026-06-15T07:00:00.000Z") == "Mon 2026-06-15 09:00");
    CHECK(stockholm_text("not a time") == "?");
    CHECK(stockholm_date_text(at("2026-11-24T23:30:00Z")) == "2026-11-25"); // already the 25th in Stockholm
    CHECK(repeat_words("fortnightly") == "every other week");
}

TEST_CASE("plan a meeting: the command as the hub defines it, and why the form cannot send it yet") {
    auto now = at("2026-11-24T12:00:00Z");
    PlanForm f{"  Utsättningsmöte Centralen ", "centralen.vantytor", {"jernhusen", "capio"}, "2026-12-01", "09:00", "weekly", 90};
    auto j = sent(plan_command(f, "kc-2", maps(), now));
    CHECK(j["op"] == "plan_meeting");
    CHECK(j["by"] == "kc-2");
    CHECK(j["title"] == "Utsättningsmöte Centralen");
    CHECK(j["zone"] == "centralen.vantytor");
    CHECK(j["organisations"] == nlohmann::json{"jernhusen", "capio"});
    CHECK(j["starts"] == "2026-12-01T08:00:00.000Z");
    CHECK(j["repeat"] == "weekly");
    CHECK(j["duration_min"] == 90);
    CHECK(j.size() == 8);

    auto problem = [&](PlanForm g) { return plan_command(g, "kc-2", maps(), now).problem; };
    auto g = f;
    g.title = "   ";
    CHECK(problem(g) == "give the meeting a title");
    g = f;
    g.title = std::string(80, 'a');
    CHECK(problem(g).empty());
    g.title = std::string(78, 'a') + "åäö"; // 81 characters, 84 bytes
    CHECK(problem(g) == "the title may have at most 80 characters");
    g = f;
    g.zone = "centralen.nowhere";
    CHECK(problem(g) == "choose the zone it is about");
    g = f;
    g.organisations.clear();
    CHECK(problem(g) == "tick the organisations taking part");
    g.organisations = {"skatteverket"};
    CHECK(problem(g) == "unknown organisation skatteverket");
    g.organisations = {"polisen", "capio"}; // the police take part in meetings like the partners
    CHECK(problem(g).empty());
    g.organisations = {"capio", "capio"};
    CHECK(problem(g) == "organisation capio is ticked twice");
    g = f;
    g.time = "9.00";
    CHECK(problem(g).find("HH:MM") != std::string::npos);
    g = f;
    g.duration_min = 10;
    CHECK(problem(g) == "duration: 15 to 480 minutes");
    g.duration_min = 481;
    CHECK(problem(g) == "duration: 15 to 480 minutes");
    g = f;
    g.repeat = "daily";
    CHECK(problem(g) == "repeat: once, weekly, fortnightly, monthly or quarterly");
    g.repeat = "quarterly"; // the steering group
    CHECK(problem(g).empty());
    CHECK(repeat_words("quarterly") == "every quarter");
    // A one-off meeting already over is refused by the hub: the form says so first. One that
    // is under way, or a recurring one that began in the past, can be planned.
    g = f;
    g.repeat = "once";
    g.date = "2026-11-24";
    g.time = "11:00"; // 10:00 UTC, over at 11:30 UTC
    CHECK(problem(g) == "a one-off meeting must not be over already");
    g.time = "12:30"; // under way until 13:00 Stockholm
    CHECK(problem(g).empty());
    g.time = "11:00";
    g.repeat = "weekly";
    CHECK(problem(g).empty());
}

TEST_CASE("decisions, action items, closing and the agenda: commands and their checks") {
    auto d = sent(decision_command("M-000001", " Capio på plats tisdagar ", "kc-1"));
    CHECK(d == nlohmann::json{{"op", "record_decision"}, {"by", "kc-1"}, {"meeting", "M-000001"}, {"text", "Capio på plats tisdagar"}});
    CHECK(decision_command("", "x", "kc-1").problem == "choose a meeting first");
    CHECK(decision_command("M-000001", "  ", "kc-1").problem == "write the text first");
    CHECK(decision_command("M-000001", std::string(501, 'x'), "kc-1").problem == "at most 500 characters");

    auto a = sent(action_command("M-000001", "Kvällsrunda nedre plan", "jernhusen", "2030-01-15", "kc-1"));
    CHECK(a == nlohmann::json{{"op", "add_action"}, {"by", "kc-1"}, {"meeting", "M-000001"}, {"text", "Kvällsrunda nedre plan"},
                              {"owner", "jernhusen"}, {"due", "2030-01-15"}});
    CHECK(action_command("M-000001", "x", "", "2030-01-15", "kc-1").problem == "choose the organisation that owns it");
    CHECK(action_command("M-000001", "x", "skatteverket", "2030-01-15", "kc-1").problem == "choose the organisation that owns it");
    CHECK(action_command("M-000001", "x", "polisen", "2030-01-15", "kc-1").problem.empty());
    CHECK(action_command("M-000001", "x", "capio", "2030-02-30", "kc-1").problem == "due: a date as YYYY-MM-DD");
    CHECK(action_command("M-000001", "x", "capio", "15/1", "kc-1").problem == "due: a date as YYYY-MM-DD");

    auto c = sent(close_action_command("M-000001", "N-000001", "", "kc-1"));
    CHECK(c == nlohmann::json{{"op", "close_action"}, {"by", "kc-1"}, {"meeting", "M-000001"}, {"note", "N-000001"}});
    CHECK(sent(close_action_command("M-000001", "N-000001", "klart", "kc-1"))["text"] == "klart");
    CHECK(close_action_command("M-000001", "", "", "kc-1").problem == "choose an open action item first");

    CHECK(sent(agenda_command("M-000001", "kc-1")) == nlohmann::json{{"op", "agenda"}, {"by", "kc-1"}, {"meeting", "M-000001"}});
    CHECK_FALSE(agenda_command("", "kc-1").ok());

    CHECK(sent(cancel_command("M-000003", "kc-2")) == nlohmann::json{{"op", "cancel_meeting"}, {"by", "kc-2"}, {"meeting", "M-000003"}});
    CHECK_FALSE(cancel_command("", "kc-2").ok());
}

TEST_CASE("the agenda reply: its Markdown, a file named by meeting and Stockholm date, written whole") {
    nlohmann::json reply{{"agenda", {{"meeting", {{"id", "M-000001"}}}, {"held_at", "2026-11-30T23:30:00.000Z"}}},
                         {"markdown", "# Utsättningsmöte Centralen\n\n- Decision N-000002\n"}};
    auto a = parse_agenda_reply(reply.dump());
    REQUIRE(a);
    CHECK(a->meeting == "M-000001");
    CHECK(a->markdown.rfind("# Utsättningsmöte Centralen\n", 0) == 0);
    CHECK(agenda_file_name(*a) == "agenda-M-000001-2026-12-01.md"); // 00:30 on 1 Dec in Stockholm
    CHECK_FALSE(parse_agenda_reply(R"({"agenda":{}})"));
    CHECK_FALSE(parse_agenda_reply("unknown_meeting: M-000009"));
    AgendaReply odd{"../M-1", "", "x"};
    CHECK(agenda_file_name(odd) == "agenda-M-1.md");

    auto dir = std::filesystem::temp_directory_path() / ("platslage-meeting-view-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::string error;
    auto path = write_file_atomically(dir, agenda_file_name(*a), a->markdown, error);
    REQUIRE_MESSAGE(path, error);
    CHECK(*path == dir / "agenda-M-000001-2026-12-01.md");
    std::ifstream in(*path);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str() == a->markdown);
    CHECK_FALSE(std::filesystem::exists(dir / "agenda-M-000001-2026-12-01.md.tmp"));
    // Written again: replaced whole.
    REQUIRE(write_file_atomically(dir, agenda_file_name(*a), "# Second\n", error));
    std::ifstream again(*path);
    std::stringstream second;
    second << again.rdbuf();
    CHECK(second.str() == "# Second\n");
    CHECK_FALSE(write_file_atomically(dir / "missing", "x.md", "x", error));
    CHECK(error.find("cannot write") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a form is emptied when the hub takes what it held, not when it is sent: a refused decision stays to be corrected") {
    std::array<char, 501> decision{};
    auto type = [&](const char* text) {
        decision.fill(0);
        std::snprintf(decision.data(), decision.size(), "%s", text);
    };
    SentForm form;
    type("Nattpatrull nedre plan från 22");
    form.sent(decision);
    CHECK(std::string(decision.data()) == "Nattpatrull nedre plan från 22"); // still there while the hub decides
    CHECK_FALSE(form.answered(false));                                         // refused (the meeting has not met yet)
    CHECK(std::string(decision.data()) == "Nattpatrull nedre plan från 22");
    form.sent(decision);
    CHECK(form.answered(true)); // taken: the form is ready for the next one
    CHECK(decision[0] == '\0');
    // Typed on while the answer was on its way: the new text is the operator's, and stays.
    type("Första");
    form.sent(decision);
    type("Andra");
    CHECK_FALSE(form.answered(true));
    CHECK(std::string(decision.data()) == "Andra");
    // An answer to a command from no form (an agenda) empties nothing.
    form.sent(decision);
    form.forget();
    CHECK_FALSE(form.answered(true));
    CHECK(std::string(decision.data()) == "Andra");
}
