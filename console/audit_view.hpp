#pragma once
// Who did what to an alert, as the hub's audit trail has it (AUDIT, docs/protocol.md): every
// command sent about it, carried out or refused, with the position, role and key of the
// console it came from. Decided without a window, so the wording is tested.
#include <optional>
#include <string>
#include <vector>

namespace platslage::console {

struct AuditEntry {
    std::string at; // RFC 3339
    std::string position, role, fingerprint, op, result;
};

struct AlertAudit {
    std::string target; // the alert's id
    std::vector<AuditEntry> entries; // oldest first
};

// The AUDIT reply's JSON; nullopt when it cannot be read.
std::optional<AlertAudit> parse_audit(const std::string& json);

// One line per command, in Stockholm time: "22:01:05  resolve by kc-2 (operator, key 9f3e8549): done",
// "22:00:40  resolve by viewer-1 (viewer, key a9d05249): REFUSED forbidden".
std::vector<std::string> audit_lines(const AlertAudit& audit);

} // namespace platslage::console
