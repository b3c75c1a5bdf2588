#include "shift_desk.hpp"

#include "handover_items.hpp"
#include "shift_command.hpp"

#include <spdlog/spdlog.h>

namespace platslage {

void ShiftDesk::restore() {
    try {
        // Only what the picture shows is read: the newest handover and the notes since it.
        auto newest = hub_.log.newest_handover();
        auto notes = hub_.log.shift_notes_since(newest ? newest->at : TimePoint{}, shift_notes_shown);
        book_.restore(newest, notes, hub_.log.shift_numbered(false), hub_.log.shift_numbered(true));
        spdlog::info("shift log: {}, {} notes since it", newest ? "handover " + newest->id : std::string("no handover yet"), notes.size());
    } catch (const std::exception& e) {
        spdlog::error("shift log not read from the event log: {}", e.what());
        return;
    }
    // Part of the rebuilt picture, not news: consoles take a snapshot.
    hub_.situation.show("shift", to_json(book_.log()));
}

Frames ShiftDesk::carry_out(const std::string& command_json, const std::string* by) {
    const auto now = hub_.clock.now();
    auto parsed = parse_shift_command(command_json, hub_.zones, by);
    if (!parsed) return refusals_.refuse_command(parsed.rejection(), now);
    const ShiftCommand& c = *parsed;
    nlohmann::json result;
    try {
        if (c.handover) {
            const auto& fusion = hub_.situation.fusion();
            Handover h{book_.next_handover_id(), now, c.by, c.text,
                       handover_items(fusion.alerts().alerts(), fusion.dispatches().dispatches(), meetings_.book().notes(), hub_.zones, now)};
            hub_.log.store_handover(h);
            result = to_json(h);
            book_.add(std::move(h));
        } else {
            ShiftNote n{book_.next_note_id(), now, c.by, c.text, c.zone, c.alert};
            hub_.log.store_shift_note(n);
            result = to_json(n);
            book_.add(std::move(n));
        }
    } catch (const std::exception& e) {
        hub_.storage.failed(hub_.clock.now(), e.what());
        spdlog::error("event log: shift log entry not stored: {}", e.what());
        return encode_error("not_stored: the database refused the write; try again");
    }
    hub_.storage.stored(now);
    publisher_.publish(hub_.situation.show("shift", to_json(book_.log())));
    spdlog::info("shift log {}: {} by {}{}", result.value("id", ""), c.handover ? "handover" : "note", c.by,
                 c.redactions > 0 ? " (" + std::to_string(c.redactions) + " numbers taken out)" : "");
    return encode_ok(result.dump());
}

} // namespace platslage
