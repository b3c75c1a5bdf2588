#include "meeting.hpp"

#include "stockholm_time.hpp"
#include "time_text.hpp"

#include <array>

namespace platslage {

namespace {
using namespace std::chrono;
constexpr std::array<std::string_view, 5> repeat_name_list{"once", "weekly", "fortnightly", "monthly", "quarterly"};

// The shortest and longest time between two meetings, in days: where to start looking.
int shortest_days(Repeat r) {
    switch (r) {
    case Repeat::fortnightly: return 14;
    case Repeat::monthly: return 28;
    case Repeat::quarterly: return 89;
    default: return 7;
    }
}
int longest_days(Repeat r) {
    switch (r) {
    case Repeat::monthly: return 31;
    case Repeat::quarterly: return 92;
    default: return shortest_days(r);
    }
}

// The local day of the k-th meeting of a monthly or quarterly plan: the first meeting's
// weekday at the same place in the month, k months (or quarters) later.
local_days same_weekday_of_month(local_days first, int months_later) {
    const year_month_day ymd{first};
    const weekday wd{first};
    const unsigned nth = (static_cast<unsigned>(ymd.day()) - 1) / 7 + 1; // 1 … 5
    const year_month ym = ymd.year() / ymd.month() + months(months_later);
    if (nth >= 5) return local_days{ym / wd[last]};
    return local_days{ym / wd[nth]};
}

std::optional<std::string> text_or_none(const nlohmann::json& j, const char* key) {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    return j[key].get<std::string>();
}
} // namespace

std::string_view repeat_name(Repeat r) { return repeat_name_list[static_cast<std::size_t>(r)]; }

std::span<const std::string_view> repeat_names() { return repeat_name_list; }

std::optional<Repeat> repeat_from_name(std::string_view name) {
    for (std::size_t i = 0; i < repeat_name_list.size(); ++i)
        if (repeat_name_list[i] == name) return static_cast<Repeat>(i);
    return std::nullopt;
}

TimePoint occurrence(const MeetingPlan& p, int k) {
    if (p.repeat == Repeat::once || k == 0) return p.first;
    // Same local clock time, k periods later: 09:00 stays 09:00 when summer time ends.
    auto local = local_time<Millis>{(p.first + stockholm_offset(p.first)).time_since_epoch()};
    if (p.repeat == Repeat::monthly || p.repeat == Repeat::quarterly) {
        const auto day = floor<days>(local);
        const auto clock = local - day;
        return from_stockholm_local(same_weekday_of_month(day, k * (p.repeat == Repeat::quarterly ? 3 : 1)) + clock);
    }
    return from_stockholm_local(local + days(shortest_days(p.repeat) * k));
}

std::optional<TimePoint> current_or_next(const MeetingPlan& p, TimePoint t) {
    auto length = minutes(p.duration_min);
    auto live = [&](TimePoint start) { return !p.cancelled_at || start < *p.cancelled_at; };
    if (p.repeat == Repeat::once) {
        if (p.first + length > t && live(p.first)) return p.first;
        return std::nullopt;
    }
    // Start from an estimate and step forward: the clock shift moves a meeting by an hour at most.
    int k = 0;
    if (t > p.first) k = std::max(0, static_cast<int>(duration_cast<days>(t - p.first).count() / longest_days(p.repeat)) - 1);
    for (;; ++k) {
        auto start = occurrence(p, k);
        if (!live(start)) return std::nullopt;
        if (start + length > t) return start;
    }
}

std::optional<TimePoint> previous_before(const MeetingPlan& p, TimePoint t) {
    if (t <= p.first) return std::nullopt;
    if (p.repeat == Repeat::once) return p.first;
    int k = static_cast<int>(duration_cast<days>(t - p.first).count() / shortest_days(p.repeat)) + 1;
    for (; k >= 0; --k) {
        auto start = occurrence(p, k);
        if (start < t && (!p.cancelled_at || start < *p.cancelled_at)) return start;
    }
    return std::nullopt;
}

bool is_occurrence(const MeetingPlan& p, TimePoint t) {
    if (t < p.first) return false;
    auto prev = previous_before(p, t + Millis(1));
    return prev && *prev == t;
}

nlohmann::json to_json(const MeetingPlan& p, TimePoint now) {
    nlohmann::json j{{"id", p.id},
                     {"title", p.title},
                     {"station", p.station},
                     {"zone", p.zone},
                     {"organisations", p.organisations},
                     {"first", format_rfc3339(p.first)},
                     {"repeat", repeat_name(p.repeat)},
                     {"duration_min", p.duration_min},
                     {"planned_by", p.planned_by},
                     {"planned_at", format_rfc3339(p.planned_at)}};
    if (p.cancelled_at) j["cancelled_at"] = format_rfc3339(*p.cancelled_at);
    if (auto next = current_or_next(p, now)) j["next"] = format_rfc3339(*next);
    if (auto prev = previous_before(p, now)) j["previous"] = format_rfc3339(*prev);
    return j;
}

MeetingPlan meeting_from_json(const nlohmann::json& j) {
    MeetingPlan p;
    p.id = j.at("id").get<std::string>();
    p.title = j.at("title").get<std::string>();
    p.station = j.at("station").get<std::string>();
    p.zone = j.at("zone").get<std::string>();
    p.organisations = j.at("organisations").get<std::vector<std::string>>();
    p.first = *parse_rfc3339(j.at("first").get<std::string>());
    p.repeat = repeat_from_name(j.at("repeat").get<std::string>()).value_or(Repeat::once);
    p.duration_min = j.at("duration_min").get<int>();
    p.planned_by = j.at("planned_by").get<std::string>();
    p.planned_at = *parse_rfc3339(j.at("planned_at").get<std::string>());
    if (auto c = text_or_none(j, "cancelled_at")) p.cancelled_at = parse_rfc3339(*c);
    return p;
}

nlohmann::json to_json(const MeetingNote& n) {
    nlohmann::json j{{"id", n.id},
                     {"kind", n.kind == NoteKind::action ? "action" : "decision"},
                     {"meeting", n.meeting},
                     {"held_at", format_rfc3339(n.held_at)},
                     {"text", n.text},
                     {"by", n.by},
                     {"recorded_at", format_rfc3339(n.recorded_at)}};
    if (!n.owner.empty()) j["owner"] = n.owner;
    if (!n.due.empty()) j["due"] = n.due;
    if (n.kind == NoteKind::action) j["state"] = n.closed_at ? "closed" : "open";
    if (n.closed_at) {
        j["closed_at"] = format_rfc3339(*n.closed_at);
        j["closed_by"] = n.closed_by;
        if (!n.closing_note.empty()) j["closing_note"] = n.closing_note;
    }
    return j;
}

MeetingNote note_from_json(const nlohmann::json& j) {
    MeetingNote n;
    n.id = j.at("id").get<std::string>();
    n.kind = j.at("kind").get<std::string>() == "action" ? NoteKind::action : NoteKind::decision;
    n.meeting = j.at("meeting").get<std::string>();
    n.held_at = *parse_rfc3339(j.at("held_at").get<std::string>());
    n.text = j.at("text").get<std::string>();
    n.by = j.at("by").get<std::string>();
    n.recorded_at = *parse_rfc3339(j.at("recorded_at").get<std::string>());
    n.owner = text_or_none(j, "owner").value_or("");
    n.due = text_or_none(j, "due").value_or("");
    if (auto c = text_or_none(j, "closed_at")) n.closed_at = parse_rfc3339(*c);
    n.closed_by = text_or_none(j, "closed_by").value_or("");
    n.closing_note = text_or_none(j, "closing_note").value_or("");
    return n;
}

} // namespace platslage
