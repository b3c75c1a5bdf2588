#include "tip_command.hpp"

#include "json_fields.hpp"
#include "topic.hpp"

namespace platslage {

bool is_tip_op(std::string_view op) { return op == "tip"; }

Checked<TipCommand> parse_tip_command(std::string_view payload, const ZoneMap& zones, TimePoint now, const std::string* by) {
    auto doc = parse_object(payload, max_tip_command_bytes);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    f.only({"op", "by", "id", "from", "zone", "seen", "kind", "persons", "women", "men", "categories", "note"});
    f.one_of("op", {"tip"});
    auto said_by = f.text("by", 32);
    auto from = f.one_of("from", tip_sources());
    auto zone = f.text("zone", 64);
    auto seen = f.timestamp("seen", now, Millis{std::chrono::minutes(10)});
    if (f.failed()) return f.failure();
    // The text is checked as it came, even where the key's position stands in for it.
    if (!is_actor_id(*said_by) || (by && !is_actor_id(*by)))
        return Rejection{RejectReason::bad_value, actor_id_refusal("by", "an operator position")};
    TipCommand c;
    c.by = by ? *by : *said_by;
    if (*seen < now - max_tip_age)
        return Rejection{RejectReason::bad_value, "field 'seen' is more than 24 hours ago: write it in the shift log instead"};
    const Zone* z = zones.find(*zone);
    if (!z) return Rejection{RejectReason::unknown_zone, "zone '" + *zone + "' is not in the maps"};

    // The rest is a guard report's body: read by the same parser, so a tip can hold nothing a
    // guard's report could not, and is read back from the log the same way.
    nlohmann::json body = *doc;
    body.erase("op");
    body.erase("by");
    body.erase("from");
    body.erase("seen");
    body["ts"] = (*doc)["seen"];
    body["tip_from"] = *from;
    if (!body.contains("kind")) body["kind"] = "observation";
    const std::string device = std::string(console_device_prefix) + c.by;
    auto report = parse_guard_report(Topic{z->station, TopicKind::guard_report, device}, body.dump(), zones, now);
    if (!report) return report.rejection();
    c.report = std::move(report).value();
    return c;
}

} // namespace platslage
