#pragma once
// Where a client finds the hub: its ROUTER (requests: snapshots, history, commands, status)
// and its PUB (the numbered updates), and the CURVE keys that let it in. Everything a client
// needs to reach the hub is given here, in one place, and every socket towards the hub is
// made from it.
#include "curve_keys.hpp"

#include <optional>
#include <string>

namespace platslage {

struct HubEndpoints {
    std::string router; // tcp://host:port
    std::string pub;    // tcp://host:port
    // The hub's public key and this client's pair; none only for a hub run without security.
    std::optional<CurveClientKeys> keys;
};

} // namespace platslage
