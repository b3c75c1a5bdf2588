#include "meeting_command.hpp"

#include "json_fields.hpp"
#include "privacy_scrub.hpp"
#include "time_text.hpp"
#include "topic.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <span>

namespace platslage {

namespace {
constexpr std::array<std::string_view, 6> op_names{"plan_meeting", "cancel_meeting", "record_decision",
                                                   "add_action",   "close_action",   "agenda"};

bool is_numbered_id(std::string_view s, char letter) {
    if (s.size() != 8 || s[0] != letter || s[1] != '-') return false;
    for (char c : s.substr(2))
        if (c < '0' || c > '9') return false;
    return true;
}

bool is_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    auto num = [&](std::size_t at, std::size_t n) { return std::stoi(std::string(s.substr(at, n))); };
    using namespace std::chrono;
    return year_month_day{year{num(0, 4)}, month{static_cast<unsigned>(num(5, 2))}, day{static_cast<unsigned>(num(8, 2))}}.ok();
}

// Which fields each op takes: anything else is refused, so nothing unplanned is stored.
std::span<const std::string_view> fields_of(MeetingOp op) {
    static constexpr std::array<std::string_view, 8> plan{"op", "by", "title", "zone", "organisations", "starts", "repeat", "duration_min"};
    static constexpr std::array<std::string_view, 3> cancel{"op", "by", "meeting"};
    static constexpr std::array<std::string_view, 4> decide{"op", "by", "meeting", "text"};
    static constexpr std::array<std::string_view, 6> add_action{"op", "by", "meeting", "text", "owner", "due"};
    static constexpr std::array<std::string_view, 5> close_action{"op", "by", "meeting", "note", "text"};
    static constexpr std::array<std::string_view, 4> agenda{"op", "by", "meeting", "at"};
    switch (op) {
    case MeetingOp::plan: return plan;
    case MeetingOp::cancel: return cancel;
    case MeetingOp::decide: return decide;
    case MeetingOp::add_action: return add_action;
    case MeetingOp::close_action: return close_action;
    case MeetingOp::agenda: return agenda;
    }
    return {};
}

std::optional<Rejection> unplanned_field(const nlohmann::json& obj, std::span<const std::string_view> allowed) {
    for (const auto& [key, value] : obj.items())
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            return Rejection{RejectReason::unknown_field, "field '" + key + "' is not part of this message"};
    return std::nullopt;
}
} // namespace

std::string_view op_name(MeetingOp op) { return op_names[static_cast<std::size_t>(op)]; }

bool is_meeting_op(std::string_view op) {
    for (auto n : op_names)
        if (n == op) return true;
    return false;
}

Checked<MeetingCommand> parse_meeting_command(std::string_view payload, TimePoint now) {
    auto doc = parse_object(payload, max_meeting_command_bytes);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    auto op = f.one_of("op", {op_names.begin(), op_names.size()});
    if (f.failed()) return f.failure();
    MeetingCommand c;
    for (std::size_t i = 0; i < op_names.size(); ++i)
        if (op_names[i] == *op) c.op = static_cast<MeetingOp>(i);
    if (auto why = unplanned_field(*doc, fields_of(c.op))) return *why;
    auto by = f.text("by", 32);
    if (f.failed()) return f.failure();
    if (!is_actor_id(*by))
        return Rejection{RejectReason::bad_value, actor_id_refusal("by", "an operator position")};
    c.by = *by;
    auto scrubbed = [&](const std::string& text, std::size_t max_chars) {
        auto s = scrub_identifiers(text, max_chars);
        c.redactions += s.redactions;
        return std::move(s.text);
    };

    if (c.op != MeetingOp::plan) {
        auto meeting = f.text("meeting", 16);
        if (f.failed()) return f.failure();
        if (!is_numbered_id(*meeting, 'M')) return Rejection{RejectReason::bad_value, "field 'meeting' must look like M-000001"};
        c.meeting = *meeting;
    }
    switch (c.op) {
    case MeetingOp::plan: {
        auto title = f.text("title", max_meeting_title_chars);
        auto zone = f.text("zone", 64);
        auto starts = f.timestamp("starts", now, std::chrono::days(400));
        auto repeat = f.one_of("repeat", repeat_names(), /*required=*/false);
        auto duration = f.integer("duration_min", 15, 480, /*required=*/false);
        if (f.failed()) return f.failure();
        const auto& orgs = f.object().contains("organisations") ? f.object()["organisations"] : nlohmann::json();
        if (orgs.is_null()) return Rejection{RejectReason::missing_field, "plan_meeting needs 'organisations'"};
        if (!orgs.is_array() || orgs.empty() || orgs.size() > organisation_ids().size())
            return Rejection{RejectReason::wrong_type, "field 'organisations' must be a list of organisation ids, at least one"};
        for (const auto& o : orgs) {
            if (!o.is_string() || !is_organisation(o.get<std::string>()))
                return Rejection{RejectReason::bad_value, "organisation " + o.dump() + " is not in the documented list"};
            if (std::find(c.organisations.begin(), c.organisations.end(), o.get<std::string>()) != c.organisations.end())
                return Rejection{RejectReason::bad_value, "organisation " + o.dump() + " is listed twice"};
            c.organisations.push_back(o.get<std::string>());
        }
        if (title->empty()) return Rejection{RejectReason::bad_value, "field 'title' must not be empty"};
        c.title = scrubbed(*title, max_meeting_title_chars);
        c.zone = *zone;
        c.starts = *starts;
        c.repeat = repeat_from_name(repeat.value_or("once")).value_or(Repeat::once);
        c.duration_min = static_cast<int>(duration.value_or(60));
        if (c.repeat == Repeat::once && c.starts + std::chrono::minutes(c.duration_min) <= now)
            return Rejection{RejectReason::bad_value, "a one-off meeting that is already over cannot be planned"};
        break;
    }
    case MeetingOp::cancel: break;
    case MeetingOp::decide: {
        auto text = f.text("text", max_meeting_text_chars);
        if (f.failed()) return f.failure();
        if (text->empty()) return Rejection{RejectReason::bad_value, "field 'text' must not be empty"};
        c.text = scrubbed(*text, max_meeting_text_chars);
        break;
    }
    case MeetingOp::add_action: {
        auto text = f.text("text", max_meeting_text_chars);
        auto owner = f.one_of("owner", organisation_ids());
        auto due = f.text("due", 10);
        if (f.failed()) return f.failure();
        if (text->empty()) return Rejection{RejectReason::bad_value, "field 'text' must not be empty"};
        if (!is_date(*due)) return Rejection{RejectReason::bad_value, "field 'due' must be a date, YYYY-MM-DD"};
        c.text = scrubbed(*text, max_meeting_text_chars);
        c.owner = *owner;
        c.due = *due;
        break;
    }
    case MeetingOp::close_action: {
        auto note = f.text("note", 16);
        auto text = f.text("text", max_meeting_text_chars, /*required=*/false);
        if (f.failed()) return f.failure();
        if (!is_numbered_id(*note, 'N')) return Rejection{RejectReason::bad_value, "field 'note' must look like N-000001"};
        c.note = *note;
        if (text) c.text = scrubbed(*text, max_meeting_text_chars);
        break;
    }
    case MeetingOp::agenda: {
        auto at = f.timestamp("at", now, std::chrono::days(400), /*required=*/false);
        if (f.failed()) return f.failure();
        c.at = at;
        break;
    }
    }
    return c;
}

nlohmann::json to_json(const MeetingCommand& c) {
    nlohmann::json j{{"op", op_name(c.op)}, {"by", c.by}};
    if (!c.meeting.empty()) j["meeting"] = c.meeting;
    if (!c.note.empty()) j["note"] = c.note;
    if (c.op == MeetingOp::plan) {
        j.update({{"title", c.title}, {"zone", c.zone}, {"organisations", c.organisations}, {"starts", format_rfc3339(c.starts)},
                  {"repeat", repeat_name(c.repeat)}, {"duration_min", c.duration_min}});
    }
    if (!c.text.empty()) j["text"] = c.text;
    if (!c.owner.empty()) j["owner"] = c.owner;
    if (!c.due.empty()) j["due"] = c.due;
    if (c.at) j["at"] = format_rfc3339(*c.at);
    return j;
}

} // namespace platslage
