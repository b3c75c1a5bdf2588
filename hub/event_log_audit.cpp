// The event log's audit trail: one row per command, carried out or refused.
#include "event_log.hpp"

#include "sqlite_statement.hpp"
#include "time_text.hpp"

namespace platslage {

using namespace sql;

void EventLog::append_audit(const AuditRecord& r) {
    auto st = prepare_once(db_, "INSERT INTO audit(at_ms,position,role,fingerprint,op,target,result) VALUES(?,?,?,?,?,?,?)");
    sqlite3_bind_int64(st.get(), 1, to_epoch_ms(r.at));
    bind_text(st.get(), 2, r.position);
    bind_text(st.get(), 3, r.role);
    bind_text(st.get(), 4, r.fingerprint);
    bind_text(st.get(), 5, r.op);
    bind_text(st.get(), 6, r.target);
    bind_text(st.get(), 7, r.result);
    step_done(db_, st.get());
}

std::vector<AuditRecord> EventLog::audit_of(const std::string& target, std::size_t limit) const {
    auto st = prepare_once(db_, "SELECT at_ms,position,role,fingerprint,op,target,result FROM "
                                "(SELECT * FROM audit WHERE target=? ORDER BY id DESC LIMIT ?) ORDER BY id");
    bind_text(st.get(), 1, target);
    sqlite3_bind_int64(st.get(), 2, static_cast<std::int64_t>(limit));
    std::vector<AuditRecord> rows;
    while (sqlite3_step(st.get()) == SQLITE_ROW)
        rows.push_back(AuditRecord{from_epoch_ms(sqlite3_column_int64(st.get(), 0)), column_text(st.get(), 1),
                                   column_text(st.get(), 2), column_text(st.get(), 3), column_text(st.get(), 4),
                                   column_text(st.get(), 5), column_text(st.get(), 6)});
    return rows;
}

} // namespace platslage
