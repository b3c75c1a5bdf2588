// An alert's one life, with a clock the test controls: raised, joined, escalated on time,
// acknowledged, assigned, resolved with an outcome, or expired; and commands refused with
// a reason when the alert's state does not allow them.
#include "alert_book.hpp"
#include "alert_texts.hpp"
#include "fixtures.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using namespace std::chrono_literals;

namespace {
const TimePoint t0 = test::at("2026-11-24T22:00:00Z");

Signal care(TimePoint at, int persons = 1) {
    return Signal{AlertRule::needs_care, "centralen", "centralen.vantytor", "", Severity::critical, at, persons,
                  {"needs_care"}, std::to_string(persons) + " needing care"};
}
Signal sleeping(TimePoint at, Severity sev = Severity::warning) {
    return Signal{AlertRule::sleeping, "centralen", "centralen.centralhallen", "", sev, at, 2, {"sleeping"}, "2 sleeping"};
}
AlertCommand cmd(AlertOp op, const std::string& id) {
    AlertCommand c;
    c.op = op;
    c.alert = id;
    c.by = "kc-1";
    return c;
}
const auto any_team = [](const std::string& t) { return t == "team-01"; };
} // namespace

TEST_SUITE("alert lifecycle") {
    TEST_CASE("a signal raises an alert with its rule's severity and deadlines") {
        AlertBook book({});
        auto id = book.signal(care(t0));
        CHECK(id == "A-000001");
        const Alert* a = book.find(id);
        REQUIRE(a);
        CHECK(a->severity == Severity::critical);
        CHECK(a->state == AlertState::raised);
        CHECK(a->ack_due == t0 + 2min);
        CHECK(a->expires_at == t0 + 2h);
        CHECK(a->history.size() == 1);
        CHECK(book.open_count() == 1);
    }

    TEST_CASE("the same kind in the same zone within the join window joins; after it, a new alert opens") {
        AlertSettings s;
        s.of(AlertRule::needs_care).join_window = 30min;
        AlertBook book(s);
        auto first = book.signal(care(t0));
        CHECK(book.signal(care(t0 + 30min, 2)) == first); // at the edge: joins
        CHECK(book.find(first)->signals == 2);
        CHECK(book.find(first)->persons == 2);
        auto later = book.signal(care(t0 + 61min)); // 31 min after the last signal
        CHECK(later != first);
        CHECK(book.open_count() == 2);
        // Another zone never joins.
        auto other = care(t0 + 62min);
        other.zone = "centralen.toaletter";
        CHECK(book.signal(other) != later);
    }

    TEST_CASE("not acknowledged in time: one severity up at the due moment, announced again") {
        AlertBook book({});
        auto id = book.signal(sleeping(t0)); // warning: 30 min to acknowledge
        CHECK(book.advance(t0 + 30min - 1ms).changed.empty());
        auto c = book.advance(t0 + 30min);
        REQUIRE(c.changed.size() == 1);
        const Alert* a = book.find(id);
        CHECK(a->severity == Severity::minor);
        CHECK(a->escalations == 1);
        CHECK(a->history.back().what == "escalated");
        CHECK(a->history.back().at == t0 + 30min);
        // Minor waits 15 min; a late look at the clock still stamps each step at its due time.
        // Someone sleeping stops at major; from there it is announced again after 5, 10 and
        // 20 minutes: twice as long each time.
        book.advance(t0 + 119min);
        CHECK(a->severity == Severity::major);
        REQUIRE(a->history.size() == 6);
        CHECK(a->history[2].at == t0 + 45min); // minor → major
        CHECK(a->history[3].what == "reannounced");
        CHECK(a->history[3].at == t0 + 50min);
        CHECK(a->history[4].at == t0 + 60min);
        CHECK(a->history[5].at == t0 + 80min);
        CHECK(a->escalations == 5);
        CHECK(a->reannounced == 3);
    }

    TEST_CASE("someone needing care is critical from the start and announced again until acknowledged") {
        AlertBook book({});
        auto id = book.signal(care(t0));
        book.advance(t0 + 29min);
        const Alert* a = book.find(id);
        REQUIRE(a->history.size() == 4);
        CHECK(a->history[1].at == t0 + 2min);  // 2 min to acknowledge a critical alert
        CHECK(a->history[2].at == t0 + 6min);  // then 4
        CHECK(a->history[3].at == t0 + 14min); // then 8
        CHECK(a->severity == Severity::critical);
    }

    TEST_CASE("an acknowledged alert does not escalate, and expires when nothing new comes") {
        AlertBook book({});
        auto id = book.signal(sleeping(t0));
        REQUIRE_FALSE(book.check(cmd(AlertOp::acknowledge, id), any_team));
        book.apply(cmd(AlertOp::acknowledge, id), t0 + 1min);
        book.advance(t0 + 3h - 1ms);
        CHECK(book.find(id)->state == AlertState::acknowledged);
        CHECK(book.find(id)->severity == Severity::warning);
        auto c = book.advance(t0 + 3h); // the sleeping rule expires after 3 h without a new report
        CHECK(c.changed == std::vector<std::string>{id});
        CHECK(book.find(id)->state == AlertState::expired);
        CHECK(book.find(id)->history.back().at == t0 + 3h);
        CHECK(book.open_count() == 0);
        // A closed alert stays in view for keep_closed, then leaves it.
        CHECK(book.advance(t0 + 4h).dropped == std::vector<std::string>{id});
        CHECK_FALSE(book.find(id));
    }

    TEST_CASE("an assigned alert does not expire: it ends with an outcome") {
        AlertBook book({});
        auto id = book.signal(care(t0));
        REQUIRE_FALSE(book.check([&] { auto c = cmd(AlertOp::assign, id); c.team = "team-01"; return c; }(), any_team));
        auto assign = cmd(AlertOp::assign, id);
        assign.team = "team-01";
        book.apply(assign, t0 + 1min);
        book.advance(t0 + 10h);
        CHECK(book.find(id)->state == AlertState::assigned);
        CHECK(book.find(id)->assigned_to == "team-01");
        auto resolve = cmd(AlertOp::resolve, id);
        resolve.outcome = "referred";
        REQUIRE_FALSE(book.check(resolve, any_team));
        book.apply(resolve, t0 + 10h);
        CHECK(book.find(id)->state == AlertState::resolved);
        CHECK(book.find(id)->outcome == "referred");
        CHECK(book.find(id)->history.back().by == "kc-1");
    }

    TEST_CASE("commands the state does not allow are refused with a reason") {
        AlertBook book({});
        auto id = book.signal(care(t0));
        CHECK(book.check(cmd(AlertOp::acknowledge, "A-000099"), any_team)->reason == RejectReason::unknown_alert);
        auto assign = cmd(AlertOp::assign, id);
        assign.team = "team-77";
        CHECK(book.check(assign, any_team)->reason == RejectReason::unknown_team);
        book.apply(cmd(AlertOp::acknowledge, id), t0);
        CHECK(book.check(cmd(AlertOp::acknowledge, id), any_team)->reason == RejectReason::not_allowed);
        auto resolve = cmd(AlertOp::resolve, id);
        resolve.outcome = "contact_made";
        book.apply(resolve, t0 + 5min);
        CHECK(book.check(resolve, any_team)->reason == RejectReason::not_allowed);
        // A note on a closed alert still in view is welcome.
        auto note = cmd(AlertOp::note, id);
        note.note = "followed up at the day centre";
        CHECK_FALSE(book.check(note, any_team));
    }

    TEST_CASE("a condition that ends clears its alert; a worse signal lifts it at once") {
        AlertBook book({});
        auto crowd = Signal{AlertRule::crowding, "centralen", "centralen.centralhallen", "", Severity::major, t0, 1600, {}, "1600 of 1500"};
        auto id = book.signal(crowd);
        CHECK(book.clear(AlertRule::crowding, "centralen.centralhallen", "", t0 + 10min, "down to 85 %") == id);
        CHECK(book.find(id)->outcome == "cleared");
        CHECK_FALSE(book.clear(AlertRule::crowding, "centralen.centralhallen", "", t0 + 11min, "again"));

        auto sleep_id = book.signal(sleeping(t0));
        book.signal(sleeping(t0 + 5min, Severity::major)); // an extra cold night began
        CHECK(book.find(sleep_id)->severity == Severity::major);
        CHECK(book.find(sleep_id)->ack_due == t0 + 5min + 5min);
    }

    TEST_CASE("with two alerts open on the same thing, a signal joins the one in its window and a clear closes the older") {
        AlertSettings s;
        s.of(AlertRule::needs_care).join_window = 30min;
        AlertBook book(s);
        auto first = book.signal(care(t0));
        auto second = book.signal(care(t0 + 61min)); // the first is still open, past its window
        REQUIRE(first != second);
        CHECK(book.signal(care(t0 + 70min)) == second);
        CHECK(book.open_for(AlertRule::needs_care, "centralen.vantytor", "")->id == first);
        CHECK(book.clear(AlertRule::needs_care, "centralen.vantytor", "", t0 + 71min, "gone") == first);
        CHECK(book.open_for(AlertRule::needs_care, "centralen.vantytor", "")->id == second);
        CHECK(book.clear(AlertRule::needs_care, "centralen.vantytor", "", t0 + 72min, "gone") == second);
        CHECK_FALSE(book.open_for(AlertRule::needs_care, "centralen.vantytor", ""));
        CHECK_FALSE(book.clear(AlertRule::needs_care, "centralen.vantytor", "", t0 + 73min, "gone"));
        // Closed, they take no signal: a new one opens.
        auto third = book.signal(care(t0 + 74min));
        CHECK(third != first);
        CHECK(third != second);
        // A loaded book knows its open alerts as well.
        AlertBook copy(s);
        copy.load(book.save());
        CHECK(copy.open_for(AlertRule::needs_care, "centralen.vantytor", "")->id == third);
        CHECK(copy.signal(care(t0 + 75min)) == third);
    }

    TEST_CASE("a step falls due at its time however often the book was asked before, and after any change") {
        AlertBook book({});
        auto id = book.signal(sleeping(t0)); // warning: acknowledged within 15 min or escalated
        for (int m = 0; m < 15; ++m) CHECK(book.advance(t0 + std::chrono::minutes(m)).changed.empty());
        // A worse signal moves the deadline nearer; asked just before and at it.
        book.signal(sleeping(t0 + 14min, Severity::major)); // due 5 min later
        CHECK(book.advance(t0 + 18min).changed.empty());
        CHECK(book.advance(t0 + 19min).changed == std::vector<std::string>{id});
        CHECK(book.find(id)->reannounced == 1); // major is the ceiling of people sleeping
        // Acknowledged: no more escalations; it expires three hours after its last signal.
        book.apply(cmd(AlertOp::acknowledge, id), t0 + 20min);
        CHECK(book.advance(t0 + 3h + 13min).changed.empty());
        CHECK(book.advance(t0 + 3h + 14min).changed == std::vector<std::string>{id});
        CHECK(book.find(id)->state == AlertState::expired);
        // And leaves the view an hour after it closed.
        CHECK(book.advance(t0 + 4h + 13min).dropped.empty());
        CHECK(book.advance(t0 + 4h + 14min).dropped == std::vector<std::string>{id});
    }

    TEST_CASE("save and load give back the same book") {
        AlertBook book({});
        auto id = book.signal(care(t0));
        book.apply(cmd(AlertOp::acknowledge, id), t0 + 1min);
        book.signal(sleeping(t0 + 2min));
        AlertBook copy({});
        copy.load(book.save());
        CHECK(copy.save() == book.save());
        CHECK(copy.signal(care(t0 + 3h)) == "A-000003"); // numbering carries on
    }

    TEST_CASE("consoles get the raising step and the newest steps; a snapshot keeps every step") {
        AlertSettings s;
        s.of(AlertRule::needs_care).join_window = 30min;
        AlertBook book(s);
        auto id = book.signal(care(t0));
        SUBCASE("a short history is sent whole") {
            book.apply(cmd(AlertOp::acknowledge, id), t0 + 1min);
            auto sent = to_published_json(*book.find(id));
            CHECK(sent["steps"] == 2);
            CHECK(sent["history"] == to_json(*book.find(id))["history"]);
        }
        SUBCASE("a zone reported all night: each report a step, the newest shown") {
            for (int i = 1; i <= 100; ++i) book.signal(care(t0 + i * 1min, 1 + i % 3));
            book.apply(cmd(AlertOp::acknowledge, id), t0 + 101min);
            const Alert& a = *book.find(id);
            REQUIRE(a.history.size() == 102);
            auto sent = to_published_json(a);
            CHECK(sent["steps"] == 102);
            const auto& h = sent["history"];
            REQUIRE(h.size() == alert_steps_shown);
            CHECK(h.front()["what"] == "raised");
            CHECK(h.front()["at"] == "2026-11-24T22:00:00.000Z");
            CHECK(h.back()["what"] == "acknowledged");
            // After the raising step come the newest joins, in order and without a gap.
            CHECK(h[1]["at"] == format_rfc3339(a.history[102 - (alert_steps_shown - 1)].at));
            for (std::size_t i = 2; i < h.size(); ++i) CHECK(h[i]["at"] >= h[i - 1]["at"]);
            // Everything but the history is the same as the full form.
            auto full = to_json(a);
            full.erase("history");
            sent.erase("history");
            sent.erase("steps");
            CHECK(sent == full);
            CHECK(to_json(a)["history"].size() == 102);
        }
    }
}

TEST_SUITE("alert texts") {
    TEST_CASE("an alert written out a step at a time is the same text as written out whole, step after step") {
        AlertSettings s;
        s.of(AlertRule::needs_care).join_window = 30min;
        AlertBook book(s);
        AlertTexts texts;
        auto id = book.signal(care(t0));
        CHECK(texts.text(*book.find(id)) == to_published_json(*book.find(id)).dump());
        for (int i = 1; i <= 60; ++i) {
            book.signal(care(t0 + i * 1min, 1 + i % 3));
            if (i % 7 == 0) {
                // A note whose text looks like the key the steps go in changes nothing.
                AlertCommand note = cmd(AlertOp::note, id);
                note.note = R"(see "history":[] and {"a":1})";
                book.apply(note, t0 + i * 1min);
            }
            // Asked after every step, and after several at once.
            if (i % 5 != 0) REQUIRE(texts.text(*book.find(id)) == to_published_json(*book.find(id)).dump());
        }
        auto last = texts.text(*book.find(id));
        CHECK(last.find(R"(see \"history\":[])") != std::string::npos); // the notes are among the steps shown
        CHECK(nlohmann::json::parse(last)["history"].size() == alert_steps_shown);
        SUBCASE("an alert of the same id raised anew (a snapshot loaded elsewhere) is written from scratch") {
            Alert other = *book.find(id);
            other.raised_at += 1h;
            other.history.resize(3);
            CHECK(texts.text(other) == to_published_json(other).dump());
        }
        SUBCASE("a forgotten alert is written from scratch when it comes back") {
            texts.forget(id);
            CHECK(texts.text(*book.find(id)) == to_published_json(*book.find(id)).dump());
        }
    }
}

TEST_SUITE("alert commands") {
    TEST_CASE("commands are checked field by field") {
        auto ok = parse_alert_command(R"({"op":"resolve","alert":"A-000012","by":"kc-1","outcome":"support_accepted","note":"ring 070-123 45 67"})");
        REQUIRE(ok);
        CHECK(ok->outcome == "support_accepted");
        CHECK(ok->note.find("070") == std::string::npos); // scrubbed before it is kept
        CHECK(parse_alert_command(R"({"op":"resolve","alert":"A-000012","by":"kc-1"})").rejection().reason == RejectReason::missing_field);
        CHECK(parse_alert_command(R"({"op":"resolve","alert":"A-000012","by":"kc-1","outcome":"gone"})").rejection().reason == RejectReason::bad_value);
        CHECK(parse_alert_command(R"({"op":"close","alert":"A-000012","by":"kc-1"})").rejection().reason == RejectReason::bad_value);
        CHECK(parse_alert_command(R"({"op":"acknowledge","alert":"12","by":"kc-1"})").rejection().reason == RejectReason::bad_value);
        CHECK(parse_alert_command(R"({"op":"acknowledge","alert":"A-000012","by":"the night operator"})").rejection().reason == RejectReason::bad_value);
        CHECK(parse_alert_command(R"({"op":"acknowledge","alert":"A-000012","by":"kc-1","team":"team-01"})").rejection().reason == RejectReason::unknown_field);
        CHECK(parse_alert_command(R"({"op":"assign","alert":"A-000012","by":"kc-1"})").rejection().reason == RejectReason::missing_field);
        CHECK(parse_alert_command(R"({"op":"acknowledge","alert":"A-000012","by":"kc-1","name":"x"})").rejection().reason == RejectReason::unknown_field);
        // An empty note is no note (stored, it would read back as a note command without one).
        CHECK(parse_alert_command(R"({"op":"note","alert":"A-000012","by":"kc-1","note":""})").rejection().reason == RejectReason::bad_value);
        CHECK(parse_alert_command(R"({"op":"acknowledge","alert":"A-000012","by":"kc-1","note":""})").ok());
    }
}
