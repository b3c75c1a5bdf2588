// The hub's part for joint deployment meetings. Plans and notes are records, not a stream
// of events: each change is stored as the row's new state before it is shown, and the
// book is read back from SQLite at start. Agendas are computed from the event log on
// request, so they always match what is stored.
#include "agenda_markdown.hpp"
#include "agenda_source.hpp"
#include "meeting_desk.hpp"
#include "topic.hpp"
#include "time_text.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace platslage {

namespace {
// How far ahead handhelds are told of meetings at their station.
constexpr std::chrono::days notice_ahead{7};
} // namespace

void MeetingDesk::restore() {
    try {
        auto plans = hub_.log.meetings();
        auto notes = hub_.log.meeting_notes();
        spdlog::info("meetings: {} planned, {} decisions and action items", plans.size(), notes.size());
        meetings_ = MeetingBook{};
        meetings_.restore(std::move(plans), std::move(notes));
    } catch (const std::exception& e) {
        spdlog::error("meetings not read from the event log: {}", e.what());
        return;
    }
    auto now = hub_.clock.now();
    // Part of the rebuilt picture, not news: consoles take a snapshot.
    for (const auto& [id, p] : meetings_.plans()) hub_.situation.show("meeting/" + id, to_json(p, now));
    for (const auto& [id, n] : meetings_.notes()) hub_.situation.show("note/" + id, to_json(n));
}

Frames MeetingDesk::carry_out(const std::string& command_json, const std::string* by) {
    auto now = hub_.clock.now();
    auto command = parse_meeting_command(command_json, now);
    if (!command) return refusals_.refuse_command(command.rejection(), now);
    MeetingCommand c = std::move(command).value();
    if (by) c.by = *by;
    if (auto why = meetings_.check(c, hub_.zones, now)) return refusals_.refuse_command(*why, now);
    if (c.op == MeetingOp::agenda) {
        const MeetingPlan& plan = *meetings_.find(c.meeting);
        return agenda_reply(plan, *meetings_.meeting_for_agenda(plan, c.at, now));
    }
    // Changed on a copy, stored, and only then kept: a refused write leaves the book as it was.
    MeetingBook next = meetings_;
    auto changed = next.apply(c, hub_.zones, now);
    nlohmann::json result;
    try {
        if (changed.meeting) {
            hub_.log.store_meeting(*next.find(*changed.meeting));
            result = to_json(*next.find(*changed.meeting), now);
        }
        if (changed.note) {
            hub_.log.store_meeting_note(*next.note(*changed.note));
            result = to_json(*next.note(*changed.note));
        }
    } catch (const std::exception& e) {
        hub_.storage.failed(hub_.clock.now(), e.what());
        spdlog::error("event log: meeting command not stored: {}", e.what());
        return encode_error("not_stored: the database refused the write; try again");
    }
    if (changed.meeting || changed.note) hub_.storage.stored(now);
    meetings_ = std::move(next);
    std::vector<Update> updates;
    auto add = [&](std::vector<Update> u) { updates.insert(updates.end(), u.begin(), u.end()); };
    if (changed.meeting) add(hub_.situation.show("meeting/" + *changed.meeting, result));
    if (changed.note) add(hub_.situation.show("note/" + *changed.note, result));
    publisher_.publish(updates);
    send_notices(now, /*even_unchanged=*/false);
    spdlog::info("meeting {}: {} by {}{}", c.meeting.empty() ? result.value("id", "") : c.meeting, op_name(c.op), c.by,
                 changed.note ? " (" + *changed.note + ")" : "");
    return encode_ok(result.dump());
}

Frames MeetingDesk::agenda_reply(const MeetingPlan& plan, TimePoint held_at) {
    AgendaInput in;
    try {
        in = agenda_input(hub_.log, meetings_, plan, held_at);
    } catch (const std::exception& e) {
        spdlog::error("event log: agenda not read: {}", e.what());
        return encode_error("not_stored: the database could not be read; try again");
    }
    const auto& settings = hub_.situation.fusion().settings();
    auto agenda = build_agenda(in, hub_.zones, settings.night, settings.rules.cold);
    spdlog::info("meeting {}: agenda for {} from {} reports, {} alerts, {} dispatches", plan.id, format_rfc3339(held_at),
                 in.reports.size(), in.alerts.size(), in.dispatches.size());
    return encode_ok(nlohmann::json{{"agenda", to_json(agenda)}, {"markdown", agenda_markdown(agenda)}}.dump());
}

void MeetingDesk::show(TimePoint now) {
    std::vector<Update> updates;
    for (const auto& [id, p] : meetings_.plans()) {
        auto u = hub_.situation.show("meeting/" + id, to_json(p, now));
        updates.insert(updates.end(), u.begin(), u.end());
    }
    publisher_.publish(updates);
}

void MeetingDesk::send_notices(TimePoint now, bool even_unchanged) {
    if (!hub_.mqtt || !hub_.mqtt->connected()) return;
    for (const auto& station : hub_.zones.stations()) {
        auto notice = meetings_.notice(station, now, notice_ahead);
        auto meetings = notice["meetings"].dump();
        auto& sent = notices_sent_[station];
        if (!even_unchanged && sent == meetings) continue;
        sent = meetings;
        // Retained: a handheld that comes on shift later still gets it when it subscribes.
        hub_.mqtt->publish(topic_string(Topic{station, TopicKind::hub_notice, "notice"}), notice.dump(), 1, /*retain=*/true);
        spdlog::debug("notice to {}: {} meetings ahead", station, notice["meetings"].size());
    }
}

} // namespace platslage
