#pragma once
// Joint deployment meetings: planned, recorded and asked for agendas over the same COMMAND
// verb as alert commands; stored in SQLite as they change. Handhelds are told of the
// meetings ahead at their station by a retained notice.
#include "hub_context.hpp"
#include "meeting_book.hpp"
#include "publisher.hpp"
#include "refusals.hpp"
#include "wire.hpp"

#include <map>
#include <string>

namespace platslage {

class MeetingDesk {
public:
    MeetingDesk(HubContext& hub, Refusals& refusals, Publisher& publisher)
        : hub_(hub), refusals_(refusals), publisher_(publisher) {}

    // `by`, when given, is the position the command acts as (its key's), whatever it says.
    Frames carry_out(const std::string& command_json, const std::string* by = nullptr);
    // Reads the book back from SQLite at start, into the picture.
    void restore();
    // Each plan's key in the picture (its next meeting moves on as time passes).
    void show(TimePoint now);
    // The retained notice of upcoming meetings for each station's handhelds, sent when it changed.
    void send_notices(TimePoint now, bool even_unchanged);

    const MeetingBook& book() const { return meetings_; }

private:
    Frames agenda_reply(const MeetingPlan& plan, TimePoint held_at);

    HubContext& hub_;
    Refusals& refusals_;
    Publisher& publisher_;
    MeetingBook meetings_;
    std::map<std::string, std::string> notices_sent_; // per station: the meetings last announced
};

} // namespace platslage
