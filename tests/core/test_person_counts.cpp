// Counts of women and men and a visit's several results, on a team's outcome, a round
// contact, an operator's resolve and a night shelter's reading: checked against the people
// they count, and refused with the field named.
#include "alert_command.hpp"
#include "dispatch.hpp"
#include "fixtures.hpp"
#include "shelter.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using platslage::test::at;
using platslage::test::real_maps;

namespace {
const TimePoint now = at("2026-11-20T21:00:00Z");
const Topic team_topic{"centralen", TopicKind::outreach_outcome, "team-01"};

Checked<DispatchOutcome> outcome(const std::string& fields) {
    return parse_dispatch_outcome(team_topic, R"({"ts":"2026-11-20T20:59:00Z",)" + fields + "}", real_maps(), now);
}
} // namespace

TEST_CASE("an order's outcome with women, men and several results") {
    auto o = outcome(R"("dispatch":"D-000007","outcome":"support_accepted","persons":3,"women":1,"men":2,)"
                     R"("results":[{"outcome":"support_accepted","persons":2},{"outcome":"declined","persons":1}])");
    REQUIRE(o);
    CHECK(o.value().women == 1);
    CHECK(o.value().men == 2);
    CHECK(o.value().results == std::vector<OutcomeResult>{{"support_accepted", 2, ""}, {"declined", 1, ""}});
    CHECK_FALSE(o.value().is_round_contact());
    // Written back as it came, so the log reads it again the same.
    auto again = parse_dispatch_outcome(team_topic, to_json(o.value()).dump(), real_maps(), now);
    REQUIRE(again);
    CHECK(again.value().results == o.value().results);
    CHECK(again.value().women == 1);
}

TEST_CASE("counts that do not add up are refused, saying which") {
    auto why = [](const std::string& fields) {
        auto o = outcome(fields);
        REQUIRE_FALSE(o);
        return o.rejection().detail;
    };
    CHECK(why(R"("dispatch":"D-000007","outcome":"contact_made","persons":2,"women":2,"men":1)") ==
          "'women' and 'men' together are more than 'persons'");
    CHECK(why(R"("dispatch":"D-000007","outcome":"support_accepted","persons":3,)"
              R"("results":[{"outcome":"support_accepted","persons":2}])")
              .find("add up to 2, not to 'persons' (3)") != std::string::npos);
    CHECK(why(R"("dispatch":"D-000007","outcome":"contact_made","persons":2,)"
              R"("results":[{"outcome":"support_accepted","persons":2}])") ==
          "the outcome 'contact_made' must be one of 'results'");
    CHECK(why(R"("dispatch":"D-000007","outcome":"referred","referred_to":"capio","persons":2,)"
              R"("results":[{"outcome":"referred","persons":2}])") ==
          "results[0]: 'referred_to' goes with outcome 'referred', and only there");
    CHECK(why(R"("dispatch":"D-000007","outcome":"declined","persons":2,)"
              R"("results":[{"outcome":"declined","persons":1},{"outcome":"declined","persons":1}])") ==
          "results[1]: outcome 'declined' is already in the list");
    CHECK(why(R"("dispatch":"D-000007","outcome":"declined","persons":1,)"
              R"("results":[{"outcome":"declined","persons":1,"name":"x"}])")
              .starts_with("results[0]: "));
    CHECK(why(R"("dispatch":"D-000007","outcome":"nobody_found","women":0)").starts_with("nobody_found describes no one"));
    // Five outcomes can be results (each once, nobody_found never): a sixth entry is refused as such.
    CHECK(why(R"("dispatch":"D-000007","outcome":"declined","persons":6,"results":[)"
              R"({"outcome":"declined","persons":1},{"outcome":"contact_made","persons":1},)"
              R"({"outcome":"support_offered","persons":1},{"outcome":"support_accepted","persons":1},)"
              R"({"outcome":"referred","persons":1,"referred_to":"capio"},{"outcome":"declined","persons":1}])") ==
          "field 'results' must be a list of 1-5 results");
}

TEST_CASE("a contact of the team's own round: no order, its own id and a zone") {
    auto o = outcome(R"("id":"c-17","zone":"centralen.vantytor","outcome":"support_offered","persons":2,"women":1)");
    REQUIRE(o);
    CHECK(o.value().is_round_contact());
    CHECK(o.value().contact == "c-17");
    CHECK(o.value().zone == "centralen.vantytor");
    auto json = to_json(o.value());
    CHECK_FALSE(json.contains("dispatch"));
    CHECK(json["id"] == "c-17");

    CHECK(outcome(R"("outcome":"contact_made")").rejection().detail == "field 'id' is required");
    CHECK(outcome(R"("id":"c-1","zone":"cityterminalen.vanthall","outcome":"contact_made")").rejection().detail ==
          "zone 'cityterminalen.vanthall' is not at station 'centralen'");
    CHECK(outcome(R"("id":"c-1","zone":"centralen.nowhere","outcome":"contact_made")").rejection().reason ==
          RejectReason::unknown_zone);
    CHECK(outcome(R"("id":"199001011234","zone":"centralen.vantytor","outcome":"contact_made")").rejection().detail ==
          "field 'id' reads as an identity or phone number or an e-mail address");
    CHECK(outcome(R"("dispatch":"D-000007","zone":"centralen.vantytor","outcome":"contact_made")").rejection().reason ==
          RejectReason::unknown_field);
}

TEST_CASE("an operator's resolve may count the people it was about") {
    auto c = parse_alert_command(R"({"op":"resolve","alert":"A-000001","by":"kc-1","outcome":"handled_by_guard",)"
                                 R"("persons":3,"women":1,"men":1})");
    REQUIRE(c);
    CHECK(c.value().persons == 3);
    CHECK(c.value().women == 1);
    CHECK(to_json(c.value())["persons"] == 3);
    auto refused = [](const char* text) { return parse_alert_command(text).rejection().detail; };
    CHECK(refused(R"({"op":"resolve","alert":"A-000001","by":"kc-1","outcome":"handled_by_guard","women":1})") ==
          "'women', 'men' and 'results' count among 'persons': give it");
    CHECK(refused(R"({"op":"note","alert":"A-000001","by":"kc-1","note":"x","persons":1})") ==
          "'persons', 'women', 'men' and 'results' belong to resolve only");
    CHECK(refused(R"({"op":"resolve","alert":"A-000001","by":"kc-1","outcome":"handled_by_guard","persons":2,)"
                  R"("results":[{"outcome":"declined","persons":2}]})") ==
          "the outcome 'handled_by_guard' must be one of 'results'");
}

TEST_CASE("a night shelter's nights by women and men") {
    auto s = parse_shelter_reading(
        R"({"shelter":"filadelfia","ts":"2026-11-20T20:00:00Z","places":50,"occupied":41,"women":14,"men":27})", now);
    REQUIRE(s);
    CHECK(s.value().women == 14);
    CHECK(to_json(s.value())["men"] == 27);
    auto over = parse_shelter_reading(
        R"({"shelter":"filadelfia","ts":"2026-11-20T20:00:00Z","places":50,"occupied":41,"women":20,"men":27})", now);
    REQUIRE_FALSE(over);
    CHECK(over.rejection().detail == "'women' and 'men' together are more than 'occupied'");
}
