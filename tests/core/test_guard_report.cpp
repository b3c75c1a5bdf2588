#include "fixtures.hpp"
#include "guard_report.hpp"
#include "json_fields.hpp"

#include <doctest/doctest.h>

using namespace platslage;

namespace {
const Topic centralen_hh{"centralen", TopicKind::guard_report, "hh-01"};
const TimePoint now = test::at("2026-11-23T23:30:00Z");

Checked<GuardReport> check(const std::string& payload, const Topic& topic = centralen_hh) {
    return parse_guard_report(topic, payload, test::real_maps(), now);
}
RejectReason reason(const std::string& payload, const Topic& topic = centralen_hh) {
    auto r = check(payload, topic);
    REQUIRE_FALSE(r.ok());
    return r.rejection().reason;
}
} // namespace

TEST_CASE("a complete observation is accepted as sent") {
    auto r = check(R"({"id":"r-1","ts":"2026-11-23T23:15:00+01:00","zone":"centralen.vantytor","kind":"observation",
                      "persons":3,"categories":["sleeping","needs_care"],"note":"två sover, en behöver hjälp"})");
    REQUIRE(r);
    CHECK(r->station == "centralen");
    CHECK(r->device == "hh-01");
    CHECK(r->id == "r-1");
    CHECK(r->ts == test::at("2026-11-23T22:15:00Z"));
    CHECK(r->persons == 3);
    CHECK(r->categories == std::vector<Category>{Category::sleeping, Category::needs_care});
    CHECK(r->note == "två sover, en behöver hjälp");
    auto j = to_json(*r);
    CHECK(j["categories"] == nlohmann::json::array({"sleeping", "needs_care"}));
    // The stored form goes back through the same check unchanged.
    auto again = check(j.dump());
    REQUIRE(again);
    CHECK(to_json(*again) == j);
}

TEST_CASE("women and men are counts among the persons, which older handhelds need not send") {
    const std::string head = R"({"id":"g-1","ts":"2026-11-23T23:15:00Z","zone":"centralen.vantytor","kind":"observation","persons":3)";
    auto told = check(head + R"(,"women":1,"men":1})");
    REQUIRE(told);
    CHECK(told->women == 1);
    CHECK(told->men == 1); // the third is unknown
    auto j = to_json(*told);
    CHECK(j["women"] == 1);
    CHECK(j["men"] == 1);
    REQUIRE(check(j.dump()));
    CHECK(to_json(*check(j.dump())) == j);
    // Not said: nothing is made up, and the stored form says nothing either.
    auto silent = check(head + "}");
    REQUIRE(silent);
    CHECK_FALSE(silent->women);
    CHECK_FALSE(silent->men);
    CHECK_FALSE(to_json(*silent).contains("women"));
    CHECK(check(head + R"(,"women":3})")->women == 3);
    // Never more than the persons, never less than none, always whole numbers.
    CHECK(reason(head + R"(,"women":2,"men":2})") == RejectReason::bad_value);
    CHECK(reason(head + R"(,"men":-1})") == RejectReason::bad_value);
    CHECK(reason(head + R"(,"women":"1"})") == RejectReason::wrong_type);
    CHECK(reason(head + R"(,"women":1.5})") == RejectReason::wrong_type);
}

TEST_CASE("a patrol with nobody seen needs no categories") {
    auto r = check(R"({"id":"p1","ts":"2026-11-23T23:00:00Z","zone":"centralen.spar-1-9","kind":"patrol","persons":0})");
    REQUIRE(r);
    CHECK(r->kind == ReportKind::patrol);
    CHECK(r->categories.empty());
}

TEST_CASE("every documented category is accepted") {
    for (auto c : all_categories()) {
        INFO(category_name(c));
        auto r = check(R"({"id":"c","ts":"2026-11-23T23:00:00Z","zone":"centralen.centralhallen","kind":"observation","persons":1,"categories":[")" +
                       std::string(category_name(c)) + "\"]}");
        CHECK(r.ok());
    }
}

TEST_CASE("the note is scrubbed of identity and phone numbers before anything else sees it") {
    auto r = check(R"({"id":"n","ts":"2026-11-23T23:00:00Z","zone":"centralen.centralhallen","kind":"observation",
                      "persons":1,"categories":["distress"],"note":"uppgav 850101-1234, tel 070-123 45 67"})");
    REQUIRE(r);
    CHECK(r->note == "uppgav [personnummer], tel [telefon]");
    CHECK(r->note_redactions == 2);
}

TEST_CASE("each kind of bad report is refused with its own reason") {
    const std::string base = R"("id":"x","ts":"2026-11-23T23:00:00Z","kind":"observation")";
    CHECK(reason("{not json") == RejectReason::malformed_json);
    CHECK(reason("[1,2]") == RejectReason::not_an_object);
    CHECK(reason("{" + base + R"(,"zone":"centralen.vantytor"})") == RejectReason::missing_field);
    CHECK(reason("{" + base + R"(,"zone":"centralen.vantytor","persons":"2"})") == RejectReason::wrong_type);
    CHECK(reason("{" + base + R"(,"zone":"centralen.vantytor","persons":2.5})") == RejectReason::wrong_type);
    CHECK(reason("{" + base + R"(,"zone":"centralen.vantytor","persons":-1})") == RejectReason::bad_value);
    CHECK(reason("{" + base + R"(,"zone":"centralen.vantytor","persons":501})") == RejectReason::bad_value);
    CHECK(reason("{" + base + R"(,"zone":"centralen.bar","persons":1})") == RejectReason::unknown_zone);
    CHECK(reason("{" + base + R"(,"zone":"cityterminalen.vanthall","persons":1})") == RejectReason::topic_mismatch);
    CHECK(reason("{" + base + R"(,"zone":"centralen.vantytor","persons":1,"categories":["drunk"]})") ==
          RejectReason::unknown_category);
    CHECK(reason("{" + base + R"(,"zone":"centralen.vantytor","persons":1,"categories":"sleeping"})") ==
          RejectReason::wrong_type);
    CHECK(reason("{" + base + R"(,"zone":"centralen.vantytor","persons":0,"categories":["sleeping"]})") ==
          RejectReason::bad_value);
    CHECK(reason("{" + base + R"(,"zone":"centralen.vantytor","persons":1,"name":"x"})") == RejectReason::unknown_field);
    CHECK(reason(R"({"id":"x","ts":"2026-11-23 23:00","kind":"patrol","zone":"centralen.vantytor","persons":0})") ==
          RejectReason::bad_timestamp);
    CHECK(reason(R"({"id":"x","ts":"2026-11-24T23:00:00Z","kind":"patrol","zone":"centralen.vantytor","persons":0})") ==
          RejectReason::bad_timestamp);
    CHECK(reason("{" + base + R"(,"zone":"centralen.vantytor","persons":1,"note":")" + std::string(501, 'a') + "\"}") ==
          RejectReason::bad_value);
    CHECK(reason(std::string(5000, ' ')) == RejectReason::oversize);
    CHECK(reason("{" + base + R"(,"zone":"centralen.vantytor","persons":0})",
                 Topic{"odenplan", TopicKind::guard_report, "hh-01"}) == RejectReason::unknown_station);
}

TEST_CASE("a note of exactly 500 characters, å ä ö counting as one each, is accepted") {
    std::string note;
    for (int i = 0; i < 500; ++i) note += "å";
    auto r = check(R"({"id":"x","ts":"2026-11-23T23:00:00Z","kind":"observation","zone":"centralen.vantytor","persons":1,"note":")" +
                   note + "\"}");
    CHECK(r.ok());
}

TEST_CASE("a report id that reads as an identity or phone number is refused, and never kept") {
    auto with_id = [](const std::string& id) {
        return R"({"id":")" + id + R"(","ts":"2026-11-23T23:00:00Z","zone":"centralen.vantytor","kind":"patrol","persons":0})";
    };
    for (const char* person : {"19800101-1234", "800101-5034", "070-1104567", "a.b@example.se"}) {
        auto r = check(with_id(person));
        REQUIRE_FALSE(r);
        CHECK(r.rejection().reason == RejectReason::bad_value);
        CHECK(r.rejection().detail.find("1234") == std::string::npos);
    }
    CHECK(reason(with_id("r\\n1")) == RejectReason::bad_value); // a line break in an id
    for (const char* ok : {"hh-07-000123", "hh-01-1764800000000", "r-0001", "sim-c-hh-08-000123"})
        CHECK_MESSAGE(check(with_id(ok)), ok);
}

TEST_CASE("a key given twice is refused, whichever value a reader would keep") {
    auto r = check(R"({"id":"x","ts":"2026-11-23T23:00:00Z","zone":"centralen.vantytor","kind":"patrol","persons":0,"persons":3})");
    REQUIRE_FALSE(r);
    CHECK(r.rejection().reason == RejectReason::malformed_json);
    CHECK(r.rejection().detail == "field 'persons' appears more than once");
    // The same key in two different objects is not a repeat.
    CHECK(parse_object(R"({"a":{"k":1},"b":{"k":2}})", 4096));
    CHECK_FALSE(parse_object(R"({"a":{"k":1,"k":2}})", 4096));
    // A repeat deep inside arrays and objects is found and named, and a document nested
    // thousands deep is read without recursion.
    auto deep = parse_object(R"({"a":[1,{"b":[{"c":0,"d":1,"c":2}]}],"e":3})", 4096);
    REQUIRE_FALSE(deep);
    CHECK(deep.rejection().detail == "field 'c' appears more than once");
    std::string nested = R"({"x":)" + std::string(20000, '[') + std::string(20000, ']') + "}";
    CHECK(parse_object(nested, 65536));
}

TEST_CASE("an offset no clock uses is refused as a bad timestamp") {
    CHECK(reason(R"({"id":"x","ts":"2026-11-23T23:00:00+99:99","kind":"patrol","zone":"centralen.vantytor","persons":0})") ==
          RejectReason::bad_timestamp);
}
