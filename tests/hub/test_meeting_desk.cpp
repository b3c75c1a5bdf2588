// The meeting desk: plans are stored before they are shown, handhelds get a retained notice
// of the meetings ahead when it changed, agendas come from the log, and the book is read
// back at start.
#include "hub_parts.hpp"

using namespace platslage;
using namespace platslage::test;

namespace {
const std::string notice_topic = "platslage/v1/centralen/hub/notice/meetings";

nlohmann::json plan_at(TimePoint starts, const std::string& zone = "centralen.vantytor") {
    return {{"op", "plan_meeting"}, {"by", "kc-1"}, {"title", "Utsättningsmöte Centralen"}, {"zone", zone},
            {"organisations", {"jernhusen", "socialforvaltningen", "capio"}}, {"starts", format_rfc3339(starts)},
            {"repeat", "weekly"}};
}
} // namespace

TEST_CASE("a planned meeting is stored, published, announced once, and read back at start") {
    HubParts parts;
    auto planned = parts.command(plan_at(parts.clock.now() + std::chrono::days(1)));
    REQUIRE(planned.kind == Reply::Kind::ok);
    auto meeting = nlohmann::json::parse(planned.text);
    CHECK(meeting["id"] == "M-000001");
    CHECK(parts.log.meetings().size() == 1);
    bool published = false;
    for (const auto& p : parts.published()) published = published || p.update.key == "meeting/M-000001";
    CHECK(published);

    auto notices = parts.mqtt.on(notice_topic);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].retain);
    auto notice = nlohmann::json::parse(notices[0].payload);
    REQUIRE(notice["meetings"].size() == 1);
    CHECK(notice["meetings"][0]["meeting"] == "M-000001");

    // Sent again only when it changed, or when the link came up.
    parts.meetings.send_notices(parts.clock.now(), /*even_unchanged=*/false);
    CHECK(parts.mqtt.on(notice_topic).size() == 1);
    parts.meetings.send_notices(parts.clock.now(), /*even_unchanged=*/true);
    CHECK(parts.mqtt.on(notice_topic).size() == 2);
    parts.mqtt.up = false;
    parts.meetings.send_notices(parts.clock.now(), /*even_unchanged=*/true);
    CHECK(parts.mqtt.on(notice_topic).size() == 2);

    MeetingDesk restarted(parts.hub, parts.refusals, parts.publisher);
    restarted.restore();
    REQUIRE(restarted.book().plans().size() == 1);
    CHECK(restarted.book().plans().begin()->first == "M-000001");
}

TEST_CASE("a meeting command that does not hold is refused and changes nothing") {
    HubParts parts;
    auto refused = parts.command(plan_at(parts.clock.now() + std::chrono::days(1), "centralen.nowhere"));
    CHECK(refused.kind == Reply::Kind::error);
    CHECK(parts.meetings.book().plans().empty());
    CHECK(parts.log.meetings().empty());
    CHECK(parts.mqtt.sent.empty());
    CHECK(parts.refusals.counters().total() == 1);
    auto unknown = parts.command({{"op", "agenda"}, {"by", "kc-1"}, {"meeting", "M-000042"}});
    CHECK(unknown.kind == Reply::Kind::error);
}

TEST_CASE("a meeting's agenda is built from what the log holds") {
    HubParts parts;
    REQUIRE(parts.command(plan_at(parts.clock.now() + std::chrono::hours(2))).kind == Reply::Kind::ok);
    parts.mqtt_in("platslage/v1/centralen/guard/hh-07/report",
                  report_json("r-1", "centralen.vantytor", 1, {"needs_care"}, parts.clock.now()));
    parts.take_inputs();
    auto agenda = parts.command({{"op", "agenda"}, {"by", "kc-1"}, {"meeting", "M-000001"}});
    REQUIRE(agenda.kind == Reply::Kind::ok);
    auto j = nlohmann::json::parse(agenda.text);
    CHECK(j.contains("agenda"));
    CHECK(j["markdown"].get<std::string>().find("Utsättningsmöte Centralen") != std::string::npos);
}
