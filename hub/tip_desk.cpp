#include "tip_desk.hpp"

#include "field_entries.hpp"
#include "tip_command.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace platslage {

Frames TipDesk::carry_out(const std::string& command_json, const std::string* by) {
    const auto now = hub_.clock.now();
    auto parsed = parse_tip_command(command_json, hub_.zones, now, by);
    if (!parsed) return refusals_.refuse_command(parsed.rejection(), now);
    const GuardReport& report = parsed->report;
    std::int64_t id = 0;
    try {
        id = hub_.log.append({to_record(Event{report}, hub_.zones, now)}, {}).at(0);
    } catch (const std::exception& e) {
        hub_.storage.failed(hub_.clock.now(), e.what());
        spdlog::error("event log: tip not stored: {}", e.what());
        return encode_error("not_stored: the database refused the write; try again");
    }
    hub_.storage.stored(now);
    nlohmann::json reply{{"id", report.id}, {"device", report.device}, {"stored", id != 0}};
    if (id == 0) {
        ++hub_.duplicates;
        return encode_ok(reply.dump()); // the same tip again: stored once already
    }
    ++hub_.accepted;
    std::vector<Update> updates;
    hub_.apply(id, Event{report}, now, updates);
    publisher_.publish(updates);
    reply["report"] = report_key(id);
    spdlog::info("tip {} from {} entered by {}: {} in {}", report.id, report.tip_from, parsed->by, report.persons, report.zone);
    return encode_ok(reply.dump());
}

} // namespace platslage
