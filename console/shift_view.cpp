#include "shift_view.hpp"

#include "guard_report.hpp"
#include "json_fields.hpp"
#include "plain_words.hpp"
#include "stockholm_time.hpp"
#include "time_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace platslage::console {

namespace {
std::string trimmed(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}
} // namespace

Command shift_note_command(const std::string& text, const std::string& zone, const std::string& alert, const std::string& by) {
    auto t = trimmed(text);
    if (t.empty()) return {{}, "write the note first"};
    if (utf8_length(t) > max_shift_note_chars) return {{}, "a note may have at most 500 characters"};
    nlohmann::json j{{"op", "shift_note"}, {"by", by}, {"text", t}};
    if (!zone.empty()) j["zone"] = zone;
    if (!alert.empty()) j["alert"] = alert;
    return {j.dump(), {}};
}

Command handover_command(const std::string& text, const std::string& by) {
    auto t = trimmed(text);
    if (t.empty()) return {{}, "write what was promised, or \"nothing promised\""};
    if (utf8_length(t) > max_handover_chars) return {{}, "a handover may have at most 1000 characters"};
    return {nlohmann::json{{"op", "handover"}, {"by", by}, {"text", t}}.dump(), {}};
}

Command tip_command(const TipForm& f, const std::string& by, const ZoneMap& zones, TimePoint now, const std::string& id) {
    const auto& sources = tip_sources();
    if (std::find(sources.begin(), sources.end(), f.from) == sources.end()) return {{}, "choose who told of it"};
    if (!zones.find(f.zone)) return {{}, "choose the zone it is about"};
    if (f.minutes_ago < 0 || f.minutes_ago > 24 * 60) return {{}, "seen: 0 to 1440 minutes ago (older belongs in the shift log)"};
    if (f.persons < 0 || f.persons > max_persons) return {{}, "persons: 0 to 500"};
    if (f.persons == 0 && !f.categories.empty()) return {{}, "the ticked boxes describe people: give how many"};
    auto note = trimmed(f.note);
    if (utf8_length(note) > max_note_chars) return {{}, "the note may have at most 500 characters"};
    nlohmann::json j{{"op", "tip"},
                     {"by", by},
                     {"id", id},
                     {"from", f.from},
                     {"zone", f.zone},
                     {"seen", format_rfc3339(now - std::chrono::minutes(f.minutes_ago))},
                     {"persons", f.persons},
                     {"categories", f.categories}};
    if (!note.empty()) j["note"] = note;
    return {j.dump(), {}};
}

std::string tip_id(TimePoint now) { return "tip-" + std::to_string(to_epoch_ms(now)); }

std::optional<LogQuery> search_query(const SearchForm& f, TimePoint now, std::string& problem) {
    problem.clear();
    LogQuery q;
    auto alert = trimmed(f.alert);
    if (!alert.empty()) {
        // "42" is what an operator types for A-000042.
        if (alert.find_first_not_of("0123456789") == std::string::npos && alert.size() <= 6)
            alert = "A-" + std::string(6 - alert.size(), '0') + alert;
        auto checked = parse_log_query(nlohmann::json{{"alert", alert}}.dump());
        if (!checked) {
            problem = "alert: an id like A-000042 (or just 42)";
            return std::nullopt;
        }
        return *checked;
    }
    if (f.hours < 1 || f.hours > 744) {
        problem = "hours back: 1 to 744 (31 days)";
        return std::nullopt;
    }
    // Up to the next minute, so what happened as the search was asked is in it.
    q.to = std::chrono::time_point_cast<Millis>(std::chrono::ceil<std::chrono::minutes>(now + std::chrono::seconds(1)));
    q.from = q.to - std::chrono::hours(f.hours);
    if (q.to - q.from > max_search_span) q.from = q.to - max_search_span;
    q.zone = f.zone;
    if (auto dot = f.zone.find('.'); dot != std::string::npos) q.station = f.zone.substr(0, dot);
    q.category = f.category;
    return q;
}

std::string hit_source_words(const std::string& source) { return code_words(source, true); }

std::optional<std::string> handover_to_show(const std::optional<ShiftLog>& log, const std::string& shown) {
    if (!log || !log->handover || log->handover->id == shown) return std::nullopt;
    return log->handover->id;
}

std::string report_source(const std::string& device, const std::string& tip_from) {
    if (tip_from.empty()) return device;
    if (device.starts_with(console_device_prefix)) return "tip: " + tip_source_words(tip_from);
    return device + " (tip)";
}

std::string note_line(const ShiftNote& n, const ZoneMap& zones) {
    std::string line = stockholm_clock_text(n.at).substr(0, 5) + " " + n.by + ": " + n.text;
    std::string about;
    if (const Zone* z = zones.find(n.zone)) about = z->name;
    if (!n.alert.empty()) about += (about.empty() ? "" : ", ") + n.alert;
    if (!about.empty()) line += " (about " + about + ")";
    return line;
}

} // namespace platslage::console
