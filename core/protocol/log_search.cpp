#include "log_search.hpp"

#include "alert_command.hpp"
#include "entry_reader.hpp"
#include "guard_report.hpp"
#include "json_fields.hpp"
#include "plain_words.hpp"
#include "time_text.hpp"
#include "topic.hpp"

namespace platslage {

using nlohmann::json;

namespace {
} // namespace

Checked<LogQuery> parse_log_query(std::string_view text) {
    auto doc = parse_object(text, 1024);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    f.only({"from", "to", "station", "zone", "category", "alert", "limit"});
    const bool by_alert = f.has("alert");
    // A search is about the past: the 10-minute allowance for a device's clock is plenty.
    const TimePoint far = TimePoint{} + std::chrono::years(1000);
    auto from = f.timestamp("from", far, Millis{0}, !by_alert);
    auto to = f.timestamp("to", far, Millis{0}, !by_alert);
    auto station = f.text("station", 32, false);
    auto zone = f.text("zone", 64, false);
    auto category = f.text("category", 32, false);
    auto alert = f.text("alert", 16, false);
    auto limit = f.integer("limit", 1, max_search_hits, false);
    if (f.failed()) return f.failure();
    LogQuery q;
    if (from) q.from = *from;
    if (to) q.to = *to;
    if (from && to && q.to <= q.from) return Rejection{RejectReason::bad_value, "field 'to' must be after 'from'"};
    if (from && to && q.to - q.from > max_search_span)
        return Rejection{RejectReason::bad_value, "a search spans at most 31 days: narrow 'from' and 'to'"};
    if (from.has_value() != to.has_value()) return Rejection{RejectReason::missing_field, "give both 'from' and 'to', or neither"};
    if (station) {
        if (!is_actor_id(*station)) return Rejection{RejectReason::bad_value, "field 'station' must be a station id"};
        q.station = *station;
    }
    if (zone) q.zone = *zone;
    if (category) {
        if (!category_from_name(*category))
            return Rejection{RejectReason::unknown_category, "category '" + *category + "' is not in the documented list"};
        q.category = *category;
    }
    if (alert) {
        if (!is_alert_id(*alert)) return Rejection{RejectReason::bad_value, "field 'alert' must look like A-000042"};
        q.alert = *alert;
    }
    if (limit) q.limit = static_cast<int>(*limit);
    return q;
}

std::string log_query_json(const LogQuery& q) {
    json j = json::object();
    if (q.from != TimePoint{}) j["from"] = format_rfc3339(q.from);
    if (q.to != TimePoint{}) j["to"] = format_rfc3339(q.to);
    if (!q.station.empty()) j["station"] = q.station;
    if (!q.zone.empty()) j["zone"] = q.zone;
    if (!q.category.empty()) j["category"] = q.category;
    if (!q.alert.empty()) j["alert"] = q.alert;
    j["limit"] = q.limit;
    return j.dump();
}

std::string log_hits_json(const LogQuery& q, const std::vector<LogHit>& hits, bool more) {
    json list = json::array();
    for (const auto& h : hits)
        list.push_back({{"at", format_rfc3339(h.at)}, {"source", h.source}, {"id", h.id},   {"station", h.station},
                        {"zone", h.zone},             {"by", h.by},         {"text", h.text}});
    return json{{"query", json::parse(log_query_json(q))}, {"hits", list}, {"more", more}}.dump();
}

std::optional<LogHits> parse_log_hits(std::string_view text) {
    auto j = parse_entry(text);
    if (!j) return std::nullopt;
    EntryReader r(*j);
    const json* list = r.array("hits");
    if (!list) return std::nullopt;
    LogHits out;
    out.more = r.flag("more").value_or(false);
    for (const auto& item : *list) {
        if (!item.is_object()) continue;
        EntryReader h(item);
        out.hits.push_back(LogHit{h.time("at").value_or(TimePoint{}), h.text("source"), h.text("id"), h.text("station"),
                                  h.text("zone"), h.text("by"), h.text("text")});
    }
    return out;
}

std::string report_hit_text(std::string_view kind, int persons, const std::vector<std::string>& categories, std::string_view note,
                            std::string_view tip_from) {
    std::string s = code_words(kind, true);
    if (!tip_from.empty()) s += " (a tip from " + tip_source_words(tip_from) + ")";
    s += ": " + std::to_string(persons) + (persons == 1 ? " person" : " persons");
    for (std::size_t i = 0; i < categories.size(); ++i) s += (i ? ", " : "; ") + category_words(categories[i]);
    if (!note.empty()) s += " · " + std::string(note);
    return s;
}

std::string alert_step_hit_text(std::string_view alert, std::string_view what, std::string_view rule, std::string_view severity,
                                std::string_view detail) {
    std::string s = std::string(alert) + " " + code_words(what) + " (" + std::string(severity) + ", " + code_words(rule) + ")";
    if (!detail.empty()) s += ": " + std::string(detail);
    return s;
}

std::string order_hit_text(std::string_view order, std::string_view team, std::string_view alert, std::string_view state,
                           std::string_view outcome, std::string_view referred_to) {
    std::string s = std::string(order) + " " + std::string(team) + " for " + std::string(alert) + ": " + code_words(state);
    if (!outcome.empty()) s += ", " + code_words(outcome);
    if (!referred_to.empty()) s += " (" + code_words(referred_to) + ")";
    return s;
}

} // namespace platslage
