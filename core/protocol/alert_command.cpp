#include "alert_command.hpp"

#include "alert.hpp"
#include "json_fields.hpp"
#include "person_counts.hpp"
#include "privacy_scrub.hpp"
#include "topic.hpp"

#include <array>

namespace platslage {

namespace {
constexpr std::array<std::string_view, 5> op_names{"acknowledge", "assign", "resolve", "note", "dispatch"};
} // namespace

bool is_alert_id(std::string_view s) {
    if (s.size() != 8 || s.substr(0, 2) != "A-") return false;
    for (char c : s.substr(2))
        if (c < '0' || c > '9') return false;
    return true;
}

std::string_view op_name(AlertOp op) { return op_names[static_cast<std::size_t>(op)]; }

std::optional<AlertOp> alert_op_from_name(std::string_view name) {
    for (std::size_t i = 0; i < op_names.size(); ++i)
        if (op_names[i] == name) return static_cast<AlertOp>(i);
    return std::nullopt;
}

Checked<AlertCommand> parse_alert_command(std::string_view payload) {
    auto doc = parse_object(payload, max_command_bytes);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    f.only({"op", "alert", "by", "team", "outcome", "note", "persons", "women", "men", "results"});
    auto op = f.one_of("op", {op_names.begin(), op_names.size()});
    auto alert = f.text("alert", 16);
    auto by = f.text("by", 32);
    auto team = f.text("team", 32, /*required=*/false);
    auto outcome = f.text("outcome", 32, /*required=*/false);
    auto note = f.text("note", max_alert_note_chars, /*required=*/false);
    auto persons = f.integer("persons", 1, 50, /*required=*/false);
    if (f.failed()) return f.failure();
    AlertCommand c;
    c.op = *alert_op_from_name(*op);
    if (!is_alert_id(*alert)) return Rejection{RejectReason::bad_value, "field 'alert' must look like A-000042"};
    if (!is_actor_id(*by))
        return Rejection{RejectReason::bad_value, actor_id_refusal("by", "an operator position")};
    c.alert = *alert;
    c.by = *by;
    if (c.op == AlertOp::assign || c.op == AlertOp::dispatch) {
        if (!team) return Rejection{RejectReason::missing_field, std::string(op_name(c.op)) + " needs 'team'"};
        if (!is_actor_id(*team)) return Rejection{RejectReason::bad_value, "field 'team' must be a team id"};
        c.team = *team;
    } else if (team) {
        return Rejection{RejectReason::unknown_field, "'team' belongs to assign and dispatch only"};
    }
    if (c.op == AlertOp::resolve) {
        if (!outcome) return Rejection{RejectReason::missing_field, "resolve needs 'outcome'"};
        if (!is_outcome(*outcome)) return Rejection{RejectReason::bad_value, "outcome '" + *outcome + "' is not in the documented list"};
        c.outcome = *outcome;
        // The people the operator's resolve is about, for follow-up, as a team's outcome counts them.
        c.persons = persons ? static_cast<int>(*persons) : 0;
        if (!persons && (f.has("women") || f.has("men") || f.has("results")))
            return Rejection{RejectReason::missing_field, "'women', 'men' and 'results' count among 'persons': give it"};
        read_women_and_men(f, c.persons, 50, c.women, c.men);
        c.results = read_outcome_results(f, c.persons, c.outcome);
        if (f.failed()) return f.failure();
    } else if (outcome) {
        return Rejection{RejectReason::unknown_field, "'outcome' belongs to resolve only"};
    } else if (persons || f.has("women") || f.has("men") || f.has("results")) {
        return Rejection{RejectReason::unknown_field, "'persons', 'women', 'men' and 'results' belong to resolve only"};
    }
    if (c.op == AlertOp::note && !note) return Rejection{RejectReason::missing_field, "note needs 'note'"};
    // An empty note is no note: stored, it would read back as a note command without one.
    if (c.op == AlertOp::note && note->empty()) return Rejection{RejectReason::bad_value, "field 'note' is empty"};
    if (note) {
        auto scrubbed = scrub_identifiers(*note, max_alert_note_chars);
        c.note = std::move(scrubbed.text);
        c.note_redactions = scrubbed.redactions;
    }
    return c;
}

nlohmann::json to_json(const AlertCommand& c) {
    nlohmann::json j{{"op", op_name(c.op)}, {"alert", c.alert}, {"by", c.by}};
    if (!c.team.empty()) j["team"] = c.team;
    if (!c.outcome.empty()) j["outcome"] = c.outcome;
    if (!c.note.empty()) j["note"] = c.note;
    if (c.persons > 0) j["persons"] = c.persons;
    put_women_and_men(j, c.women, c.men);
    put_outcome_results(j, c.results);
    return j;
}

} // namespace platslage
