#pragma once
// Tips entered at the console (core/protocol/tip_command.hpp): each is stored in the event
// log as a guard report is, deduplicated on its device and id (a console resending after a
// lost answer stores nothing twice), and only then folded into the picture, where it raises
// the alerts a guard's report would.
#include "hub_context.hpp"
#include "publisher.hpp"
#include "refusals.hpp"
#include "wire.hpp"

#include <string>

namespace platslage {

class TipDesk {
public:
    TipDesk(HubContext& hub, Refusals& refusals, Publisher& publisher) : hub_(hub), refusals_(refusals), publisher_(publisher) {}

    // The reply: OK with {"id","device","stored","report"} (docs/protocol.md, "Tips"), or ERROR.
    Frames carry_out(const std::string& command_json, const std::string* by = nullptr);

private:
    HubContext& hub_;
    Refusals& refusals_;
    Publisher& publisher_;
};

} // namespace platslage
