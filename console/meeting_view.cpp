#include "meeting_view.hpp"

#include "entry_reader.hpp"
#include "json_fields.hpp" // utf8_length: characters, not bytes, as the hub counts a title's 80
#include "meeting_command.hpp"
#include "organisation.hpp"
#include "picture_codec.hpp"
#include "stockholm_time.hpp"
#include "time_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <set>

namespace platslage::console {

namespace {
std::string trimmed(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}
std::optional<std::chrono::year_month_day> read_date(const std::string& d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (d[i] < '0' || d[i] > '9') return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year{std::stoi(d.substr(0, 4))},
                                    std::chrono::month{static_cast<unsigned>(std::stoi(d.substr(5, 2)))},
                                    std::chrono::day{static_cast<unsigned>(std::stoi(d.substr(8, 2)))}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}
std::string date_text(std::chrono::year_month_day d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}
Command text_problem(const std::string& text, std::size_t limit) {
    if (trimmed(text).empty()) return {{}, "write the text first"};
    if (utf8_length(text) > limit) return {{}, "at most " + std::to_string(limit) + " characters"};
    return {};
}
Command need_meeting(const std::string& meeting) {
    if (meeting.empty()) return {{}, "choose a meeting first"};
    return {};
}
// Commands are the core's MeetingCommand, written by its to_json: the hub reads them back
// with the same core's parse_meeting_command.
MeetingCommand meeting_command(MeetingOp op, const std::string& meeting, const std::string& by) {
    MeetingCommand c;
    c.op = op;
    c.meeting = meeting;
    c.by = by;
    return c;
}
Command sendable(const MeetingCommand& c) { return {to_json(c).dump(), {}}; }
} // namespace

namespace {
std::string text_of(const std::optional<TimePoint>& t) { return t ? format_rfc3339(*t) : std::string(); }

MeetingRow row_of(MeetingEntry&& e, const ZoneMap& zones) {
    MeetingPlan& p = e.plan;
    MeetingRow m;
    m.id = std::move(p.id);
    m.title = std::move(p.title);
    m.station = std::move(p.station);
    m.zone = std::move(p.zone);
    const Zone* z = zones.find(m.zone);
    m.zone_name = z ? z->name : m.zone;
    m.first = p.first == TimePoint{} ? std::string() : format_rfc3339(p.first);
    m.next = text_of(e.next);
    m.previous = text_of(e.previous);
    m.repeat = repeat_name(p.repeat);
    m.cancelled = p.cancelled_at.has_value();
    m.duration_min = p.duration_min;
    for (auto& org : p.organisations) {
        if (!m.organisations_text.empty()) m.organisations_text += ", ";
        m.organisations_text += std::string(organisation_title(org));
        m.organisations.push_back(std::move(org));
    }
    m.next_text = m.next.empty() ? (m.cancelled ? "cancelled" : "none planned") : stockholm_text(m.next);
    return m;
}

NoteRow row_of(MeetingNote&& note, std::chrono::year_month_day today) {
    NoteRow n;
    n.id = std::move(note.id);
    n.kind = note.kind == NoteKind::action ? "action" : "decision";
    n.meeting = std::move(note.meeting);
    n.held_at = format_rfc3339(note.held_at);
    n.text = std::move(note.text);
    n.by = std::move(note.by);
    n.recorded_at = format_rfc3339(note.recorded_at);
    n.owner = std::move(note.owner);
    n.owner_title = n.owner.empty() ? std::string() : std::string(organisation_title(n.owner));
    if (n.owner_title.empty()) n.owner_title = n.owner;
    n.due = std::move(note.due);
    if (note.kind == NoteKind::action) n.state = note.closed_at ? "closed" : "open";
    auto due = read_date(n.due);
    n.overdue = n.open() && due && std::chrono::sys_days{*due} < std::chrono::sys_days{today};
    return n;
}
} // namespace

MeetingBook meeting_book(const std::map<std::string, std::string>& entries, const ZoneMap& zones,
                         std::chrono::year_month_day today) {
    MeetingBook b;
    for (const auto& [key, body] : entries) {
        auto family = family_of(key);
        if (family != EntryFamily::meeting && family != EntryFamily::note) continue;
        auto entry = decode_entry(key, body);
        if (auto* m = entry ? std::get_if<MeetingEntry>(&*entry) : nullptr) b.meetings.push_back(row_of(std::move(*m), zones));
        else if (auto* n = entry ? std::get_if<MeetingNote>(&*entry) : nullptr) b.notes.push_back(row_of(std::move(*n), today));
        else ++b.undecodable;
    }
    // Planned first, soonest next meeting first (RFC 3339 in UTC sorts as time); those with
    // no meeting ahead after them, cancelled ones last.
    auto rank = [](const MeetingRow& m) { return m.cancelled ? 2 : (m.next.empty() ? 1 : 0); };
    std::stable_sort(b.meetings.begin(), b.meetings.end(), [&](const MeetingRow& x, const MeetingRow& y) {
        if (rank(x) != rank(y)) return rank(x) < rank(y);
        auto tx = parse_rfc3339(x.next), ty = parse_rfc3339(y.next);
        if (tx && ty && *tx != *ty) return *tx < *ty;
        return x.id < y.id;
    });
    return b;
}

std::vector<const NoteRow*> open_actions(const MeetingBook& b, const std::string& meeting) {
    std::vector<const NoteRow*> out;
    for (const auto& n : b.notes)
        if (n.meeting == meeting && n.open()) out.push_back(&n);
    return out;
}

std::vector<const NoteRow*> recent_decisions(const MeetingBook& b, const std::string& meeting, std::size_t n) {
    std::vector<const NoteRow*> out;
    for (auto it = b.notes.rbegin(); it != b.notes.rend() && out.size() < n; ++it)
        if (it->meeting == meeting && it->kind == "decision") out.push_back(&*it);
    return out;
}

std::string stockholm_text(const std::string& rfc3339) {
    auto t = parse_rfc3339(rfc3339);
    if (!t) return "?";
    return stockholm_day_and_time_text(*t);
}

std::string stockholm_date_text(TimePoint t) { return date_text(stockholm_date(t)); }

std::string repeat_words(const std::string& repeat) {
    if (repeat == "weekly") return "every week";
    if (repeat == "fortnightly") return "every other week";
    if (repeat == "monthly") return "every month";
    if (repeat == "quarterly") return "every quarter";
    if (repeat == "once" || repeat.empty()) return "once";
    return repeat;
}

const std::vector<std::string>& repeat_choices() {
    static const std::vector<std::string> choices{"once", "weekly", "fortnightly", "monthly", "quarterly"};
    return choices;
}

bool is_date_text(const std::string& date) { return read_date(date).has_value(); }

std::optional<TimePoint> stockholm_local(const std::string& date, const std::string& time) {
    auto d = read_date(trimmed(date));
    std::string t = trimmed(time);
    if (!d || t.size() != 5 || t[2] != ':') return std::nullopt;
    for (std::size_t i : {0u, 1u, 3u, 4u})
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    int h = std::stoi(t.substr(0, 2)), m = std::stoi(t.substr(3, 2));
    if (h > 23 || m > 59) return std::nullopt;
    std::chrono::local_time<Millis> local{std::chrono::local_days{*d}.time_since_epoch() + std::chrono::hours{h} +
                                          std::chrono::minutes{m}};
    return from_stockholm_local(local);
}

Command plan_command(const PlanForm& f, const std::string& by, const ZoneMap& zones, TimePoint now) {
    std::string title = trimmed(f.title);
    if (title.empty()) return {{}, "give the meeting a title"};
    if (utf8_length(title) > 80) return {{}, "the title may have at most 80 characters"};
    if (!zones.find(f.zone)) return {{}, "choose the zone it is about"};
    if (f.organisations.empty()) return {{}, "tick the organisations taking part"};
    std::set<std::string> seen;
    for (const auto& o : f.organisations) {
        if (!is_organisation(o)) return {{}, "unknown organisation " + o};
        if (!seen.insert(o).second) return {{}, "organisation " + o + " is ticked twice"};
    }
    auto starts = stockholm_local(f.date, f.time);
    if (!starts) return {{}, "start: a date as YYYY-MM-DD and a time as HH:MM (Stockholm)"};
    if (std::find(repeat_choices().begin(), repeat_choices().end(), f.repeat) == repeat_choices().end())
        return {{}, "repeat: once, weekly, fortnightly, monthly or quarterly"};
    if (f.duration_min < 15 || f.duration_min > 480) return {{}, "duration: 15 to 480 minutes"};
    if (f.repeat == "once" && *starts + std::chrono::minutes{f.duration_min} <= now)
        return {{}, "a one-off meeting must not be over already"};
    auto c = meeting_command(MeetingOp::plan, {}, by);
    c.title = title;
    c.zone = f.zone;
    c.organisations = f.organisations;
    c.starts = *starts;
    c.repeat = repeat_from_name(f.repeat).value_or(Repeat::once);
    c.duration_min = f.duration_min;
    return sendable(c);
}

Command decision_command(const std::string& meeting, const std::string& text, const std::string& by) {
    if (auto c = need_meeting(meeting); !c.ok()) return c;
    if (auto c = text_problem(text, 500); !c.ok()) return c;
    auto c = meeting_command(MeetingOp::decide, meeting, by);
    c.text = trimmed(text);
    return sendable(c);
}

Command action_command(const std::string& meeting, const std::string& text, const std::string& owner,
                       const std::string& due, const std::string& by) {
    if (auto c = need_meeting(meeting); !c.ok()) return c;
    if (auto c = text_problem(text, 500); !c.ok()) return c;
    if (!is_organisation(owner)) return {{}, "choose the organisation that owns it"};
    if (!is_date_text(trimmed(due))) return {{}, "due: a date as YYYY-MM-DD"};
    auto c = meeting_command(MeetingOp::add_action, meeting, by);
    c.text = trimmed(text);
    c.owner = owner;
    c.due = trimmed(due);
    return sendable(c);
}

Command close_action_command(const std::string& meeting, const std::string& note, const std::string& closing_text,
                             const std::string& by) {
    if (auto c = need_meeting(meeting); !c.ok()) return c;
    if (note.empty()) return {{}, "choose an open action item first"};
    if (utf8_length(closing_text) > 500) return {{}, "at most 500 characters"};
    auto c = meeting_command(MeetingOp::close_action, meeting, by);
    c.note = note;
    c.text = trimmed(closing_text); // an empty closing note is left out
    return sendable(c);
}

Command agenda_command(const std::string& meeting, const std::string& by) {
    if (auto c = need_meeting(meeting); !c.ok()) return c;
    return sendable(meeting_command(MeetingOp::agenda, meeting, by));
}

Command cancel_command(const std::string& meeting, const std::string& by) {
    if (auto c = need_meeting(meeting); !c.ok()) return c;
    return sendable(meeting_command(MeetingOp::cancel, meeting, by));
}

std::optional<AgendaReply> parse_agenda_reply(const std::string& text) {
    // Read as leniently as a picture entry: a reply from a newer hub still gives its handout.
    auto j = parse_entry(text);
    if (!j) return std::nullopt;
    EntryReader reply(*j);
    auto markdown = reply.maybe_text("markdown");
    if (!markdown) return std::nullopt;
    AgendaReply a;
    a.markdown = std::move(*markdown);
    if (const auto* agenda = reply.object("agenda")) {
        EntryReader ag(*agenda);
        a.held_at = ag.text("held_at");
        if (const auto* m = ag.object("meeting")) a.meeting = EntryReader(*m).text("id");
    }
    return a;
}

std::string agenda_file_name(const AgendaReply& a) {
    auto t = parse_rfc3339(a.held_at);
    std::string meeting = a.meeting.empty() ? "meeting" : a.meeting;
    // Only the id's own characters in a file name, whatever the reply held.
    meeting.erase(std::remove_if(meeting.begin(), meeting.end(),
                                 [](char c) { return !(std::isalnum(static_cast<unsigned char>(c)) || c == '-'); }),
                  meeting.end());
    return "agenda-" + meeting + (t ? "-" + stockholm_date_text(*t) : std::string()) + ".md";
}

std::optional<std::filesystem::path> write_file_atomically(const std::filesystem::path& dir, const std::string& name,
                                                           const std::string& text, std::string& error) {
    auto path = dir / name;
    auto tmp = dir / (name + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) {
            error = "cannot write " + tmp.string();
            return std::nullopt;
        }
        out << text;
        out.flush();
        if (!out) {
            error = "cannot write " + tmp.string();
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            return std::nullopt;
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        error = "cannot rename " + tmp.string() + ": " + ec.message();
        std::filesystem::remove(tmp, ec);
        return std::nullopt;
    }
    return path;
}

} // namespace platslage::console
