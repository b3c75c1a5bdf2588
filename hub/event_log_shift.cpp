// The event log's part for the shift log: notes and handovers, each stored once as it was
// written, and read back at start so the picture shows the newest handover and its notes.
#include "event_log.hpp"

#include "sqlite_statement.hpp"
#include "time_text.hpp"

#include <algorithm>

namespace platslage {

using namespace sql;

void EventLog::store_shift_note(const ShiftNote& n) {
    auto st = prepare_once(db_, "INSERT INTO shift_log(entry_id,kind,at_ms,by,text,zone,alert) VALUES(?,'note',?,?,?,?,?)");
    bind_text(st.get(), 1, n.id);
    sqlite3_bind_int64(st.get(), 2, to_epoch_ms(n.at));
    bind_text(st.get(), 3, n.by);
    bind_text(st.get(), 4, n.text);
    bind_text_or_null(st.get(), 5, n.zone);
    bind_text_or_null(st.get(), 6, n.alert);
    step_done(db_, st.get());
}

void EventLog::store_handover(const Handover& h) {
    auto st = prepare_once(db_, "INSERT INTO shift_log(entry_id,kind,at_ms,by,text,open) VALUES(?,'handover',?,?,?,?)");
    bind_text(st.get(), 1, h.id);
    sqlite3_bind_int64(st.get(), 2, to_epoch_ms(h.at));
    bind_text(st.get(), 3, h.by);
    bind_text(st.get(), 4, h.text);
    bind_text(st.get(), 5, nlohmann::json(h.open).dump());
    step_done(db_, st.get());
}

std::vector<ShiftNote> EventLog::shift_notes_since(TimePoint since, std::size_t limit) const {
    auto st = prepare_once(db_, "SELECT entry_id,at_ms,by,text,zone,alert FROM shift_log WHERE kind='note' AND at_ms>=? "
                                "ORDER BY at_ms DESC, entry_id DESC LIMIT ?");
    sqlite3_bind_int64(st.get(), 1, to_epoch_ms(since));
    sqlite3_bind_int64(st.get(), 2, static_cast<std::int64_t>(limit));
    std::vector<ShiftNote> out;
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
        auto* s = st.get();
        out.push_back(ShiftNote{column_text(s, 0), from_epoch_ms(sqlite3_column_int64(s, 1)), column_text(s, 2), column_text(s, 3),
                                column_text(s, 4), column_text(s, 5)});
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::optional<Handover> EventLog::newest_handover() const {
    auto st = prepare_once(db_, "SELECT entry_id,at_ms,by,text,open FROM shift_log WHERE kind='handover' "
                                "ORDER BY at_ms DESC, entry_id DESC LIMIT 1");
    if (sqlite3_step(st.get()) != SQLITE_ROW) return std::nullopt;
    auto* s = st.get();
    Handover h{column_text(s, 0), from_epoch_ms(sqlite3_column_int64(s, 1)), column_text(s, 2), column_text(s, 3), {}};
    auto open = nlohmann::json::parse(column_text(s, 4), nullptr, /*allow_exceptions=*/false);
    if (open.is_array())
        for (const auto& line : open)
            if (line.is_string()) h.open.push_back(line.get<std::string>());
    return h;
}

long long EventLog::shift_numbered(bool handovers) const {
    // Purges keep the newest handover, and notes are numbered on: the highest stored number is
    // the one to go on from (ids are "X-" and six digits, so they sort as numbers).
    auto st = prepare_once(db_, "SELECT coalesce(max(CAST(substr(entry_id,3) AS INTEGER)),0) FROM shift_log WHERE kind=?");
    bind_text(st.get(), 1, handovers ? "handover" : "note");
    return sqlite3_step(st.get()) == SQLITE_ROW ? sqlite3_column_int64(st.get(), 0) : 0;
}

} // namespace platslage
