#pragma once
// Small helpers around SQLite's C API shared by the event log's files: statements that
// finalize themselves, text bound and read without surprises, a write that must finish.
#include <sqlite3.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace platslage::sql {

inline sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string("SQLite prepare: ") + sqlite3_errmsg(db));
    return st;
}

inline void bind_text(sqlite3_stmt* st, int i, const std::string& s) {
    sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

// A string that outlives the statement's step (a caller's record, bound and stepped in one go):
// SQLite reads it where it is instead of copying it first. Rebound before every step.
inline void bind_text_in_place(sqlite3_stmt* st, int i, const std::string& s) {
    sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
}

// An optional text column: empty means NULL (no zone, say).
inline void bind_text_or_null(sqlite3_stmt* st, int i, const std::string& s) {
    if (s.empty())
        sqlite3_bind_null(st, i);
    else
        bind_text(st, i, s);
}

inline void step_done(sqlite3* db, sqlite3_stmt* st) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) throw std::runtime_error(std::string("SQLite write: ") + sqlite3_errmsg(db));
}

inline std::string column_text(sqlite3_stmt* st, int i) {
    auto p = sqlite3_column_text(st, i);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st, i))) : std::string();
}

// A statement prepared for one use, finalized however the use ends.
using Statement = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>;
inline Statement prepare_once(sqlite3* db, const char* sql) { return Statement(prepare(db, sql), sqlite3_finalize); }

// An optional time column: NULL when absent.
inline void bind_ms_or_null(sqlite3_stmt* st, int i, std::optional<std::int64_t> ms) {
    if (ms) sqlite3_bind_int64(st, i, *ms);
    else sqlite3_bind_null(st, i);
}

} // namespace platslage::sql
