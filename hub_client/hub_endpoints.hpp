#pragma once
// Where a client finds the hub: its ROUTER (requests: snapshots, history, commands, status)
// and its PUB (the numbered updates). Everything a client needs to reach the hub is given
// here, in one place, so the keys of an authenticated connection will be too.
#include <string>

namespace platslage {

struct HubEndpoints {
    std::string router; // tcp://host:port
    std::string pub;    // tcp://host:port
};

} // namespace platslage
