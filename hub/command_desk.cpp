#include "command_desk.hpp"

#include "alert_command.hpp"

#include <spdlog/spdlog.h>

namespace platslage {

Frames CommandDesk::carry_out(const std::string& command_json) {
    if (MeetingDesk::is_meeting_command(command_json)) return meetings_.carry_out(command_json);
    auto now = hub_.clock.now();
    auto refuse = [&](const Rejection& why) { return refusals_.refuse_command(why, now); };
    auto command = parse_alert_command(command_json);
    if (!command) return refuse(command.rejection());
    // Judged on the alert as it is now: bring the clock up first (it may just have expired).
    publisher_.publish(hub_.situation.advance_to(now));
    if (auto why = hub_.situation.check(command.value(), now)) return refuse(*why);
    std::vector<std::int64_t> ids;
    try {
        ids = hub_.log.append({to_record(Event{command.value()}, hub_.zones, now)}, {});
    } catch (const std::exception& e) {
        ++hub_.store_failures;
        spdlog::error("event log: command not stored: {}", e.what());
        return encode_error(std::string("not_stored: the database refused the write; try again"));
    }
    std::vector<Update> updates;
    hub_.apply(ids.at(0), Event{command.value()}, now, updates);
    publisher_.publish(updates);
    spdlog::info("alert {}: {} by {}", command->alert, op_name(command->op), command->by);
    const Alert* a = hub_.situation.fusion().alerts().find(command->alert);
    return encode_ok(a ? to_json(*a).dump() : "{}");
}

} // namespace platslage
