#include "dispatch.hpp"

#include "json_fields.hpp"
#include "privacy_scrub.hpp"
#include "time_text.hpp"
#include "topic.hpp"

#include <algorithm>

namespace platslage {

namespace {
constexpr Millis max_clock_ahead{std::chrono::minutes(10)};
constexpr std::array<std::string_view, 7> state_names{"sent",     "accepted",   "on_scene", "completed",
                                                      "declined", "unanswered", "withdrawn"};

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

std::optional<Rejection> check_team_topic(const Topic& topic, const ZoneMap& zones) {
    if (!zones.has_station(topic.station))
        return Rejection{RejectReason::unknown_station, "station '" + topic.station + "' is not in the maps"};
    return std::nullopt;
}

std::optional<std::string> read_dispatch_id(FieldReader& f) {
    auto id = f.text("dispatch", 16);
    if (id && !is_dispatch_id(*id)) {
        f.fail(RejectReason::bad_value, "field 'dispatch' must look like D-000042");
        return std::nullopt;
    }
    return id;
}

nlohmann::json time_or_null(const std::optional<TimePoint>& t) {
    return t ? nlohmann::json(format_rfc3339(*t)) : nlohmann::json(nullptr);
}
// What the team has not said yet is null, like a step not yet taken: one "none" in the key.
nlohmann::json text_or_null(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }
std::string text_from(const nlohmann::json& j, const char* key) {
    if (!j.contains(key) || j.at(key).is_null()) return {};
    return j.at(key).get<std::string>();
}
std::optional<TimePoint> time_from(const nlohmann::json& j, const char* key) {
    if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
    return parse_rfc3339(j.at(key).get<std::string>());
}
} // namespace

std::string_view dispatch_state_name(DispatchState s) { return state_names[static_cast<std::size_t>(s)]; }

std::optional<DispatchState> dispatch_state_from_name(std::string_view name) {
    for (std::size_t i = 0; i < state_names.size(); ++i)
        if (state_names[i] == name) return static_cast<DispatchState>(i);
    return std::nullopt;
}

bool is_dispatch_id(std::string_view s) {
    if (s.size() != 8 || s.substr(0, 2) != "D-") return false;
    return std::all_of(s.begin() + 2, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

nlohmann::json to_json(const Dispatch& d) {
    return {{"id", d.id},
            {"alert", d.alert},
            {"team", d.team},
            {"station", d.station},
            {"zone", d.zone},
            {"by", d.by},
            {"severity", severity_name(d.severity)},
            {"persons", d.persons},
            {"categories", d.categories},
            {"summary", d.summary},
            {"state", dispatch_state_name(d.state)},
            {"raised_at", format_rfc3339(d.raised_at)},
            {"acknowledged_at", time_or_null(d.acknowledged_at)},
            {"dispatched_at", format_rfc3339(d.dispatched_at)},
            {"answer_due", format_rfc3339(d.answer_due)},
            {"answered_at", time_or_null(d.answered_at)},
            {"on_scene_at", time_or_null(d.on_scene_at)},
            {"finished_at", time_or_null(d.finished_at)},
            {"outcome", text_or_null(d.outcome)},
            {"referred_to", text_or_null(d.referred_to)},
            {"gender", text_or_null(d.gender)},
            {"age_band", text_or_null(d.age_band)},
            {"outcome_persons", d.outcome.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.outcome_persons)}};
}

Dispatch dispatch_from_json(const nlohmann::json& j) {
    Dispatch d;
    d.id = j.at("id").get<std::string>();
    d.alert = j.at("alert").get<std::string>();
    d.team = j.at("team").get<std::string>();
    d.station = j.at("station").get<std::string>();
    d.zone = j.at("zone").get<std::string>();
    d.by = j.at("by").get<std::string>();
    d.severity = severity_from_name(j.at("severity").get<std::string>()).value_or(Severity::minor);
    d.persons = j.at("persons").get<int>();
    d.categories = j.at("categories").get<std::vector<std::string>>();
    d.summary = j.at("summary").get<std::string>();
    d.state = dispatch_state_from_name(j.at("state").get<std::string>()).value_or(DispatchState::sent);
    d.raised_at = *parse_rfc3339(j.at("raised_at").get<std::string>());
    d.acknowledged_at = time_from(j, "acknowledged_at");
    d.dispatched_at = *parse_rfc3339(j.at("dispatched_at").get<std::string>());
    d.answer_due = *parse_rfc3339(j.at("answer_due").get<std::string>());
    d.answered_at = time_from(j, "answered_at");
    d.on_scene_at = time_from(j, "on_scene_at");
    d.finished_at = time_from(j, "finished_at");
    // Snapshots saved before these were null hold "" and 0: both read as none.
    d.outcome = text_from(j, "outcome");
    d.referred_to = text_from(j, "referred_to");
    d.gender = text_from(j, "gender");
    d.age_band = text_from(j, "age_band");
    d.outcome_persons = j.contains("outcome_persons") && !j.at("outcome_persons").is_null() ? j.at("outcome_persons").get<int>() : 0;
    return d;
}

nlohmann::json order_json(const Dispatch& d, const ZoneMap& zones) {
    const Zone* z = zones.find(d.zone);
    return {{"dispatch", d.id},
            {"alert", d.alert},
            {"ts", format_rfc3339(d.dispatched_at)},
            {"zone", d.zone},
            {"zone_name", z ? z->name : d.zone},
            {"severity", severity_name(d.severity)},
            {"persons", d.persons},
            {"categories", d.categories},
            {"summary", d.summary},
            {"answer_by", format_rfc3339(d.answer_due)}};
}

Checked<DispatchAnswer> parse_dispatch_answer(const Topic& topic, std::string_view payload, const ZoneMap& zones,
                                              TimePoint now) {
    if (auto bad = check_team_topic(topic, zones)) return *bad;
    auto doc = parse_object(payload, max_dispatch_message_bytes);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    f.only({"dispatch", "ts", "accept"});
    auto id = read_dispatch_id(f);
    auto ts = f.timestamp("ts", now, max_clock_ahead);
    auto accept = f.boolean("accept", /*required=*/false);
    if (f.failed()) return f.failure();
    return DispatchAnswer{topic.station, topic.actor, *id, *ts, accept.value_or(true)};
}

Checked<DispatchOutcome> parse_dispatch_outcome(const Topic& topic, std::string_view payload, const ZoneMap& zones,
                                                TimePoint now) {
    if (auto bad = check_team_topic(topic, zones)) return *bad;
    auto doc = parse_object(payload, max_dispatch_message_bytes);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    f.only({"dispatch", "id", "zone", "ts", "outcome", "referred_to", "gender", "age_band", "persons", "women", "men",
            "results"});
    // An order's outcome names the order; a contact of the team's own round names itself and its zone.
    const bool round = !f.has("dispatch");
    std::optional<std::string> id, contact, zone;
    if (round) {
        contact = f.text("id", max_contact_id_chars);
        zone = f.text("zone", 64);
    } else {
        id = read_dispatch_id(f);
        if (f.has("id") || f.has("zone"))
            return Rejection{RejectReason::unknown_field, "'id' and 'zone' belong to a round contact, which names no 'dispatch'"};
    }
    auto ts = f.timestamp("ts", now, max_clock_ahead);
    auto outcome = f.one_of("outcome", dispatch_outcomes);
    auto referred = f.one_of("referred_to", referral_targets, /*required=*/false);
    auto gender = f.one_of("gender", gender_values, /*required=*/false);
    auto age = f.one_of("age_band", age_bands, /*required=*/false);
    auto persons = f.integer("persons", 0, 50, /*required=*/false);
    if (f.failed()) return f.failure();
    DispatchOutcome o{topic.station, topic.actor, id.value_or(""), *ts, *outcome, referred.value_or(""), gender.value_or(""),
                      age.value_or(""), 1};
    if (round) {
        if (reads_as_identity(*contact))
            return Rejection{RejectReason::bad_value, "field 'id' reads as an identity or phone number or an e-mail address"};
        if (!is_actor_id(*contact)) return Rejection{RejectReason::bad_value, actor_id_refusal("id", "the contact's id")};
        const Zone* z = zones.find(*zone);
        if (!z) return Rejection{RejectReason::unknown_zone, "zone '" + *zone + "' is not in the maps"};
        if (z->station != topic.station)
            return Rejection{RejectReason::bad_value, "zone '" + *zone + "' is not at station '" + topic.station + "'"};
        o.contact = *contact;
        o.zone = *zone;
    }
    if (o.outcome == "referred" && o.referred_to.empty())
        return Rejection{RejectReason::missing_field, "outcome 'referred' needs 'referred_to'"};
    if (o.outcome != "referred" && !o.referred_to.empty())
        return Rejection{RejectReason::bad_value, "'referred_to' belongs to outcome 'referred' only"};
    o.persons = persons ? static_cast<int>(*persons) : (o.outcome == "nobody_found" ? 0 : 1);
    const bool describes = !o.gender.empty() || !o.age_band.empty() || f.has("women") || f.has("men") || f.has("results");
    if (o.outcome == "nobody_found" && (o.persons != 0 || describes))
        return Rejection{RejectReason::bad_value,
                         "nobody_found describes no one: no 'persons', 'women', 'men', 'results', 'gender' or 'age_band'"};
    if (o.outcome != "nobody_found" && o.persons == 0)
        return Rejection{RejectReason::bad_value, "outcome '" + o.outcome + "' means the team met someone: 'persons' at least 1"};
    read_women_and_men(f, o.persons, 50, o.women, o.men);
    o.results = read_outcome_results(f, o.persons, o.outcome);
    if (f.failed()) return f.failure();
    return o;
}

nlohmann::json to_json(const DispatchAnswer& a) {
    return {{"dispatch", a.dispatch}, {"ts", format_rfc3339(a.ts)}, {"accept", a.accepted}};
}

nlohmann::json to_json(const DispatchOutcome& o) {
    nlohmann::json j{{"ts", format_rfc3339(o.ts)}, {"outcome", o.outcome}, {"persons", o.persons}};
    if (o.is_round_contact()) {
        j["id"] = o.contact;
        j["zone"] = o.zone;
    } else {
        j["dispatch"] = o.dispatch;
    }
    if (!o.referred_to.empty()) j["referred_to"] = o.referred_to;
    if (!o.gender.empty()) j["gender"] = o.gender;
    if (!o.age_band.empty()) j["age_band"] = o.age_band;
    put_women_and_men(j, o.women, o.men);
    put_outcome_results(j, o.results);
    return j;
}

} // namespace platslage
