#pragma once
// The audit trail (docs/security.md): every command that reaches the command desk, carried
// out or refused, is written down with its time, the position, role and key fingerprint of
// the key it came with, what it asked (op and alert or meeting) and what came of it ("done"
// or the refusal's reason). Never the command's free text: that is in the event log, scrubbed.
#include "access.hpp"
#include "hub_context.hpp"
#include "wire.hpp"

#include <string>

namespace platslage {

class AuditTrail {
public:
    explicit AuditTrail(HubContext& hub) : hub_(hub) {}

    // `caller` nullopt: a key revoked since it connected (`peer_fingerprint` names it).
    void record(const std::optional<Principal>& caller, const std::string& peer_fingerprint,
                const std::string& command_json, const Frames& reply, TimePoint at);

private:
    HubContext& hub_;
};

} // namespace platslage
