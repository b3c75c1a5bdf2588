#include "access.hpp"

#include <doctest/doctest.h>

using namespace platslage;

TEST_CASE("each role reaches exactly its own work, and a sensor's key only the ingest") {
    // The ladder of docs/security.md, row by row.
    struct Row { Role role; bool read, alerts, meetings, samples; };
    const Row rows[] = {
        {Role::viewer, true, false, false, false},      {Role::operator_, true, true, false, false},
        {Role::coordinator, true, true, true, false},   {Role::admin, true, true, true, false},
        {Role::sensor, false, false, false, true},      {Role::hub, false, false, false, false},
    };
    for (const auto& r : rows) {
        CAPTURE(role_name(r.role));
        CHECK(role_allows(r.role, Access::read_picture) == r.read);
        CHECK(role_allows(r.role, Access::work_alerts) == r.alerts);
        CHECK(role_allows(r.role, Access::keep_meetings) == r.meetings);
        CHECK(role_allows(r.role, Access::push_samples) == r.samples);
    }
}

TEST_CASE("role names read back, and a name not on the list is no role") {
    for (Role r : {Role::viewer, Role::operator_, Role::coordinator, Role::admin, Role::sensor, Role::hub})
        CHECK(role_from_name(role_name(r)) == r);
    CHECK(role_name(Role::operator_) == "operator");
    CHECK_FALSE(role_from_name("operator_"));
    CHECK_FALSE(role_from_name("Admin"));
    CHECK_FALSE(role_from_name(""));
}
