#include "meeting_book.hpp"

#include "stockholm_time.hpp"
#include "time_text.hpp"

#include <algorithm>
#include <cstdio>

namespace platslage {

namespace {
std::string numbered(char letter, int n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%c-%06d", letter, n);
    return buf;
}

int number_of(const std::string& id) { return id.size() == 8 ? std::stoi(id.substr(2)) : 0; }
} // namespace

const MeetingPlan* MeetingBook::find(const std::string& id) const {
    auto it = plans_.find(id);
    return it == plans_.end() ? nullptr : &it->second;
}

const MeetingNote* MeetingBook::note(const std::string& id) const {
    auto it = notes_.find(id);
    return it == notes_.end() ? nullptr : &it->second;
}

std::optional<TimePoint> MeetingBook::meeting_for_notes(const MeetingPlan& p, NoteKind kind, TimePoint now) const {
    if (auto held = previous_before(p, now + Millis(1))) return held;
    // Work to prepare for the first meeting is an action item on it; a decision needs a meeting.
    if (kind == NoteKind::action) return p.first;
    return std::nullopt;
}

std::optional<TimePoint> MeetingBook::meeting_for_agenda(const MeetingPlan& p, std::optional<TimePoint> at,
                                                         TimePoint now) const {
    if (at) return is_occurrence(p, *at) ? at : std::nullopt;
    if (auto next = current_or_next(p, now)) return next;
    return previous_before(p, now);
}

std::optional<Rejection> MeetingBook::check(const MeetingCommand& c, const ZoneMap& zones, TimePoint now) const {
    if (c.op == MeetingOp::plan) {
        if (!zones.find(c.zone)) return Rejection{RejectReason::unknown_zone, "zone '" + c.zone + "' is not in the maps"};
        return std::nullopt;
    }
    const MeetingPlan* p = find(c.meeting);
    if (!p) return Rejection{RejectReason::unknown_meeting, "no meeting " + c.meeting};
    switch (c.op) {
    case MeetingOp::plan: break;
    case MeetingOp::cancel:
        if (p->cancelled_at) return Rejection{RejectReason::not_allowed, c.meeting + " is already cancelled"};
        break;
    case MeetingOp::decide:
        if (!meeting_for_notes(*p, NoteKind::decision, now))
            return Rejection{RejectReason::not_allowed, c.meeting + " has not met yet: its first meeting is " +
                                                            stockholm_day_and_time_text(p->first) + ", Stockholm time"};
        break;
    case MeetingOp::add_action: break;
    case MeetingOp::close_action: {
        const MeetingNote* n = note(c.note);
        if (!n || n->meeting != c.meeting || n->kind != NoteKind::action)
            return Rejection{RejectReason::unknown_meeting, "no action item " + c.note + " at " + c.meeting};
        if (n->closed_at) return Rejection{RejectReason::not_allowed, c.note + " is already closed"};
        break;
    }
    case MeetingOp::agenda:
        if (!meeting_for_agenda(*p, c.at, now))
            return Rejection{RejectReason::bad_value, c.at ? stockholm_day_and_time_text(*c.at) + " (Stockholm time) is not a meeting of " + c.meeting
                                                          : c.meeting + " has no meetings"};
        break;
    }
    return std::nullopt;
}

MeetingBook::Changed MeetingBook::apply(const MeetingCommand& c, const ZoneMap& zones, TimePoint now) {
    switch (c.op) {
    case MeetingOp::plan: {
        MeetingPlan p;
        p.id = numbered('M', ++last_meeting_);
        p.title = c.title;
        p.zone = c.zone;
        p.station = zones.find(c.zone)->station;
        p.organisations = c.organisations;
        p.first = c.starts;
        p.repeat = c.repeat;
        p.duration_min = c.duration_min;
        p.planned_by = c.by;
        p.planned_at = now;
        plans_[p.id] = p;
        return {p.id, std::nullopt};
    }
    case MeetingOp::cancel:
        plans_.at(c.meeting).cancelled_at = now;
        return {c.meeting, std::nullopt};
    case MeetingOp::decide:
    case MeetingOp::add_action: {
        MeetingNote n;
        n.id = numbered('N', ++last_note_);
        n.kind = c.op == MeetingOp::add_action ? NoteKind::action : NoteKind::decision;
        n.meeting = c.meeting;
        n.held_at = *meeting_for_notes(plans_.at(c.meeting), n.kind, now);
        n.text = c.text;
        n.owner = c.owner;
        n.due = c.due;
        n.by = c.by;
        n.recorded_at = now;
        notes_[n.id] = n;
        return {std::nullopt, n.id};
    }
    case MeetingOp::close_action: {
        auto& n = notes_.at(c.note);
        n.closed_at = now;
        n.closed_by = c.by;
        n.closing_note = c.text;
        return {std::nullopt, n.id};
    }
    case MeetingOp::agenda: break;
    }
    return {};
}

void MeetingBook::restore(std::vector<MeetingPlan> plans, std::vector<MeetingNote> notes) {
    for (auto& p : plans) {
        last_meeting_ = std::max(last_meeting_, number_of(p.id));
        plans_[p.id] = std::move(p);
    }
    for (auto& n : notes) {
        last_note_ = std::max(last_note_, number_of(n.id));
        notes_[n.id] = std::move(n);
    }
}

std::vector<MeetingNote> MeetingBook::open_actions(const std::string& meeting, TimePoint at) const {
    std::vector<MeetingNote> out;
    for (const auto& [id, n] : notes_)
        if (n.meeting == meeting && n.recorded_at <= at && is_open_action(n, at)) out.push_back(n);
    return out; // ids are numbered in order of recording
}

std::vector<MeetingNote> MeetingBook::notes_at(const std::string& meeting, TimePoint held_at) const {
    std::vector<MeetingNote> out;
    for (const auto& [id, n] : notes_)
        if (n.meeting == meeting && n.held_at == held_at) out.push_back(n);
    return out;
}

nlohmann::json MeetingBook::notice(const std::string& station, TimePoint now, Millis ahead) const {
    std::vector<std::pair<TimePoint, const MeetingPlan*>> soon;
    for (const auto& [id, p] : plans_) {
        if (p.station != station) continue;
        auto next = current_or_next(p, now);
        if (next && *next <= now + ahead) soon.emplace_back(*next, &p);
    }
    std::sort(soon.begin(), soon.end(), [](const auto& a, const auto& b) { return a.first < b.first || (a.first == b.first && a.second->id < b.second->id); });
    nlohmann::json meetings = nlohmann::json::array();
    for (const auto& [at, p] : soon) {
        meetings.push_back({{"meeting", p->id},
                            {"title", p->title},
                            {"zone", p->zone},
                            {"starts", format_rfc3339(at)},
                            {"duration_min", p->duration_min},
                            {"organisations", p->organisations}});
    }
    return nlohmann::json{{"ts", format_rfc3339(now)}, {"meetings", meetings}};
}

} // namespace platslage
