#pragma once
// The hub's command desk: what an operator asks of the picture over the ROUTER's COMMAND verb.
// Meeting commands go to the meeting desk; alert commands are judged on the alert as it is
// now, committed to the event log like any event, and only then carried out.
#include "hub_context.hpp"
#include "meeting_desk.hpp"
#include "publisher.hpp"
#include "refusals.hpp"
#include "wire.hpp"

#include <string>

namespace platslage {

class CommandDesk {
public:
    CommandDesk(HubContext& hub, Refusals& refusals, Publisher& publisher, MeetingDesk& meetings)
        : hub_(hub), refusals_(refusals), publisher_(publisher), meetings_(meetings) {}

    // The reply: OK with the alert (or meeting, note or agenda) as it is now, or ERROR.
    Frames carry_out(const std::string& command_json);

private:
    HubContext& hub_;
    Refusals& refusals_;
    Publisher& publisher_;
    MeetingDesk& meetings_;
};

} // namespace platslage
