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

TEST_CASE("a refusal's detail is one line of bounded length, whatever the input held") {
    auto r = parse_topic("platslage/\r\nlevel 2023-01-01 fake log line").rejection();
    CHECK(r.detail.find_first_of("\r\n") == std::string::npos);
    CHECK(one_line_detail("a\rb\nc\td\x7f") == "a?b?c?d?");
    std::string long_text(300, 'x');
    long_text.replace(refusal_detail_max - 1, 2, "å"); // a two-byte character across the limit
    auto cut = one_line_detail(long_text);
    CHECK(cut == std::string(refusal_detail_max - 1, 'x') + "…");
    CHECK(one_line_detail(std::string(refusal_detail_max, 'y')) == std::string(refusal_detail_max, 'y'));
}
