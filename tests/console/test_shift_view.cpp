// The Shift log and Tip windows without a window: the commands their forms make (checked as
// the hub checks them), and which handover the console still has to show.
#include "picture.hpp"
#include "shift_command.hpp"
#include "shift_view.hpp"
#include "tip_command.hpp"
#include "time_text.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace platslage;
using namespace platslage::console;

namespace {
const ZoneMap& maps() {
    static const ZoneMap m = ZoneMap::load_dir(PLATSLAGE_MAPS_DIR);
    return m;
}
const TimePoint now = *parse_rfc3339("2026-12-04T21:30:00Z");
} // namespace

TEST_CASE("the shift log's forms make the commands the hub takes, or say what is missing") {
    auto note = shift_note_command("  team-02 called back  ", "centralen.vantytor", "", "kc-1");
    REQUIRE(note.ok());
    auto parsed = parse_shift_command(note.json, maps());
    REQUIRE(parsed);
    CHECK(parsed->text == "team-02 called back");
    CHECK(parsed->zone == "centralen.vantytor");
    CHECK(shift_note_command(" ", "", "", "kc-1").problem == "write the note first");
    CHECK_FALSE(shift_note_command(std::string(501, 'x'), "", "", "kc-1").ok());

    auto handover = handover_command("Socialjouren calls back about Väntytor", "kc-1");
    REQUIRE(handover.ok());
    CHECK(parse_shift_command(handover.json, maps())->handover);
    CHECK_FALSE(handover_command("", "kc-1").ok());
}

TEST_CASE("the tip form makes a tip the hub takes, seen so many minutes ago") {
    TipForm f{"district_office", "centralen.vantytor", 15, 2, {"sleeping"}, " two asleep by the lockers "};
    auto c = tip_command(f, "kc-1", maps(), now, tip_id(now));
    REQUIRE(c.ok());
    auto j = nlohmann::json::parse(c.json);
    CHECK(j["id"] == "tip-" + std::to_string(to_epoch_ms(now)));
    CHECK(j["note"] == "two asleep by the lockers");
    auto parsed = parse_tip_command(c.json, maps(), now);
    REQUIRE(parsed);
    CHECK(parsed->report.ts == now - std::chrono::minutes(15));
    CHECK(parsed->report.tip_from == "district_office");

    auto problem = [&](TipForm g) { return tip_command(g, "kc-1", maps(), now, "tip-1").problem; };
    CHECK(problem(TipForm{"", "centralen.vantytor", 0, 1, {}, ""}) == "choose who told of it");
    CHECK(problem(TipForm{"police", "", 0, 1, {}, ""}) == "choose the zone it is about");
    CHECK(problem(TipForm{"police", "centralen.vantytor", 0, 0, {"minor"}, ""}) == "the ticked boxes describe people: give how many");
    CHECK_FALSE(problem(TipForm{"police", "centralen.vantytor", 1441, 1, {}, ""}).empty());
}

TEST_CASE("each handover is shown once, whenever it arrives") {
    std::optional<ShiftLog> none;
    CHECK_FALSE(handover_to_show(none, ""));
    ShiftLog log;
    CHECK_FALSE(handover_to_show(log, ""));
    log.handover = Handover{"H-000001", now, "kc-1", "nothing promised", {}};
    CHECK(handover_to_show(log, "") == "H-000001");
    CHECK_FALSE(handover_to_show(log, "H-000001"));
    log.handover->id = "H-000002";
    CHECK(handover_to_show(log, "H-000001") == "H-000002");
}

TEST_CASE("a note's line says when, who and what it is about, by the zone's name") {
    ShiftNote n{"S-000001", *parse_rfc3339("2026-12-04T21:14:00Z"), "kc-1", "door to the lockers open", "centralen.vantytor", "A-000003"};
    CHECK(note_line(n, maps()) == "22:14 kc-1: door to the lockers open (about Väntytor, A-000003)");
}

TEST_CASE("the reports table says where a report came from: a handheld, or a tip and its kind of source") {
    CHECK(report_source("hh-01", "") == "hh-01");
    CHECK(report_source("console-kc-1", "police") == "tip: the police");
    CHECK(report_source("hh-01", "relative") == "hh-01 (tip)");
}

TEST_CASE("the log's search form asks for the last hours, a zone's station with it, or an alert's whole story") {
    std::string problem;
    auto q = search_query(SearchForm{12, "centralen.vantytor", "needs_care", ""}, now, problem);
    REQUIRE(q);
    CHECK(problem.empty());
    CHECK(q->to == *parse_rfc3339("2026-12-04T21:31:00Z"));
    CHECK(q->from == *parse_rfc3339("2026-12-04T09:31:00Z"));
    CHECK(q->station == "centralen");
    CHECK(q->zone == "centralen.vantytor");
    CHECK(q->category == "needs_care");
    // What the hub is sent reads back the same.
    CHECK(parse_log_query(log_query_json(*q)).value() == *q);

    auto story = search_query(SearchForm{12, "centralen.vantytor", "", " 42 "}, now, problem);
    REQUIRE(story);
    CHECK(story->alert == "A-000042");
    CHECK(story->zone.empty());
    CHECK(search_query(SearchForm{12, "", "", "A-000007"}, now, problem)->alert == "A-000007");

    CHECK_FALSE(search_query(SearchForm{12, "", "", "B-7"}, now, problem));
    CHECK(problem == "alert: an id like A-000042 (or just 42)");
    CHECK_FALSE(search_query(SearchForm{0, "", "", ""}, now, problem));
    CHECK(problem == "hours back: 1 to 744 (31 days)");
    CHECK(hit_source_words("shift_note") == "Shift note");
}
