#include "command_desk.hpp"

#include "alert_command.hpp"
#include "meeting_command.hpp"
#include "shift_command.hpp"
#include "tip_command.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace platslage {

namespace {
// The command's "op", or empty when it has none that can be read.
std::string op_of(const nlohmann::json& doc) {
    if (!doc.is_object()) return {};
    auto it = doc.find("op");
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// What the command needs the key's role to allow: reading an agenda is reading the picture.
Access access_needed(const std::string& op) {
    if (!is_meeting_op(op)) return Access::work_alerts;
    return op == "agenda" ? Access::read_picture : Access::keep_meetings;
}

// Every op a command may have, by desk, for the refusal of one that is none of them.
std::string known_ops_text() {
    std::string alerts, meetings;
    for (int i = 0; i <= static_cast<int>(AlertOp::dispatch); ++i) alerts += (i ? ", " : "") + std::string(op_name(static_cast<AlertOp>(i)));
    for (int i = 0; i <= static_cast<int>(MeetingOp::agenda); ++i)
        meetings += (i ? ", " : "") + std::string(op_name(static_cast<MeetingOp>(i)));
    return alerts + " (alerts); " + meetings + " (meetings); shift_note, handover (the shift log); tip";
}

bool is_known_op(const std::string& op) {
    return alert_op_from_name(op).has_value() || is_meeting_op(op) || is_shift_op(op) || is_tip_op(op);
}

std::string forbidden_detail(Role role, Access needed) {
    const char* what = needed == Access::keep_meetings ? "plan or keep meetings (coordinator or admin)"
                       : needed == Access::work_alerts ? "work alerts (operator, coordinator or admin)"
                                                       : "read the picture";
    const std::string name(role_name(role));
    const bool vowel = std::string_view("aeiou").find(name.front()) != std::string_view::npos;
    return (vowel ? "an " : "a ") + name + " key may not " + what;
}
} // namespace

Frames CommandDesk::carry_out(const std::string& command_json, const std::optional<Principal>& caller,
                              const std::string& peer_fingerprint) {
    auto now = hub_.clock.now();
    Frames reply = judge(command_json, caller, now);
    audit_.record(caller, peer_fingerprint, command_json, reply, now);
    return reply;
}

Frames CommandDesk::judge(const std::string& command_json, const std::optional<Principal>& caller, TimePoint now) {
    if (!caller)
        return refusals_.refuse_command({RejectReason::forbidden, "this console's key is no longer admitted"}, now);
    // Size first: nothing larger than the largest command (a meeting's) is read any further;
    // the alert command's own check refuses it as oversize.
    if (command_json.size() > max_meeting_command_bytes) return carry_out_alert_command(command_json, nullptr, now);
    // Read once here for its op: which desk, and which right it needs.
    const std::string op = op_of(nlohmann::json::parse(command_json, nullptr, /*allow_exceptions=*/false));
    if (auto needed = access_needed(op); !role_allows(caller->role, needed))
        return refusals_.refuse_command({RejectReason::forbidden, forbidden_detail(caller->role, needed)}, now);
    // An op no desk knows is named as such (one without an op is the alert command's to refuse).
    if (!op.empty() && !is_known_op(op))
        return refusals_.refuse_command({RejectReason::bad_value, "unknown op '" + refusal_text(op) + "': an op is one of " + known_ops_text()}, now);
    // The position is the key's, never what the command says about itself; without security
    // (no position known) the command's own `by` stands.
    const std::string* by = caller->position.empty() ? nullptr : &caller->position;
    if (is_meeting_op(op)) return meetings_.carry_out(command_json, by);
    if (is_shift_op(op)) return shift_.carry_out(command_json, by);
    if (is_tip_op(op)) return tips_.carry_out(command_json, by);
    return carry_out_alert_command(command_json, by, now);
}

Frames CommandDesk::carry_out_alert_command(const std::string& command_json, const std::string* by, TimePoint now) {
    auto refuse = [&](const Rejection& why) { return refusals_.refuse_command(why, now); };
    auto parsed = parse_alert_command(command_json);
    if (!parsed) return refuse(parsed.rejection());
    AlertCommand command = std::move(parsed).value();
    if (by) command.by = *by;
    // Judged on the alert as it is now: bring the clock up first (it may just have expired).
    publisher_.publish(hub_.situation.advance_to(now));
    if (auto why = hub_.situation.check(command, now)) return refuse(*why);
    std::vector<std::int64_t> ids;
    try {
        ids = hub_.log.append({to_record(Event{command}, hub_.zones, now)}, {});
    } catch (const std::exception& e) {
        hub_.storage.failed(hub_.clock.now(), e.what());
        spdlog::error("event log: command not stored: {}", e.what());
        return encode_error(std::string("not_stored: the database refused the write; try again"));
    }
    hub_.storage.stored(now);
    std::vector<Update> updates;
    hub_.apply(ids.at(0), Event{command}, now, updates);
    publisher_.publish(updates);
    spdlog::info("alert {}: {} by {}", command.alert, op_name(command.op), command.by);
    const Alert* a = hub_.situation.fusion().alerts().find(command.alert);
    // The same value as the alert's `alert/` key (docs/protocol.md): its raising step, the newest
    // steps and how many there are in all.
    return encode_ok(a ? to_published_json(*a).dump() : "{}");
}

} // namespace platslage
