#include "event_record.hpp"
#include "fixtures.hpp"
#include "situation.hpp"
#include "tip_command.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace platslage;
using nlohmann::json;

namespace {
const TimePoint now = test::at("2026-12-04T21:30:00Z");

json tip(json extra = json::object()) {
    json j{{"op", "tip"},  {"by", "kc-1"}, {"id", "tip-1"}, {"from", "police"}, {"zone", "centralen.vantytor"},
           {"seen", "2026-12-04T22:20:00+01:00"}, {"persons", 2}, {"categories", {"needs_care"}}};
    for (auto& [k, v] : extra.items()) j[k] = v;
    return j;
}
Checked<TipCommand> check(const json& j, const std::string* by = nullptr) {
    return parse_tip_command(j.dump(), test::real_maps(), now, by);
}
Rejection refused(const json& j) {
    auto c = check(j);
    REQUIRE_FALSE(c.ok());
    return c.rejection();
}
} // namespace

TEST_CASE("a tip becomes a report from the console, with its kind of source and never its person") {
    auto c = check(tip({{"note", "ring 070-1234567 om det behövs"}}));
    REQUIRE(c);
    const GuardReport& r = c->report;
    CHECK(c->by == "kc-1");
    CHECK(r.station == "centralen");
    CHECK(r.device == "console-kc-1");
    CHECK(entered_at_console(r));
    CHECK(r.id == "tip-1");
    CHECK(r.tip_from == "police");
    CHECK(r.ts == test::at("2026-12-04T21:20:00Z"));
    CHECK(r.persons == 2);
    CHECK(r.categories == std::vector<Category>{Category::needs_care});
    // Scrubbed like a guard's note.
    CHECK(r.note.find("1234567") == std::string::npos);
    CHECK(r.note_redactions == 1);
    // Stored as a guard report and read back from the log unchanged.
    auto record = to_record(Event{r}, test::real_maps(), now);
    CHECK(record.kind == "guard_report");
    CHECK(record.actor == "console-kc-1");
    auto back = from_record(record, test::real_maps());
    REQUIRE(back);
    const auto& again = std::get<GuardReport>(*back);
    CHECK(again.tip_from == "police");
    CHECK(to_json(again) == to_json(r));
}

TEST_CASE("a tip acts as the key's position, whatever its text says") {
    const std::string position = "kc-2";
    auto c = check(tip(), &position);
    REQUIRE(c);
    CHECK(c->by == "kc-2");
    CHECK(c->report.device == "console-kc-2");
}

TEST_CASE("a tip is refused with a reason for each fault") {
    CHECK(refused(tip({{"from", "neighbour"}})).reason == RejectReason::bad_value);
    CHECK(refused(tip({{"zone", "centralen.nowhere"}})).reason == RejectReason::unknown_zone);
    CHECK(refused(tip({{"seen", "2026-12-03T20:00:00Z"}})).detail.find("24 hours") != std::string::npos);
    CHECK(refused(tip({{"seen", "2026-12-04T23:00:00Z"}})).reason == RejectReason::bad_timestamp);
    CHECK(refused(tip({{"caller", "a name"}})).reason == RejectReason::unknown_field);
    CHECK(refused(tip({{"persons", 0}})).detail.find("persons") != std::string::npos);
    CHECK(refused(tip({{"categories", {"cold"}}})).reason == RejectReason::unknown_category);
    CHECK(refused(tip({{"id", "19800101-1234"}})).reason == RejectReason::bad_value);
    json no_source = tip();
    no_source.erase("from");
    CHECK(refused(no_source).reason == RejectReason::missing_field);
    CHECK(refused(json{{"op", "tip"}}).reason == RejectReason::missing_field);
}

TEST_CASE("a handheld may relay a tip too; an unknown kind of source is refused") {
    const Topic topic{"centralen", TopicKind::guard_report, "hh-01"};
    auto r = parse_guard_report(topic, R"({"id":"r-1","ts":"2026-12-04T21:20:00Z","zone":"centralen.vantytor","kind":"observation",
                                           "persons":1,"tip_from":"relative"})",
                                test::real_maps(), now);
    REQUIRE(r);
    CHECK(r->tip_from == "relative");
    CHECK_FALSE(entered_at_console(*r));
    CHECK(to_json(*r)["tip_from"] == "relative");
    auto bad = parse_guard_report(topic, R"({"id":"r-1","ts":"2026-12-04T21:20:00Z","zone":"centralen.vantytor","kind":"observation",
                                             "persons":1,"tip_from":"neighbour"})",
                                  test::real_maps(), now);
    REQUIRE_FALSE(bad);
    CHECK(bad.rejection().reason == RejectReason::bad_value);
    CHECK(tip_source_words("district_office") == "a district office");
}

TEST_CASE("a tip raises the alert a guard's report would, and makes no device of the console") {
    Situation s(test::real_maps(), {});
    auto c = check(tip());
    REQUIRE(c);
    auto updates = s.record(c->report, 7, now);
    std::set<std::string> keys;
    for (const auto& u : updates) keys.insert(u.key);
    CHECK(keys.contains("alert/A-000001"));
    CHECK(keys.contains("report/000000000007"));
    for (const auto& k : keys) CHECK(k.rfind("device/", 0) != 0);
    const Alert* a = s.fusion().alerts().find("A-000001");
    REQUIRE(a);
    CHECK(a->rule == AlertRule::needs_care);
    CHECK(json::parse(*s.state().find("report/000000000007"))["tip_from"] == "police");
}
