#include "shift_log.hpp"

#include "entry_reader.hpp"
#include "time_text.hpp"

#include <cstdio>

namespace platslage {

using nlohmann::json;

namespace {
std::string numbered(char prefix, long long n) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%c-%06lld", prefix, n);
    return buf;
}

long long number_of(const std::string& id) {
    if (id.size() < 3) return 0;
    try {
        return std::stoll(id.substr(2));
    } catch (...) {
        return 0;
    }
}
} // namespace

json to_json(const ShiftNote& n) {
    json j{{"id", n.id}, {"at", format_rfc3339(n.at)}, {"by", n.by}, {"text", n.text}};
    if (!n.zone.empty()) j["zone"] = n.zone;
    if (!n.alert.empty()) j["alert"] = n.alert;
    return j;
}

json to_json(const Handover& h) {
    return json{{"id", h.id}, {"at", format_rfc3339(h.at)}, {"by", h.by}, {"text", h.text}, {"open", h.open}};
}

json to_json(const ShiftLog& log) {
    json notes = json::array();
    for (const auto& n : log.notes) notes.push_back(to_json(n));
    return json{{"handover", log.handover ? to_json(*log.handover) : json(nullptr)}, {"notes", notes}};
}

std::optional<ShiftNote> shift_note_from(const json& j) {
    if (!j.is_object()) return std::nullopt;
    EntryReader r(j);
    ShiftNote n;
    n.id = r.text("id");
    if (n.id.empty()) return std::nullopt;
    n.at = r.time("at").value_or(TimePoint{});
    n.by = r.text("by");
    n.text = r.text("text");
    n.zone = r.text("zone");
    n.alert = r.text("alert");
    return n;
}

std::optional<Handover> handover_from(const json& j) {
    if (!j.is_object()) return std::nullopt;
    EntryReader r(j);
    Handover h;
    h.id = r.text("id");
    if (h.id.empty()) return std::nullopt;
    h.at = r.time("at").value_or(TimePoint{});
    h.by = r.text("by");
    h.text = r.text("text");
    h.open = r.texts("open");
    return h;
}

std::optional<ShiftLog> shift_log_from(const json& j) {
    if (!j.is_object()) return std::nullopt;
    ShiftLog log;
    if (auto it = j.find("handover"); it != j.end()) log.handover = handover_from(*it);
    if (auto it = j.find("notes"); it != j.end() && it->is_array())
        for (const auto& n : *it)
            if (auto note = shift_note_from(n)) log.notes.push_back(std::move(*note));
    return log;
}

void ShiftBook::restore(std::optional<Handover> newest, const std::vector<ShiftNote>& notes, long long notes_numbered,
                        long long handovers_numbered) {
    *this = ShiftBook{};
    notes_ = notes_numbered;
    handovers_ = handovers_numbered;
    log_.handover = std::move(newest);
    for (const auto& n : notes)
        if (!log_.handover || n.at >= log_.handover->at) log_.notes.push_back(n);
    if (log_.notes.size() > shift_notes_shown)
        log_.notes.erase(log_.notes.begin(), log_.notes.end() - static_cast<std::ptrdiff_t>(shift_notes_shown));
}

std::string ShiftBook::next_note_id() const { return numbered('S', notes_ + 1); }
std::string ShiftBook::next_handover_id() const { return numbered('H', handovers_ + 1); }

void ShiftBook::add(ShiftNote n) {
    notes_ = std::max(notes_, number_of(n.id));
    log_.notes.push_back(std::move(n));
    if (log_.notes.size() > shift_notes_shown) log_.notes.erase(log_.notes.begin());
}

void ShiftBook::add(Handover h) {
    handovers_ = std::max(handovers_, number_of(h.id));
    log_.handover = std::move(h);
    // A new shift begins: its notes start empty; the earlier ones are in the database.
    log_.notes.clear();
}

} // namespace platslage
