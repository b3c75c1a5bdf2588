#pragma once
// The control room's shift log in the hub: operators' notes and handovers, sent as commands,
// stored in SQLite before they are shown, and carried in the picture's `shift` entry (the
// newest handover and the notes since), so a console shows the handover when it logs in.
// A handover lists what is open as the hub sees it at that moment (handover_items.hpp).
#include "hub_context.hpp"
#include "meeting_desk.hpp"
#include "publisher.hpp"
#include "refusals.hpp"
#include "shift_log.hpp"
#include "wire.hpp"

#include <string>

namespace platslage {

class ShiftDesk {
public:
    ShiftDesk(HubContext& hub, Refusals& refusals, Publisher& publisher, const MeetingDesk& meetings)
        : hub_(hub), refusals_(refusals), publisher_(publisher), meetings_(meetings) {}

    // `by`, when given, is the position the command acts as (its key's), whatever it says.
    Frames carry_out(const std::string& command_json, const std::string* by = nullptr);
    // Reads the newest handover and the notes since it back from SQLite at start.
    void restore();

private:
    HubContext& hub_;
    Refusals& refusals_;
    Publisher& publisher_;
    const MeetingDesk& meetings_;
    ShiftBook book_;
};

} // namespace platslage
