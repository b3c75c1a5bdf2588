#include "access.hpp"

#include <array>

namespace platslage {

namespace {
constexpr std::array<std::string_view, 6> names{"viewer", "operator", "coordinator", "admin", "sensor", "hub"};
}

std::string_view role_name(Role r) { return names[static_cast<std::size_t>(r)]; }

std::optional<Role> role_from_name(std::string_view name) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<Role>(i);
    return std::nullopt;
}

bool role_allows(Role r, Access a) {
    // A sensor's key reaches only the ingest; every console role reads the picture, and each
    // step up the ladder adds one kind of work.
    switch (a) {
    case Access::push_samples: return r == Role::sensor;
    case Access::read_picture: return r == Role::viewer || role_allows(r, Access::work_alerts);
    case Access::work_alerts: return r == Role::operator_ || r == Role::coordinator || r == Role::admin;
    case Access::keep_meetings: return r == Role::coordinator || r == Role::admin;
    }
    return false;
}

} // namespace platslage
