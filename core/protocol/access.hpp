#pragma once
// Who may do what at the hub. Every console, counter adapter and simulator holds a key of its
// own; the hub's folder of admitted keys gives each an operator position and a role, and the
// hub judges every request by the role of the key it came with, never by what the request
// says about itself (docs/security.md).
#include <optional>
#include <string>
#include <string_view>

namespace platslage {

enum class Role {
    viewer,      // sees the picture: snapshots, updates, history, status, agendas
    operator_,   // a viewer who also works alerts: acknowledge, assign, dispatch, note, resolve
    coordinator, // an operator who also plans and keeps the joint deployment meetings
    admin,       // a coordinator who also enrols and revokes devices and keys
    sensor,      // a counter adapter or a simulator: pushes samples to the ingest, nothing else
    hub,         // the hub's own key card, which clients are given; admits nothing at the hub
};

std::string_view role_name(Role r);
std::optional<Role> role_from_name(std::string_view name);

// What a request asks for, as far as rights go.
enum class Access {
    read_picture,    // SNAPSHOT, HISTORY, STATUS, the PUB socket; an agenda
    work_alerts,     // an alert command
    keep_meetings,   // a meeting command other than reading an agenda
    push_samples,    // the ingest socket
};

bool role_allows(Role r, Access a);

// The holder of an admitted key, as the hub knows it: the position it acts as (`kc-1`, never a
// person's name), its role, and the key's fingerprint for the audit trail.
struct Principal {
    std::string position;
    Role role = Role::viewer;
    std::string fingerprint; // the first 16 hex digits of SHA-256 over the public key; empty without security
    bool operator==(const Principal&) const = default;
};

} // namespace platslage
