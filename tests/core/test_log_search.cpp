#include "fixtures.hpp"
#include "log_search.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using nlohmann::json;

namespace {
Rejection refused(const json& j) {
    auto q = parse_log_query(j.dump());
    REQUIRE_FALSE(q.ok());
    return q.rejection();
}
} // namespace

TEST_CASE("a search is bounded: a span of at most 31 days, at most 500 hits, a known category, an alert id") {
    auto q = parse_log_query(R"({"from":"2026-12-03T18:00:00+01:00","to":"2026-12-04T08:00:00+01:00","station":"centralen",
                                  "zone":"centralen.vantytor","category":"needs_care","limit":50})");
    REQUIRE(q);
    CHECK(q->from == test::at("2026-12-03T17:00:00Z"));
    CHECK(q->to == test::at("2026-12-04T07:00:00Z"));
    CHECK(q->category == "needs_care");
    CHECK(q->limit == 50);
    // Through its JSON and back, as the hub hands it to its search thread.
    CHECK(parse_log_query(log_query_json(*q)).value() == *q);

    auto by_alert = parse_log_query(R"({"alert":"A-000042"})");
    REQUIRE(by_alert);
    CHECK(by_alert->alert == "A-000042");
    CHECK(by_alert->limit == default_search_hits);
    CHECK(parse_log_query(log_query_json(*by_alert)).value() == *by_alert);

    CHECK(refused({{"from", "2026-12-04T08:00:00Z"}}).reason == RejectReason::missing_field);
    CHECK(refused({{"from", "2026-12-04T08:00:00Z"}, {"to", "2026-12-04T07:00:00Z"}}).detail.find("after") != std::string::npos);
    CHECK(refused({{"from", "2026-10-01T00:00:00Z"}, {"to", "2026-12-04T00:00:00Z"}}).detail.find("31 days") != std::string::npos);
    CHECK(refused({{"alert", "A-42"}}).reason == RejectReason::bad_value);
    CHECK(refused({{"alert", "A-000042"}, {"category", "cold"}}).reason == RejectReason::unknown_category);
    CHECK(refused({{"alert", "A-000042"}, {"limit", 501}}).reason == RejectReason::bad_value);
    CHECK(refused({{"alert", "A-000042"}, {"name", "x"}}).reason == RejectReason::unknown_field);
    CHECK(refused({{"alert", "A-000042"}, {"station", "a b"}}).reason == RejectReason::bad_value);
}

TEST_CASE("hits are lines in words and travel as JSON") {
    CHECK(report_hit_text("observation", 2, {"needs_care", "sleeping"}, "vid bänkarna", "") ==
          "Observation: 2 persons; needs care, sleeping · vid bänkarna");
    CHECK(report_hit_text("incident", 1, {}, "", "police") == "Incident (a tip from the police): 1 person");
    CHECK(alert_step_hit_text("A-000003", "acknowledged", "needs_care", "critical", "on it") ==
          "A-000003 acknowledged (critical, needs care): on it");
    CHECK(order_hit_text("D-000004", "team-02", "A-000003", "completed", "referred", "socialjouren") ==
          "D-000004 team-02 for A-000003: completed, referred (socialjouren)");

    LogQuery q;
    q.alert = "A-000003";
    std::vector<LogHit> hits{{test::at("2026-12-04T21:00:00Z"), "alert", "A-000003", "centralen", "centralen.vantytor", "kc-1", "x"},
                             {test::at("2026-12-04T20:00:00Z"), "report", "report/000000000007", "centralen", "centralen.vantytor",
                              "hh-01", "y"}};
    auto back = parse_log_hits(log_hits_json(q, hits, true));
    REQUIRE(back);
    CHECK(back->more);
    CHECK(back->hits == hits);
    CHECK_FALSE(parse_log_hits("[]"));
}
