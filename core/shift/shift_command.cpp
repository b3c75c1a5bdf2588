#include "shift_command.hpp"

#include "alert_command.hpp"
#include "json_fields.hpp"
#include "privacy_scrub.hpp"
#include "shift_log.hpp"
#include "topic.hpp"

namespace platslage {

bool is_shift_op(std::string_view op) { return op == "shift_note" || op == "handover"; }

Checked<ShiftCommand> parse_shift_command(std::string_view payload, const ZoneMap& zones, const std::string* by) {
    auto doc = parse_object(payload, max_shift_command_bytes);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    f.only({"op", "by", "text", "zone", "alert"});
    auto op = f.one_of("op", {"shift_note", "handover"});
    auto said_by = f.text("by", 32);
    if (f.failed()) return f.failure();
    ShiftCommand c;
    c.handover = *op == "handover";
    const std::size_t max_chars = c.handover ? max_handover_chars : max_shift_note_chars;
    auto text = f.text("text", max_chars);
    auto zone = f.text("zone", 64, /*required=*/false);
    auto alert = f.text("alert", 16, /*required=*/false);
    if (f.failed()) return f.failure();
    // The text is checked as it came, even where the key's position stands in for it.
    if (!is_actor_id(*said_by) || (by && !is_actor_id(*by)))
        return Rejection{RejectReason::bad_value, actor_id_refusal("by", "an operator position")};
    c.by = by ? *by : *said_by;
    if (c.handover && (zone || alert))
        return Rejection{RejectReason::unknown_field, "'zone' and 'alert' belong to shift_note only"};
    if (zone) {
        if (!zones.find(*zone)) return Rejection{RejectReason::unknown_zone, "zone '" + *zone + "' is not in the maps"};
        c.zone = *zone;
    }
    if (alert) {
        if (!is_alert_id(*alert)) return Rejection{RejectReason::bad_value, "field 'alert' must look like A-000042"};
        c.alert = *alert;
    }
    auto scrubbed = scrub_identifiers(*text, max_chars);
    if (scrubbed.text.find_first_not_of(" \t\r\n") == std::string::npos)
        return Rejection{RejectReason::bad_value, "field 'text' must say something"};
    c.text = std::move(scrubbed.text);
    c.redactions = scrubbed.redactions;
    return c;
}

} // namespace platslage
