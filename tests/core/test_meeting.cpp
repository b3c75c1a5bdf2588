// Joint deployment meetings as a specification: a weekly meeting keeps its local time,
// commands are checked field by field, decisions and action items attach to the meeting
// under way, action items carry over until closed, and handhelds hear of what is coming.
#include "fixtures.hpp"
#include "meeting_book.hpp"
#include "stockholm_time.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {
// Tuesday 20 October 2026, 09:00 summer time; summer time ends on Sunday 25 October.
const TimePoint tuesday = test::at("2026-10-20T07:00:00Z");

MeetingCommand command(const json& j, TimePoint now) {
    auto c = parse_meeting_command(j.dump(), now);
    REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.rejection().detail));
    return c.value();
}

RejectReason refusal(const json& j, TimePoint now) {
    auto c = parse_meeting_command(j.dump(), now);
    REQUIRE(!c.ok());
    return c.rejection().reason;
}

json weekly_plan() {
    return {{"op", "plan_meeting"}, {"by", "kc-1"}, {"title", "Utsättningsmöte Centralen"}, {"zone", "centralen.vantytor"},
            {"organisations", {"jernhusen", "socialforvaltningen", "capio", "region-psykiatri"}}, {"starts", "2026-10-20T09:00:00+02:00"},
            {"repeat", "weekly"}};
}

// Plans, records or closes through the book, as the hub does after its checks.
MeetingBook::Changed carry_out(MeetingBook& book, const json& j, TimePoint now) {
    auto c = command(j, now);
    auto why = book.check(c, test::real_maps(), now);
    REQUIRE_MESSAGE(!why, (why ? why->detail : ""));
    return book.apply(c, test::real_maps(), now);
}

json with_meeting(json j, const char* id) {
    j["meeting"] = id;
    return j;
}
json with_text(json j, const char* text) {
    j["text"] = text;
    return j;
}
json with_note(json j, const char* id) {
    j["note"] = id;
    return j;
}

std::optional<RejectReason> book_refusal(const MeetingBook& book, const json& j, TimePoint now) {
    auto c = command(j, now);
    auto why = book.check(c, test::real_maps(), now);
    return why ? std::optional(why->reason) : std::nullopt;
}
} // namespace

TEST_CASE("a weekly meeting stays at 09:00 local time when summer time ends") {
    MeetingPlan p;
    p.first = tuesday;
    p.repeat = Repeat::weekly;
    CHECK(occurrence(p, 0) == test::at("2026-10-20T07:00:00Z"));
    CHECK(occurrence(p, 1) == test::at("2026-10-27T08:00:00Z")); // 09:00 winter time
    CHECK(occurrence(p, 2) == test::at("2026-11-03T08:00:00Z"));
    // Under way until it ends, then the next one.
    CHECK(current_or_next(p, tuesday + 30min) == tuesday);
    CHECK(current_or_next(p, tuesday + 61min) == occurrence(p, 1));
    CHECK(current_or_next(p, tuesday - 24h) == tuesday);
    CHECK(previous_before(p, tuesday) == std::nullopt);
    CHECK(previous_before(p, occurrence(p, 2)) == occurrence(p, 1));
    CHECK(previous_before(p, occurrence(p, 2) + 1ms) == occurrence(p, 2));
    CHECK(is_occurrence(p, occurrence(p, 5)));
    CHECK_FALSE(is_occurrence(p, occurrence(p, 5) + 1h));
    p.repeat = Repeat::fortnightly;
    CHECK(occurrence(p, 1) == test::at("2026-11-03T08:00:00Z"));
    p.repeat = Repeat::once;
    CHECK(current_or_next(p, tuesday + 2h) == std::nullopt);
    CHECK(previous_before(p, tuesday + 2h) == tuesday);
    p.repeat = Repeat::weekly;
    p.cancelled_at = occurrence(p, 1) + 1h;
    CHECK(current_or_next(p, occurrence(p, 1) + 2h) == std::nullopt);
}

TEST_CASE("meeting commands are checked field by field, and free text is scrubbed") {
    auto now = tuesday - 48h;
    auto plan = command(weekly_plan(), now);
    CHECK(plan.op == MeetingOp::plan);
    CHECK(plan.starts == tuesday);
    CHECK(plan.organisations.size() == 4);
    CHECK(plan.duration_min == 60);

    auto with = [](json j, const char* key, json value) {
        j[key] = std::move(value);
        return j;
    };
    CHECK(refusal(with(weekly_plan(), "chair", "someone"), now) == RejectReason::unknown_field);
    CHECK(refusal(with(weekly_plan(), "organisations", {"jernhusen", "police"}), now) == RejectReason::bad_value);
    CHECK(refusal(with(weekly_plan(), "organisations", {"capio", "capio"}), now) == RejectReason::bad_value);
    CHECK(refusal(with(weekly_plan(), "organisations", json::array()), now) == RejectReason::wrong_type);
    CHECK(refusal(with(weekly_plan(), "starts", "2026-10-20 09:00"), now) == RejectReason::bad_timestamp);
    CHECK(refusal(with(weekly_plan(), "repeat", "daily"), now) == RejectReason::bad_value);
    CHECK(refusal(with(weekly_plan(), "duration_min", 5), now) == RejectReason::bad_value);
    CHECK(refusal(with(with(weekly_plan(), "repeat", "once"), "starts", "2026-10-01T09:00:00+02:00"), now) ==
          RejectReason::bad_value);
    CHECK(refusal({{"op", "add_action"}, {"by", "kc-1"}, {"meeting", "M-000001"}, {"text", "x"}, {"owner", "capio"},
                   {"due", "2026-02-30"}},
                  now) == RejectReason::bad_value);
    CHECK(refusal({{"op", "add_action"}, {"by", "kc-1"}, {"meeting", "M-000001"}, {"text", "x"}, {"due", "2026-11-30"}}, now) ==
          RejectReason::missing_field);
    CHECK(refusal({{"op", "record_decision"}, {"by", "kc 1"}, {"meeting", "M-000001"}, {"text", "x"}}, now) ==
          RejectReason::bad_value);
    CHECK(refusal({{"op", "cancel_meeting"}, {"by", "kc-1"}, {"meeting", "42"}}, now) == RejectReason::bad_value);
    CHECK(refusal({{"op", "archive_meeting"}, {"by", "kc-1"}}, now) == RejectReason::bad_value);

    auto decision = command({{"op", "record_decision"}, {"by", "kc-1"}, {"meeting", "M-000001"},
                             {"text", "Ring 070-123 45 67 om Väntytor"}},
                            now);
    CHECK(decision.text.find("070") == std::string::npos);
    CHECK(decision.redactions == 1);
    CHECK(is_meeting_op("agenda"));
    CHECK_FALSE(is_meeting_op("resolve"));
}

TEST_CASE("decisions and action items attach to the meeting under way; action items carry over until closed") {
    MeetingBook book;
    auto planned = carry_out(book, weekly_plan(), tuesday - 48h);
    REQUIRE(planned.meeting == "M-000001");
    const MeetingPlan& plan = *book.find("M-000001");
    CHECK(plan.station == "centralen");
    CHECK(plan.planned_by == "kc-1");

    json action{{"op", "add_action"}, {"by", "kc-1"}, {"meeting", "M-000001"}, {"text", "Natt-patrull nedre plan"},
                {"owner", "jernhusen"}, {"due", "2026-10-26"}};
    CHECK(book_refusal(book, with_meeting(action, "M-000002"), tuesday) == RejectReason::unknown_meeting);
    // A decision needs a meeting: refused before the first, which the refusal names in Stockholm time.
    json early_decision{{"op", "record_decision"}, {"by", "kc-1"}, {"meeting", "M-000001"}, {"text", "För tidigt"}};
    auto refused = book.check(command(early_decision, tuesday - 1h), test::real_maps(), tuesday - 1h);
    REQUIRE(refused);
    CHECK(refused->reason == RejectReason::not_allowed);
    CHECK(refused->detail == "M-000001 has not met yet: its first meeting is " + stockholm_day_and_time_text(tuesday) + ", Stockholm time");
    CHECK(refused->detail.find('Z') == std::string::npos);

    auto first = carry_out(book, action, tuesday + 20min);
    REQUIRE(first.note == "N-000001");
    CHECK(book.note("N-000001")->held_at == tuesday);
    auto decided = carry_out(book, {{"op", "record_decision"}, {"by", "kc-1"}, {"meeting", "M-000001"},
                                    {"text", "Capio på plats tisdagar"}},
                             tuesday + 30min);
    CHECK(book.note(*decided.note)->kind == NoteKind::decision);
    // Recorded between meetings: it belongs to the last one held.
    carry_out(book, with_text(action, "Skylt vid toaletter"), tuesday + 3 * 24h);
    CHECK(book.note("N-000003")->held_at == tuesday);

    auto second = occurrence(plan, 1);
    CHECK(book.open_actions("M-000001", second).size() == 2);
    CHECK(book.notes_at("M-000001", tuesday).size() == 3);
    json close{{"op", "close_action"}, {"by", "kc-2"}, {"meeting", "M-000001"}, {"note", "N-000001"}, {"text", "klart"}};
    CHECK(book_refusal(book, with_note(close, "N-000002"), second) == RejectReason::unknown_meeting); // a decision
    carry_out(book, close, second + 10min);
    CHECK(book_refusal(book, close, second + 11min) == RejectReason::not_allowed);
    // Still open at the second meeting's start, closed by the third.
    CHECK(book.open_actions("M-000001", second).size() == 2);
    auto third_open = book.open_actions("M-000001", occurrence(plan, 2));
    REQUIRE(third_open.size() == 1);
    CHECK(third_open[0].id == "N-000003");

    // A stored book restored at start numbers on from where it was.
    MeetingBook restored;
    std::vector<MeetingNote> notes;
    for (const char* id : {"N-000001", "N-000002", "N-000003"}) notes.push_back(note_from_json(to_json(*book.note(id))));
    restored.restore({meeting_from_json(to_json(plan, second))}, notes);
    CHECK(restored.open_actions("M-000001", occurrence(plan, 2)).size() == 1);
    CHECK(restored.note("N-000001")->closed_by == "kc-2");
    CHECK(carry_out(restored, weekly_plan(), second).meeting == "M-000002");
    CHECK(carry_out(restored, action, second + 1min).note == "N-000004");
}

TEST_CASE("action items may be recorded before the first meeting: they are on its agenda; decisions wait for it") {
    CHECK(stockholm_day_and_time_text(tuesday) == "Tue 2026-10-20 09:00");
    MeetingBook book;
    carry_out(book, weekly_plan(), tuesday - 48h);
    json prepare{{"op", "add_action"}, {"by", "kc-1"}, {"meeting", "M-000001"}, {"text", "Ta fram lägesbild inför första mötet"},
                 {"owner", "polisen"}, {"due", "2026-10-20"}};
    auto early = carry_out(book, prepare, tuesday - 24h);
    REQUIRE(early.note);
    CHECK(book.note(*early.note)->held_at == tuesday);
    CHECK(book.note(*early.note)->owner == "polisen");
    auto open = book.open_actions("M-000001", tuesday);
    REQUIRE(open.size() == 1);
    CHECK(open[0].id == *early.note);
    json decide{{"op", "record_decision"}, {"by", "kc-1"}, {"meeting", "M-000001"}, {"text", "Beslut"}};
    CHECK(book_refusal(book, decide, tuesday - 1h) == RejectReason::not_allowed);
    CHECK_FALSE(book_refusal(book, decide, tuesday + 1min));
}

TEST_CASE("handhelds hear of the meetings at their station in the next days") {
    MeetingBook book;
    carry_out(book, weekly_plan(), tuesday - 48h);
    json city = weekly_plan();
    city["zone"] = "cityterminalen.vanthall";
    city["repeat"] = "once";
    city["starts"] = "2026-10-30T13:00:00+01:00";
    carry_out(book, city, tuesday - 48h);

    auto notice = book.notice("centralen", tuesday - 24h, 7 * 24h);
    REQUIRE(notice["meetings"].size() == 1);
    CHECK(notice["meetings"][0]["meeting"] == "M-000001");
    CHECK(notice["meetings"][0]["starts"] == "2026-10-20T07:00:00.000Z");
    CHECK(notice["meetings"][0]["zone"] == "centralen.vantytor");
    CHECK(book.notice("cityterminalen", tuesday - 24h, 7 * 24h)["meetings"].empty());
    CHECK(book.notice("cityterminalen", tuesday + 4 * 24h, 7 * 24h)["meetings"].size() == 1);
    // Cancelled: no longer announced.
    carry_out(book, {{"op", "cancel_meeting"}, {"by", "kc-1"}, {"meeting", "M-000001"}}, tuesday - 12h);
    CHECK(book.notice("centralen", tuesday - 11h, 7 * 24h)["meetings"].empty());
}

TEST_CASE("a monthly or quarterly meeting keeps its weekday and place in the month, and its local time") {
    // The steering group: the third Tuesday of the month at 13:00, quarterly from 20 October 2026.
    auto j = weekly_plan();
    j["starts"] = "2026-10-20T13:00:00+02:00";
    j["repeat"] = "quarterly";
    MeetingBook book;
    carry_out(book, j, tuesday - 48h);
    const MeetingPlan& quarterly = *book.find("M-000001");
    CHECK(quarterly.repeat == Repeat::quarterly);
    CHECK(format_rfc3339(occurrence(quarterly, 1)) == "2027-01-19T12:00:00.000Z"); // third Tuesday, winter time
    CHECK(format_rfc3339(occurrence(quarterly, 2)) == "2027-04-20T11:00:00.000Z"); // summer time again
    auto next = current_or_next(quarterly, *parse_rfc3339("2026-11-01T00:00:00Z"));
    REQUIRE(next);
    CHECK(*next == occurrence(quarterly, 1));
    CHECK(previous_before(quarterly, *parse_rfc3339("2027-03-01T00:00:00Z")) == occurrence(quarterly, 1));
    CHECK(is_occurrence(quarterly, occurrence(quarterly, 2)));

    j["repeat"] = "monthly";
    j["starts"] = "2026-10-30T09:00:00+01:00"; // the fifth Friday: repeats on the last Friday
    carry_out(book, j, tuesday - 48h);
    const MeetingPlan& monthly = *book.find("M-000002");
    CHECK(format_rfc3339(occurrence(monthly, 1)) == "2026-11-27T08:00:00.000Z");
    CHECK(format_rfc3339(occurrence(monthly, 2)) == "2026-12-25T08:00:00.000Z");
    // Walking month by month finds every meeting once, in order.
    TimePoint t = monthly.first;
    for (int k = 1; k <= 14; ++k) {
        auto n = current_or_next(monthly, t + 2h);
        REQUIRE(n);
        CHECK(*n == occurrence(monthly, k));
        t = *n;
    }
    j["repeat"] = "yearly";
    CHECK(refusal(j, tuesday) == RejectReason::bad_value);
}
