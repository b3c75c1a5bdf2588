#include "fixtures.hpp"
#include "presence.hpp"

#include <doctest/doctest.h>

using namespace platslage;

namespace {
const TimePoint now = test::at("2026-11-23T23:30:00Z");
}

TEST_CASE("shift start and end") {
    Topic t{"centralen", TopicKind::guard_shift, "hh-02"};
    auto s = parse_shift_event(t, R"({"ts":"2026-11-23T22:00:00Z","event":"start","guards":2})", test::real_maps(), now);
    REQUIRE(s);
    CHECK(s->starts);
    CHECK(s->guards == 2);
    CHECK(parse_shift_event(t, R"({"ts":"2026-11-23T22:00:00Z","event":"pause"})", test::real_maps(), now)
              .rejection().reason == RejectReason::bad_value);
}

TEST_CASE("outreach status needs a zone of its own station unless off duty") {
    Topic t{"cityterminalen", TopicKind::outreach_status, "team-1"};
    auto ok = parse_outreach_status(t, R"({"ts":"2026-11-23T22:00:00Z","status":"on_scene","zone":"cityterminalen.vanthall"})",
                                    test::real_maps(), now);
    REQUIRE(ok);
    CHECK(ok->members == 2);
    CHECK(ok->status == TeamStatus::on_scene);
    CHECK(parse_outreach_status(t, R"({"ts":"2026-11-23T22:00:00Z","status":"off_duty"})", test::real_maps(), now).ok());
    CHECK(parse_outreach_status(t, R"({"ts":"2026-11-23T22:00:00Z","status":"available"})", test::real_maps(), now)
              .rejection().reason == RejectReason::missing_field);
    CHECK(parse_outreach_status(t, R"({"ts":"2026-11-23T22:00:00Z","status":"available","zone":"centralen.vantytor"})",
                                test::real_maps(), now).rejection().reason == RejectReason::topic_mismatch);
    CHECK(parse_outreach_status(t, R"({"ts":"2026-11-23T22:00:00Z","status":"available","zone":"cityterminalen.vanthall","org":"skatteverket"})",
                                test::real_maps(), now).rejection().reason == RejectReason::bad_value);
}

TEST_CASE("every documented organisation is accepted and has a title partners recognise") {
    Topic t{"centralen", TopicKind::outreach_status, "team-1"};
    CHECK(organisation_ids().size() == 17);
    // The police and the others the outreach team works with are organisations like the partners.
    for (const char* id : {"polisen", "mariamottagningen", "ungdomsjouren", "äldrelotsen", "sprututbytet"})
        CHECK(is_organisation(id));
    for (auto id : organisation_ids()) {
        auto body = R"({"ts":"2026-11-23T22:00:00Z","status":"available","zone":"centralen.vantytor","org":")" +
                    std::string(id) + R"("})";
        auto s = parse_outreach_status(t, body, test::real_maps(), now);
        REQUIRE_MESSAGE(s, id);
        CHECK(s->organisation == id);
        CHECK(organisation_title(id) != id); // a real title, not the wire id echoed back
    }
    CHECK(organisation_title("capio") == "Capio Vård för hemlösa");
    CHECK(organisation_title("unknown-org") == "unknown-org");
}

TEST_CASE("online flag, with or without a time (a last will has none)") {
    Topic t{"centralen", TopicKind::device_online, "hh-02"};
    auto will = parse_device_online(t, R"({"online":false})", test::real_maps(), now);
    REQUIRE(will);
    CHECK_FALSE(will->online);
    CHECK_FALSE(will->ts);
    CHECK(parse_device_online(t, R"({"online":"yes"})", test::real_maps(), now).rejection().reason == RejectReason::wrong_type);
}
