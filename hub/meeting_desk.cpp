// The hub's part for joint deployment meetings. Plans and notes are records, not a stream
// of events: each change is stored as the row's new state before it is shown, and the
// book is read back from SQLite at start. Agendas are computed from the event log on
// request, so they always match what is stored.
#include "agenda_markdown.hpp"
#include "agenda_source.hpp"
#include "hub.hpp"
#include "time_text.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace platslage {

namespace {
// How far ahead handhelds are told of meetings at their station.
constexpr std::chrono::days notice_ahead{7};
} // namespace

bool Hub::is_meeting_command(const std::string& command_json) {
    auto doc = nlohmann::json::parse(command_json, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) return false;
    auto op = doc.find("op");
    return op != doc.end() && op->is_string() && is_meeting_op(op->get<std::string>());
}

void Hub::restore_meetings() {
    try {
        auto plans = log_.meetings();
        auto notes = log_.meeting_notes();
        spdlog::info("meetings: {} planned, {} decisions and action items", plans.size(), notes.size());
        meetings_ = MeetingBook{};
        meetings_.restore(std::move(plans), std::move(notes));
    } catch (const std::exception& e) {
        spdlog::error("meetings not read from the event log: {}", e.what());
        return;
    }
    auto now = clock_.now();
    // Part of the rebuilt picture, not news: consoles take a snapshot.
    for (const auto& [id, p] : meetings_.plans()) situation_.show("meeting/" + id, to_json(p, now));
    for (const auto& [id, n] : meetings_.notes()) situation_.show("note/" + id, to_json(n));
}

Frames Hub::carry_out_meeting(const std::string& command_json) {
    auto now = clock_.now();
    auto command = parse_meeting_command(command_json, now);
    if (!command) return refuse_command(command.rejection(), now);
    if (auto why = meetings_.check(command.value(), zones_, now)) return refuse_command(*why, now);
    const auto& c = command.value();
    if (c.op == MeetingOp::agenda) {
        const MeetingPlan& plan = *meetings_.find(c.meeting);
        return agenda_reply(plan, *meetings_.meeting_for_agenda(plan, c.at, now));
    }
    // Changed on a copy, stored, and only then kept: a refused write leaves the book as it was.
    MeetingBook next = meetings_;
    auto changed = next.apply(c, zones_, now);
    nlohmann::json result;
    try {
        if (changed.meeting) {
            log_.store_meeting(*next.find(*changed.meeting));
            result = to_json(*next.find(*changed.meeting), now);
        }
        if (changed.note) {
            log_.store_meeting_note(*next.note(*changed.note));
            result = to_json(*next.note(*changed.note));
        }
    } catch (const std::exception& e) {
        ++store_failures_;
        spdlog::error("event log: meeting command not stored: {}", e.what());
        return encode_error("not_stored: the database refused the write; try again");
    }
    meetings_ = std::move(next);
    std::vector<Update> updates;
    auto add = [&](std::vector<Update> u) { updates.insert(updates.end(), u.begin(), u.end()); };
    if (changed.meeting) add(situation_.show("meeting/" + *changed.meeting, result));
    if (changed.note) add(situation_.show("note/" + *changed.note, result));
    publish(updates);
    send_notices(now, /*even_unchanged=*/false);
    spdlog::info("meeting {}: {} by {}{}", c.meeting.empty() ? result.value("id", "") : c.meeting, op_name(c.op), c.by,
                 changed.note ? " (" + *changed.note + ")" : "");
    return encode_ok(result.dump());
}

Frames Hub::agenda_reply(const MeetingPlan& plan, TimePoint held_at) {
    AgendaInput in;
    try {
        in = agenda_input(log_, meetings_, plan, held_at);
    } catch (const std::exception& e) {
        spdlog::error("event log: agenda not read: {}", e.what());
        return encode_error("not_stored: the database could not be read; try again");
    }
    auto agenda = build_agenda(in, zones_, situation_.fusion().settings().night);
    spdlog::info("meeting {}: agenda for {} from {} reports, {} alerts, {} dispatches", plan.id, format_rfc3339(held_at),
                 in.reports.size(), in.alerts.size(), in.dispatches.size());
    return encode_ok(nlohmann::json{{"agenda", to_json(agenda)}, {"markdown", agenda_markdown(agenda)}}.dump());
}

void Hub::show_meetings(TimePoint now) {
    std::vector<Update> updates;
    for (const auto& [id, p] : meetings_.plans()) {
        auto u = situation_.show("meeting/" + id, to_json(p, now));
        updates.insert(updates.end(), u.begin(), u.end());
    }
    publish(updates);
}

void Hub::send_notices(TimePoint now, bool even_unchanged) {
    if (!mqtt_ || !mqtt_->connected()) return;
    for (const auto& station : zones_.stations()) {
        auto notice = meetings_.notice(station, now, notice_ahead);
        auto meetings = notice["meetings"].dump();
        auto& sent = notices_sent_[station];
        if (!even_unchanged && sent == meetings) continue;
        sent = meetings;
        // Retained: a handheld that comes on shift later still gets it when it subscribes.
        mqtt_->publish(topic_string(Topic{station, TopicKind::hub_notice, "notice"}), notice.dump(), 1, /*retain=*/true);
        spdlog::debug("notice to {}: {} meetings ahead", station, notice["meetings"].size());
    }
}

} // namespace platslage
