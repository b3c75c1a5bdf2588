#pragma once
// The hub's command desk: what an operator asks of the picture over the ROUTER's COMMAND verb.
// Every command is bounded by size, then judged by the role of the key it came with
// (docs/security.md), and acts as that key's position whatever its `by` says (the text itself
// is checked as it came, never rewritten); meeting commands then go to the meeting
// desk, the shift log's to the shift desk, tips to the tip desk; alert commands are judged on the alert as it is now, committed to the event log like
// any event, and only then carried out. Each one, carried out or refused, leaves a line in
// the audit trail.
#include "access.hpp"
#include "audit_trail.hpp"
#include "hub_context.hpp"
#include "meeting_desk.hpp"
#include "publisher.hpp"
#include "refusals.hpp"
#include "shift_desk.hpp"
#include "tip_desk.hpp"
#include "wire.hpp"

#include <optional>
#include <string>

namespace platslage {

class CommandDesk {
public:
    CommandDesk(HubContext& hub, Refusals& refusals, Publisher& publisher, MeetingDesk& meetings)
        : hub_(hub), refusals_(refusals), publisher_(publisher), meetings_(meetings), shift_(hub, refusals, publisher, meetings),
          tips_(hub, refusals, publisher), audit_(hub) {}

    // The shift log read back at start (ShiftDesk::restore).
    void restore_shift_log() { shift_.restore(); }

    // The reply: OK with the alert (or meeting, note or agenda) as it is now, or ERROR.
    // `caller` is who the hub knows the key as (HubSecurity::caller); nullopt for a key revoked
    // since it connected, whose fingerprint is `peer_fingerprint`.
    Frames carry_out(const std::string& command_json, const std::optional<Principal>& caller,
                     const std::string& peer_fingerprint = "");

private:
    Frames judge(const std::string& command_json, const std::optional<Principal>& caller, TimePoint now);
    Frames carry_out_alert_command(const std::string& command_json, const std::string* by, TimePoint now);

    HubContext& hub_;
    Refusals& refusals_;
    Publisher& publisher_;
    MeetingDesk& meetings_;
    ShiftDesk shift_;
    TipDesk tips_;
    AuditTrail audit_;
};

} // namespace platslage
