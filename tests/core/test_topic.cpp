#include "privacy_scrub.hpp"
#include "topic.hpp"

#include <doctest/doctest.h>

using namespace platslage;

TEST_CASE("protocol v1 topics parse into station, kind and actor") {
    auto t = parse_topic("platslage/v1/centralen/guard/hh-07/report");
    REQUIRE(t);
    CHECK(t->station == "centralen");
    CHECK(t->kind == TopicKind::guard_report);
    CHECK(t->actor == "hh-07");
    CHECK(topic_string(*t) == "platslage/v1/centralen/guard/hh-07/report");
    CHECK(parse_topic("platslage/v1/cityterminalen/outreach/team-2/status")->kind == TopicKind::outreach_status);
    CHECK(parse_topic("platslage/v1/centralen/device/hh-07/online")->kind == TopicKind::device_online);
    CHECK(topic_string({"centralen", TopicKind::guard_receipt, "hh-07"}) == "platslage/v1/centralen/guard/hh-07/receipt");
}

TEST_CASE("other versions and shapes are refused with their reason") {
    CHECK(parse_topic("platslage/v2/centralen/guard/hh-07/report").rejection().reason == RejectReason::wrong_version);
    CHECK(parse_topic("platslage/v1/centralen/guard/hh-07/selfie").rejection().reason == RejectReason::unknown_topic);
    CHECK(parse_topic("other/v1/centralen/guard/hh-07/report").rejection().reason == RejectReason::unknown_topic);
    CHECK(parse_topic("platslage/v1/centralen/guard/hh 07/report").rejection().reason == RejectReason::unknown_topic);
    CHECK(parse_topic("platslage/v1/centralen/guard/report").rejection().reason == RejectReason::unknown_topic);
}

TEST_CASE("a refusal's detail is one line of bounded length without identifiers, whatever the input held") {
    auto r = parse_topic("platslage/\r\nlevel 2023-01-01 fake log line").rejection();
    CHECK(r.detail.find_first_of("\r\n") == std::string::npos);
    CHECK(refusal_text("a\rb\nc\td\x7f") == "a?b?c?d?");
    std::string long_text(300, 'x');
    long_text.replace(refusal_detail_max - 1, 2, "å"); // a two-byte character across the limit
    auto cut = refusal_text(long_text);
    CHECK(cut == std::string(refusal_detail_max - 1, 'x') + "…");
    CHECK(refusal_text(std::string(refusal_detail_max, 'y')) == std::string(refusal_detail_max, 'y'));
    // A handheld named after a person's identity number is refused without the number being kept.
    auto named = parse_topic("platslage/v1/centralen/guard/19800101-1234/report");
    REQUIRE_FALSE(named);
    CHECK(named.rejection().reason == RejectReason::unknown_topic);
    CHECK(named.rejection().detail.find("1234") == std::string::npos);
    CHECK(refusal_text("platslage/v1/centralen/guard/19800101-1234/report") == "platslage/v1/centralen/guard/[personnummer]/report");
}

TEST_CASE("ids name equipment, teams and positions: never an identity or phone number") {
    for (const char* ok : {"hh-07", "team-2", "kc-1", "axis-exit-south", "aoa-00408CAC512B-1", "hh-2026-001", "sensor-123456"})
        CHECK_MESSAGE(is_actor_id(ok), ok);
    for (const char* person : {"19800101-1234", "800101-1234", "0701234567", "070-1234567", "08-4650045", "12345678901"})
        CHECK_MESSAGE(!is_actor_id(person), person);
    // The quick answer for ids with few digits and the scrubber agree at the edge: seven digits
    // can be a landline number, six cannot.
    CHECK(fewest_digits_redacted == 7);
    CHECK(scrub_identifiers("08-12345").redactions == 1);
    CHECK_FALSE(is_actor_id("08-12345"));
    CHECK(scrub_identifiers("08-1234").redactions == 0);
    CHECK(is_actor_id("08-1234"));
}

TEST_CASE("a station level that is not an id is refused with the topic, so it is never kept as a source") {
    CHECK(parse_topic("platslage/v1/800101-5034/guard/hh-01/report").rejection().reason == RejectReason::unknown_topic);
    CHECK(parse_topic("platslage/v1/" + std::string(60000, 's') + "/guard/hh-01/report").rejection().reason == RejectReason::unknown_topic);
    CHECK(parse_topic("platslage/v1/odenplan/guard/hh-01/report")); // not in the maps, but an id: the caller refuses it
}

TEST_CASE("a refusal's detail cut inside an e-mail address keeps none of it") {
    std::string text = std::string(refusal_detail_max - 8, 'x') + " anna.b@example.se trailing";
    auto cut = refusal_text(text);
    CHECK(cut.find("anna") == std::string::npos);
    CHECK(cut.find('@') == std::string::npos);
    std::string number = std::string(refusal_detail_max - 6, 'x') + " 800101-5034";
    CHECK(refusal_text(number).find("8001") == std::string::npos);
}
