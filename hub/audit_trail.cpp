#include "audit_trail.hpp"

#include "meeting_command.hpp"
#include "topic.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace platslage {

namespace {
// A field of the command as the audit row keeps it: an id as it is, anything else not at all
// (a command that could not be read still gets its row, with '?').
std::string id_field(const nlohmann::json& doc, const char* name) {
    auto it = doc.find(name);
    if (it == doc.end() || !it->is_string()) return "";
    auto text = it->get<std::string>();
    return is_actor_id(text) ? text : "?";
}
} // namespace

void AuditTrail::record(const std::optional<Principal>& caller, const std::string& peer_fingerprint,
                        const std::string& command_json, const Frames& reply, TimePoint at) {
    AuditRecord r;
    r.at = at;
    if (caller) {
        r.position = caller->position;
        r.role = caller->fingerprint.empty() ? unchecked_role : std::string(role_name(caller->role));
        r.fingerprint = caller->fingerprint;
    } else {
        r.role = "revoked";
        r.fingerprint = peer_fingerprint;
    }
    // Read only within the largest command's size; an oversize one is recorded as '?'.
    auto doc = command_json.size() <= max_meeting_command_bytes
                   ? nlohmann::json::parse(command_json, nullptr, /*allow_exceptions=*/false)
                   : nlohmann::json();
    if (doc.is_object()) {
        r.op = id_field(doc, "op");
        r.target = id_field(doc, "alert");
        if (r.target.empty()) r.target = id_field(doc, "meeting");
        // Without security the position is whatever the command said (a revoked key's stays empty).
        if (caller && r.position.empty()) r.position = id_field(doc, "by");
    }
    if (r.op.empty()) r.op = "?";
    auto decoded = decode_reply(reply);
    if (decoded && decoded->kind == Reply::Kind::ok) {
        r.result = "done";
        // A plan carried out names its new id in the reply: the meeting's trail starts there.
        if (r.target.empty()) {
            auto made = nlohmann::json::parse(decoded->text, nullptr, /*allow_exceptions=*/false);
            if (made.is_object()) r.target = id_field(made, "id");
        }
    } else {
        r.result = decoded ? decoded->text.substr(0, decoded->text.find(':')) : "?";
    }
    try {
        hub_.log.append_audit(r);
    } catch (const std::exception& e) {
        hub_.storage.failed(hub_.clock.now(), e.what());
        spdlog::error("event log: audit row not stored: {}", e.what());
    }
}

} // namespace platslage
