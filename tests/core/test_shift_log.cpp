#include "fixtures.hpp"
#include "handover_items.hpp"
#include "picture_codec.hpp"
#include "shift_command.hpp"
#include "shift_log.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using nlohmann::json;

namespace {
const TimePoint t0 = test::at("2026-12-04T21:00:00Z");

Checked<ShiftCommand> check(const json& j, const std::string* by = nullptr) {
    return parse_shift_command(j.dump(), test::real_maps(), by);
}
} // namespace

TEST_CASE("a shift note is checked and scrubbed like a report's note") {
    auto c = check({{"op", "shift_note"}, {"by", "kc-1"}, {"text", "  Socialjouren ringer tillbaka på 08-1234567 "},
                    {"zone", "centralen.vantytor"}, {"alert", "A-000042"}});
    REQUIRE(c);
    CHECK_FALSE(c->handover);
    CHECK(c->text.find("1234567") == std::string::npos);
    CHECK(c->redactions == 1);
    CHECK(c->zone == "centralen.vantytor");
    CHECK(c->alert == "A-000042");
    const std::string key_position = "kc-3";
    CHECK(check({{"op", "handover"}, {"by", "kc-1"}, {"text", "nothing promised"}}, &key_position)->by == "kc-3");

    auto reason = [&](const json& j) {
        auto r = check(j);
        REQUIRE_FALSE(r.ok());
        return r.rejection().reason;
    };
    CHECK(reason({{"op", "shift_note"}, {"by", "kc-1"}, {"text", "   "}}) == RejectReason::bad_value);
    CHECK(reason({{"op", "shift_note"}, {"by", "kc-1"}, {"text", std::string(501, 'x')}}) == RejectReason::bad_value);
    CHECK(check({{"op", "handover"}, {"by", "kc-1"}, {"text", std::string(1000, 'x')}}).ok());
    CHECK(reason({{"op", "handover"}, {"by", "kc-1"}, {"text", "x"}, {"zone", "centralen.vantytor"}}) == RejectReason::unknown_field);
    CHECK(reason({{"op", "shift_note"}, {"by", "kc-1"}, {"text", "x"}, {"zone", "centralen.nowhere"}}) == RejectReason::unknown_zone);
    CHECK(reason({{"op", "shift_note"}, {"by", "kc-1"}, {"text", "x"}, {"alert", "42"}}) == RejectReason::bad_value);
    CHECK(reason({{"op", "shift_note"}, {"by", "kc-1"}, {"text", "x"}, {"name", "someone"}}) == RejectReason::unknown_field);
    CHECK(reason({{"op", "shift_note"}, {"by", "070-1234567"}, {"text", "x"}}) == RejectReason::bad_value);
}

TEST_CASE("the shift book shows the newest handover and only the notes written since") {
    ShiftBook book;
    CHECK(book.next_note_id() == "S-000001");
    book.add(ShiftNote{"S-000001", t0, "kc-1", "before", "", ""});
    book.add(Handover{book.next_handover_id(), t0 + std::chrono::minutes(5), "kc-1", "team-02 promised a call", {"A-000001 …"}});
    CHECK(book.log().notes.empty());
    book.add(ShiftNote{book.next_note_id(), t0 + std::chrono::minutes(6), "kc-2", "after", "", ""});
    REQUIRE(book.log().handover);
    CHECK(book.log().handover->id == "H-000001");
    REQUIRE(book.log().notes.size() == 1);
    CHECK(book.log().notes[0].id == "S-000002");

    // Through the picture and back, as a console reads it.
    auto entry = decode_entry("shift", to_json(book.log()).dump());
    REQUIRE(entry);
    const auto& log = std::get<ShiftLog>(*entry);
    REQUIRE(log.handover);
    CHECK(log.handover->text == "team-02 promised a call");
    CHECK(log.handover->open == std::vector<std::string>{"A-000001 …"});
    CHECK(log.notes.size() == 1);
    CHECK(family_of("shift") == EntryFamily::shift);

    // The hub's start: numbering goes on after the stored rows.
    ShiftBook restored;
    restored.restore(Handover{"H-000001", t0 + std::chrono::minutes(5), "kc-1", "x", {}},
                     {ShiftNote{"S-000002", t0 + std::chrono::minutes(6), "kc-2", "after", "", ""}}, 2, 1);
    CHECK(restored.next_note_id() == "S-000003");
    CHECK(restored.next_handover_id() == "H-000002");
    CHECK(restored.log().notes.size() == 1);

    // Only so many notes ride in the picture.
    for (std::size_t i = 0; i < shift_notes_shown + 5; ++i)
        restored.add(ShiftNote{restored.next_note_id(), t0 + std::chrono::hours(1), "kc-2", "n", "", ""});
    CHECK(restored.log().notes.size() == shift_notes_shown);
    CHECK(restored.log().notes.back().id == "S-000107");

    // Restarted just after a handover: no note since it, and numbering still goes on.
    ShiftBook fresh;
    fresh.restore(Handover{"H-000004", t0, "kc-1", "x", {}}, {}, 17, 4);
    CHECK(fresh.log().notes.empty());
    CHECK(fresh.next_note_id() == "S-000018");
    CHECK(fresh.next_handover_id() == "H-000005");
}

TEST_CASE("a handover lists what is open in words, and nothing that is closed") {
    std::map<std::string, Alert> alerts;
    Alert open;
    open.id = "A-000012";
    open.rule = AlertRule::needs_care;
    open.station = "centralen";
    open.zone = "centralen.vantytor";
    open.severity = Severity::critical;
    open.state = AlertState::acknowledged;
    open.raised_at = test::at("2026-12-04T21:14:00Z");
    open.summary = "2 needing care";
    alerts[open.id] = open;
    Alert closed = open;
    closed.id = "A-000013";
    closed.state = AlertState::resolved;
    alerts[closed.id] = closed;

    std::map<std::string, Dispatch> orders;
    Dispatch d;
    d.id = "D-000004";
    d.alert = "A-000012";
    d.team = "team-02";
    d.station = "centralen";
    d.zone = "centralen.vantytor";
    d.state = DispatchState::on_scene;
    orders[d.id] = d;
    Dispatch done = d;
    done.id = "D-000005";
    done.state = DispatchState::completed;
    orders[done.id] = done;

    std::map<std::string, MeetingNote> notes;
    MeetingNote action;
    action.id = "N-000007";
    action.kind = NoteKind::action;
    action.owner = "capio";
    action.due = "2026-12-10";
    action.text = "follow up the nights in the hall";
    notes[action.id] = action;
    MeetingNote decision = action;
    decision.id = "N-000008";
    decision.kind = NoteKind::decision;
    notes[decision.id] = decision;

    auto lines = handover_items(alerts, orders, notes, test::real_maps(), t0);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "A-000012 critical, needs care: 2 needing care · Väntytor, centralen · raised 2026-12-04 22:14, acknowledged");
    CHECK(lines[1] == "D-000004 team-02 on scene · Väntytor, centralen · for A-000012");
    CHECK(lines[2].rfind("N-000007 action for Capio", 0) == 0);
    CHECK(lines[2].find("due 2026-12-10: follow up the nights in the hall") != std::string::npos);
}
