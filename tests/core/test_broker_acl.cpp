#include "broker_acl.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace platslage;

namespace {
bool has(const std::vector<AclEntry>& acl, AclType t, const std::string& topic) {
    return std::find(acl.begin(), acl.end(), AclEntry{t, topic}) != acl.end();
}
std::vector<std::string> of_type(const std::vector<AclEntry>& acl, AclType t) {
    std::vector<std::string> out;
    for (const auto& e : acl)
        if (e.type == t) out.push_back(e.topic);
    return out;
}
} // namespace

TEST_CASE("a guard's handheld sends only under its own id at its own station and reads only its receipts and notices") {
    auto acl = device_acls({DeviceKind::guard, "hh-07", "centralen", {}});
    REQUIRE(acl);
    CHECK(of_type(*acl, AclType::publish_send) ==
          std::vector<std::string>{"platslage/v1/centralen/guard/hh-07/report", "platslage/v1/centralen/guard/hh-07/shift",
                                   "platslage/v1/centralen/device/hh-07/online"});
    CHECK(of_type(*acl, AclType::publish_receive) ==
          std::vector<std::string>{"platslage/v1/centralen/guard/hh-07/receipt", "platslage/v1/centralen/hub/notice/meetings"});
    CHECK(of_type(*acl, AclType::subscribe_pattern) == of_type(*acl, AclType::publish_receive));
    // No wildcard anywhere: nothing of another device, station or the hub's.
    for (const auto& e : *acl) CHECK(e.topic.find_first_of("+#") == std::string::npos);
}

TEST_CASE("a team's device sends its status, answers and outcomes, and reads its orders") {
    auto acl = device_acls({DeviceKind::team, "team-2", "cityterminalen", {}});
    REQUIRE(acl);
    CHECK(has(*acl, AclType::publish_send, "platslage/v1/cityterminalen/outreach/team-2/outcome"));
    CHECK(has(*acl, AclType::publish_receive, "platslage/v1/cityterminalen/outreach/team-2/dispatch"));
    CHECK_FALSE(has(*acl, AclType::publish_send, "platslage/v1/cityterminalen/outreach/team-2/dispatch"));
    CHECK_FALSE(has(*acl, AclType::publish_send, "platslage/v1/cityterminalen/outreach/team-2/receipt"));
}

TEST_CASE("only the hub sends receipts, orders and notices; it reads every version level") {
    auto hub = device_acls({DeviceKind::hub, "hub", "", {}});
    REQUIRE(hub);
    CHECK(has(*hub, AclType::publish_send, "platslage/v1/+/guard/+/receipt"));
    CHECK(has(*hub, AclType::publish_send, "platslage/v1/+/outreach/+/dispatch"));
    CHECK(has(*hub, AclType::subscribe_pattern, "platslage/#"));
    CHECK_FALSE(has(*hub, AclType::publish_send, "platslage/v1/+/guard/+/report"));
    for (auto kind : {DeviceKind::guard, DeviceKind::team}) {
        auto acl = device_acls({kind, "x1", "centralen", {}});
        REQUIRE(acl);
        for (const auto& t : of_type(*acl, AclType::publish_send)) {
            CHECK(t.find("/receipt") == std::string::npos);
            CHECK(t.find("/dispatch") == std::string::npos);
            CHECK(t.find("/hub/") == std::string::npos);
        }
    }
    auto sim = device_acls({DeviceKind::simulator, "sim", "", {}});
    REQUIRE(sim);
    for (const auto& t : of_type(*sim, AclType::publish_send)) CHECK(t.find("/receipt") == std::string::npos);
}

TEST_CASE("counters adapters and cameras keep to their vendor topics") {
    auto adapter = device_acls({DeviceKind::counters, "counters-1", "", {"axis/+/event/#", "xovis/#"}});
    REQUIRE(adapter);
    CHECK(has(*adapter, AclType::subscribe_pattern, "xovis/#"));
    CHECK(of_type(*adapter, AclType::publish_send).empty());
    auto camera = device_acls({DeviceKind::camera, "cam-b8a4", "", {"axis/B8A44F000001/event/#"}});
    REQUIRE(camera);
    CHECK(of_type(*camera, AclType::publish_send) == std::vector<std::string>{"axis/B8A44F000001/event/#"});
    for (const char* bad : {"platslage/#", "#", "$CONTROL/dynamic-security/v1", "+/x", "a/#/b", ""})
        CHECK_FALSE(device_acls({DeviceKind::camera, "cam-1", "", {bad}}));
}

TEST_CASE("a grant that names no proper device is refused with a reason") {
    CHECK(device_acls({DeviceKind::guard, "hh-1", "", {}}).rejection().detail.find("station") != std::string::npos);
    CHECK_FALSE(device_acls({DeviceKind::guard, "hh/1", "centralen", {}}));
    CHECK_FALSE(device_acls({DeviceKind::guard, "19800101-1234", "centralen", {}})); // an identity number is no id
    CHECK_FALSE(device_acls({DeviceKind::hub, "hub", "centralen", {}}));
    CHECK_FALSE(device_acls({DeviceKind::counters, "c1", "", {}}));
    CHECK_FALSE(device_acls({DeviceKind::guard, "hh-1", "centralen", {"xovis/#"}}));
    for (auto k : {DeviceKind::guard, DeviceKind::team, DeviceKind::hub, DeviceKind::simulator, DeviceKind::counters, DeviceKind::camera})
        CHECK(device_kind_from_name(device_kind_name(k)) == k);
}
