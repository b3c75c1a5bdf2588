#include "event_log.hpp"

#include "sqlite_statement.hpp"
#include "time_text.hpp"
#include "wal_checkpointer.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>

namespace platslage {

using namespace sql;

namespace {

struct Migration {
    const char* sql;
    // Edits a table's CREATE text in sqlite_schema: run with writable_schema, and the schema
    // version bumped so every connection reads the tables anew.
    bool edits_schema_text = false;
};

// Each entry moves the schema one version up. Never edit a shipped entry: add one.
const Migration migrations[] = {
    // v1: the event log, guard reports for deduplication and follow-up, refusals.
    {R"sql(
    CREATE TABLE events(
        id        INTEGER PRIMARY KEY,
        heard_ms  INTEGER NOT NULL,          -- when the hub received it (Unix ms)
        kind      TEXT NOT NULL CHECK (kind IN
                  ('guard_report','guard_shift','outreach_status','device_online','occupancy')),
        station   TEXT NOT NULL,
        actor     TEXT NOT NULL,             -- device, team or sensor id: equipment, never a person
        zone      TEXT,
        body      TEXT NOT NULL              -- the checked message in its wire form (JSON)
    );
    CREATE INDEX events_by_time ON events(heard_ms);
    CREATE TABLE guard_reports(
        device     TEXT NOT NULL,
        report_id  TEXT NOT NULL,
        event_id   INTEGER NOT NULL REFERENCES events(id),
        station    TEXT NOT NULL,
        zone       TEXT NOT NULL,
        ts_ms      INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        persons    INTEGER NOT NULL,
        categories TEXT NOT NULL,            -- JSON array of category names
        note       TEXT,                     -- scrubbed of identity and phone numbers
        PRIMARY KEY (device, report_id)
    ) WITHOUT ROWID;
    CREATE INDEX guard_reports_by_zone ON guard_reports(zone, ts_ms);
    CREATE TABLE refusals(
        id        INTEGER PRIMARY KEY,
        heard_ms  INTEGER NOT NULL,
        source    TEXT NOT NULL,
        reason    TEXT NOT NULL,
        topic     TEXT,
        detail    TEXT NOT NULL              -- why; the refused payload itself is not kept
    );
    )sql"},
    // v2: weather readings and operators' alert commands are events too; every step of an
    // alert's life is kept for follow-up; snapshots of the fused state speed up start-up.
    {R"sql(
    CREATE TABLE events_v2(
        id        INTEGER PRIMARY KEY,
        heard_ms  INTEGER NOT NULL,
        kind      TEXT NOT NULL CHECK (kind IN
                  ('guard_report','guard_shift','outreach_status','device_online','occupancy',
                   'weather','alert_command')),
        station   TEXT NOT NULL,             -- empty for weather (the city's) and commands
        actor     TEXT NOT NULL,             -- device, team, sensor, weather source or operator position
        zone      TEXT,
        body      TEXT NOT NULL
    );
    INSERT INTO events_v2 SELECT id,heard_ms,kind,station,actor,zone,body FROM events;
    CREATE TABLE guard_reports_v2(
        device     TEXT NOT NULL,
        report_id  TEXT NOT NULL,
        event_id   INTEGER NOT NULL REFERENCES events_v2(id),
        station    TEXT NOT NULL,
        zone       TEXT NOT NULL,
        ts_ms      INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        persons    INTEGER NOT NULL,
        categories TEXT NOT NULL,
        note       TEXT,
        PRIMARY KEY (device, report_id)
    ) WITHOUT ROWID;
    INSERT INTO guard_reports_v2 SELECT * FROM guard_reports;
    DROP TABLE guard_reports;
    DROP TABLE events;
    ALTER TABLE events_v2 RENAME TO events;
    ALTER TABLE guard_reports_v2 RENAME TO guard_reports;
    CREATE INDEX events_by_time ON events(heard_ms);
    CREATE TABLE alert_steps(
        alert_id  TEXT NOT NULL,             -- "A-000042"
        step      INTEGER NOT NULL,          -- 0 raised, then each step in order
        at_ms     INTEGER NOT NULL,
        what      TEXT NOT NULL,             -- raised, joined, raised_severity, escalated, reannounced,
                                             -- acknowledged, assigned, note, resolved, expired
        by        TEXT NOT NULL,             -- "hub" or an operator position, never a name
        severity  TEXT NOT NULL,
        detail    TEXT NOT NULL,
        rule      TEXT NOT NULL,
        station   TEXT NOT NULL,
        zone      TEXT,
        PRIMARY KEY (alert_id, step)
    ) WITHOUT ROWID;
    CREATE TABLE snapshots(
        id        INTEGER PRIMARY KEY,
        last_event INTEGER NOT NULL,         -- the state reflects every event up to this id
        saved_ms  INTEGER NOT NULL,
        body      TEXT NOT NULL              -- the fused state as JSON
    );
    )sql"},
    // v3: a zone's history is read per zone and kind (the console's 24-hour chart).
    {R"sql(
    CREATE INDEX events_by_zone ON events(zone, kind, heard_ms);
    )sql"},
    // v4: outreach teams' answers and outcomes are events; every dispatch order is kept
    // with its response chain and outcome, for follow-up statistics.
    {R"sql(
    CREATE TABLE events_v4(
        id        INTEGER PRIMARY KEY,
        heard_ms  INTEGER NOT NULL,
        kind      TEXT NOT NULL CHECK (kind IN
                  ('guard_report','guard_shift','outreach_status','device_online','occupancy',
                   'weather','alert_command','dispatch_ack','dispatch_outcome')),
        station   TEXT NOT NULL,
        actor     TEXT NOT NULL,
        zone      TEXT,
        body      TEXT NOT NULL
    );
    INSERT INTO events_v4 SELECT id,heard_ms,kind,station,actor,zone,body FROM events;
    CREATE TABLE guard_reports_v4(
        device     TEXT NOT NULL,
        report_id  TEXT NOT NULL,
        event_id   INTEGER NOT NULL REFERENCES events_v4(id),
        station    TEXT NOT NULL,
        zone       TEXT NOT NULL,
        ts_ms      INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        persons    INTEGER NOT NULL,
        categories TEXT NOT NULL,
        note       TEXT,
        PRIMARY KEY (device, report_id)
    ) WITHOUT ROWID;
    INSERT INTO guard_reports_v4 SELECT * FROM guard_reports;
    DROP TABLE guard_reports;
    DROP TABLE events;
    ALTER TABLE events_v4 RENAME TO events;
    ALTER TABLE guard_reports_v4 RENAME TO guard_reports;
    CREATE INDEX events_by_time ON events(heard_ms);
    CREATE INDEX events_by_zone ON events(zone, kind, heard_ms);
    CREATE TABLE dispatches(
        dispatch_id     TEXT PRIMARY KEY,    -- "D-000042"
        alert_id        TEXT NOT NULL,
        team            TEXT NOT NULL,       -- a team id, never a person
        station         TEXT NOT NULL,
        zone            TEXT NOT NULL,
        by              TEXT NOT NULL,       -- the operator position that sent it
        severity        TEXT NOT NULL,
        persons         INTEGER NOT NULL,    -- people in the alert
        categories      TEXT NOT NULL,       -- JSON array of category names
        state           TEXT NOT NULL,       -- sent, accepted, on_scene, completed, declined, unanswered, withdrawn
        raised_ms       INTEGER NOT NULL,    -- the response chain, Unix ms
        acknowledged_ms INTEGER,
        dispatched_ms   INTEGER NOT NULL,
        answer_due_ms   INTEGER NOT NULL,
        answered_ms     INTEGER,
        on_scene_ms     INTEGER,
        finished_ms     INTEGER,
        outcome         TEXT,
        referred_to     TEXT,
        gender          TEXT,                -- optional coarse descriptors, for statistics only
        age_band        TEXT,
        outcome_persons INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX dispatches_by_time ON dispatches(dispatched_ms);
    )sql"},
    // v5: joint deployment meetings as planned, and the decisions and action items
    // recorded at them. Organisations and positions, never persons.
    {R"sql(
    CREATE TABLE meetings(
        meeting_id    TEXT PRIMARY KEY,      -- "M-000001"
        title         TEXT NOT NULL,
        station       TEXT NOT NULL,
        zone          TEXT NOT NULL,
        organisations TEXT NOT NULL,         -- JSON array of organisation ids
        first_ms      INTEGER NOT NULL,      -- the first meeting's start, Unix ms
        repeat        TEXT NOT NULL CHECK (repeat IN ('once','weekly','fortnightly')),
        duration_min  INTEGER NOT NULL,
        planned_by    TEXT NOT NULL,         -- an operator position
        planned_ms    INTEGER NOT NULL,
        cancelled_ms  INTEGER
    ) WITHOUT ROWID;
    CREATE TABLE meeting_notes(
        note_id       TEXT PRIMARY KEY,      -- "N-000001"
        kind          TEXT NOT NULL CHECK (kind IN ('decision','action')),
        meeting_id    TEXT NOT NULL REFERENCES meetings(meeting_id),
        held_ms       INTEGER NOT NULL,      -- which of the plan's meetings
        text          TEXT NOT NULL,         -- scrubbed of identity and phone numbers
        owner         TEXT,                  -- the organisation that owns an action item
        due           TEXT,                  -- YYYY-MM-DD
        by            TEXT NOT NULL,
        recorded_ms   INTEGER NOT NULL,
        closed_ms     INTEGER,
        closed_by     TEXT,
        closing_note  TEXT
    ) WITHOUT ROWID;
    CREATE INDEX meeting_notes_by_meeting ON meeting_notes(meeting_id, held_ms);
    )sql"},
    // v6: night shelters' free places are events too. The kinds are a CHECK, so the
    // events table is rebuilt (and guard_reports, which refers to it) as in v4.
    {R"sql(
    CREATE TABLE events_v6(
        id        INTEGER PRIMARY KEY,
        heard_ms  INTEGER NOT NULL,
        kind      TEXT NOT NULL CHECK (kind IN
                  ('guard_report','guard_shift','outreach_status','device_online','occupancy',
                   'weather','shelter','alert_command','dispatch_ack','dispatch_outcome')),
        station   TEXT NOT NULL,
        actor     TEXT NOT NULL,
        zone      TEXT,
        body      TEXT NOT NULL
    );
    INSERT INTO events_v6 SELECT id,heard_ms,kind,station,actor,zone,body FROM events;
    CREATE TABLE guard_reports_v6(
        device     TEXT NOT NULL,
        report_id  TEXT NOT NULL,
        event_id   INTEGER NOT NULL REFERENCES events_v6(id),
        station    TEXT NOT NULL,
        zone       TEXT NOT NULL,
        ts_ms      INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        persons    INTEGER NOT NULL,
        categories TEXT NOT NULL,
        note       TEXT,
        PRIMARY KEY (device, report_id)
    ) WITHOUT ROWID;
    INSERT INTO guard_reports_v6 SELECT * FROM guard_reports;
    DROP TABLE guard_reports;
    DROP TABLE events;
    ALTER TABLE events_v6 RENAME TO events;
    ALTER TABLE guard_reports_v6 RENAME TO guard_reports;
    CREATE INDEX events_by_time ON events(heard_ms);
    CREATE INDEX events_by_zone ON events(zone, kind, heard_ms);
    CREATE INDEX guard_reports_by_zone ON guard_reports(zone, ts_ms);
    )sql"},
    // v7: refusals beyond a source's share of a window (core/protocol/refusal_limiter.hpp) are
    // counted, one row per window, source and reason, instead of a row each.
    {R"sql(
    CREATE TABLE refusals_held_back(
        from_ms  INTEGER NOT NULL,
        to_ms    INTEGER NOT NULL,
        source   TEXT NOT NULL,              -- "mqtt:<station>/<device>", "mqtt", "ingest", "command"
        reason   TEXT NOT NULL,
        count    INTEGER NOT NULL
    );
    )sql"},
    // v8: the audit trail: every command an operator sent, carried out or refused, with the
    // position, role and key fingerprint the hub knew it by (docs/security.md).
    {R"sql(
    CREATE TABLE audit(
        id          INTEGER PRIMARY KEY,
        at_ms       INTEGER NOT NULL,
        position    TEXT NOT NULL,           -- the key's operator position (kc-1), never a person
        role        TEXT NOT NULL,           -- viewer, operator, coordinator, admin; 'unchecked' without security
        fingerprint TEXT NOT NULL,           -- 16 hex digits of the key's SHA-256; '' without security
        op          TEXT NOT NULL,           -- acknowledge, resolve, plan_meeting, ...; '?' when unreadable
        target      TEXT NOT NULL,           -- the alert or meeting id, or ''
        result      TEXT NOT NULL            -- 'done', or the refusal's reason
    );
    CREATE INDEX audit_by_target ON audit(target, at_ms);
    )sql"},
    // v9: outreach teams' contacts of their own rounds are outcomes without an order; each is
    // kept once, on the team and the id its handheld gave it, as guard reports are.
    {R"sql(
    CREATE TABLE round_contacts(
        team       TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        event_id   INTEGER NOT NULL REFERENCES events(id),
        PRIMARY KEY (team, contact_id)
    ) WITHOUT ROWID;
    -- A purge deletes events by time; each deleted event's references are looked up by these,
    -- not by a scan of the whole table per event.
    CREATE INDEX guard_reports_by_event ON guard_reports(event_id);
    CREATE INDEX round_contacts_by_event ON round_contacts(event_id);
    -- The follow-up figures of rows a purge removed (core/statistics/figures.hpp): counts, by
    -- month and by week, station and zone; never a row about one person.
    CREATE TABLE kept_figures(
        granularity TEXT NOT NULL,            -- 'month' | 'week'
        period      TEXT NOT NULL,            -- '2026-11' | '2026-W48'
        station     TEXT NOT NULL,
        zone        TEXT NOT NULL,
        measure     TEXT NOT NULL,
        key         TEXT NOT NULL,
        value       INTEGER NOT NULL,
        PRIMARY KEY (granularity, period, station, zone, measure, key)
    ) WITHOUT ROWID;
    )sql"},
    // v10: the hours each zone was a hotspot (core/fusion/hotspot_hours.hpp), for the
    // follow-up. A zone and an hour, never a person: kept, not purged.
    {R"sql(
    CREATE TABLE hotspot_hours(
        zone     TEXT NOT NULL,
        station  TEXT NOT NULL,
        hour_ms  INTEGER NOT NULL,           -- the hour's start
        peak     INTEGER NOT NULL,           -- the highest score in it, 30-100
        PRIMARY KEY (zone, hour_ms)
    ) WITHOUT ROWID;
    CREATE INDEX hotspot_hours_by_hour ON hotspot_hours(hour_ms);
    )sql"},
    // v11: the control room's shift log (core/shift/shift_log.hpp): operators' notes and
    // handovers. Operators' words, so purged with the reports after the retention period.
    {R"sql(
    CREATE TABLE shift_log(
        entry_id  TEXT PRIMARY KEY,          -- "S-000001" a note, "H-000001" a handover
        kind      TEXT NOT NULL CHECK (kind IN ('note','handover')),
        at_ms     INTEGER NOT NULL,
        by        TEXT NOT NULL,             -- an operator position
        text      TEXT NOT NULL,             -- scrubbed of identity and phone numbers
        zone      TEXT,
        alert     TEXT,
        open      TEXT                       -- a handover's open items: JSON array of lines
    );
    CREATE INDEX shift_log_by_time ON shift_log(at_ms);
    CREATE INDEX shift_log_by_alert ON shift_log(alert) WHERE alert IS NOT NULL;
    -- Searching back over a night reads the alerts' steps by time (event_log_search.cpp).
    CREATE INDEX alert_steps_by_time ON alert_steps(at_ms);
    CREATE INDEX guard_reports_by_time ON guard_reports(ts_ms);
    )sql"},
    // v12: the events table's CHECK on its kinds as a chain of comparisons, not an IN list. The
    // IN list made SQLite build a lookup table for every row inserted: 40 % of an insert's time
    // at the counters' rate (docs/performance.md). The same kinds, so every row still passes;
    // SQLite's own way to change a CHECK without copying the table (ALTER TABLE, "other kinds of
    // table schema changes"): the CREATE text edited, the schema version bumped.
    {R"sql(
    WITH kinds(as_list, as_comparisons) AS (VALUES ('CHECK (kind IN
                  (''guard_report'',''guard_shift'',''outreach_status'',''device_online'',''occupancy'',
                   ''weather'',''shelter'',''alert_command'',''dispatch_ack'',''dispatch_outcome''))',
        'CHECK (kind = ''guard_report'' OR kind = ''guard_shift'' OR kind = ''outreach_status'' OR
                  kind = ''device_online'' OR kind = ''occupancy'' OR kind = ''weather'' OR kind = ''shelter'' OR
                  kind = ''alert_command'' OR kind = ''dispatch_ack'' OR kind = ''dispatch_outcome'')'))
    UPDATE sqlite_schema SET sql = replace(sql, (SELECT as_list FROM kinds), (SELECT as_comparisons FROM kinds))
    WHERE type = 'table' AND name = 'events' AND instr(sql, (SELECT as_list FROM kinds)) > 0;
    )sql", /*edits_schema_text=*/true},
};

constexpr int schema_versions = static_cast<int>(sizeof migrations / sizeof migrations[0]);

// Runs a prepared SELECT of id,heard_ms,kind,station,actor,zone,body to its end.
void visit_events(sqlite3_stmt* st, const std::function<void(std::int64_t, const EventRecord&)>& visit) {
    while (sqlite3_step(st) == SQLITE_ROW) {
        EventRecord r{column_text(st, 2), column_text(st, 3), column_text(st, 4), column_text(st, 5),
                      column_text(st, 6), from_epoch_ms(sqlite3_column_int64(st, 1))};
        visit(sqlite3_column_int64(st, 0), r);
    }
}

} // namespace

namespace {
// The log holds what guards saw of vulnerable people: only the hub's own user may read it.
// SQLite gives its -wal and -shm files the database file's mode, so that file is made first,
// and one left readable by an older hub is closed up with its companions.
void keep_private(const std::string& path) {
    if (path.empty() || path[0] == ':' || path.starts_with("file:")) return; // in memory, or a URI
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return; // sqlite3_open_v2 reports what is wrong with the path
    ::fchmod(fd, 0600);
    ::close(fd);
    for (const char* suffix : {"-wal", "-shm", "-journal"}) ::chmod((path + suffix).c_str(), 0600);
}
} // namespace

EventLog::EventLog(const std::string& path) {
    keep_private(path);
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
        SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw std::runtime_error("cannot open database " + path + ": " + msg);
    }
    try {
        sqlite3_busy_timeout(db_, 5000);
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=FULL");
        exec("PRAGMA foreign_keys=ON");
        // A purged row's bytes are overwritten, not left in free pages (docs/privacy.md).
        exec("PRAGMA secure_delete=ON");
        migrate();
        insert_event_ = prepare(db_, "INSERT INTO events(heard_ms,kind,station,actor,zone,body) VALUES(?,?,?,?,?,?)");
        find_report_ = prepare(db_, "SELECT 1 FROM guard_reports WHERE device=? AND report_id=?");
        insert_report_ = prepare(db_, "INSERT INTO guard_reports(device,report_id,event_id,station,zone,ts_ms,kind,persons,"
                                      "categories,note) VALUES(?,?,?,?,?,?,?,?,?,?)");
        insert_refusal_ = prepare(db_, "INSERT INTO refusals(heard_ms,source,reason,topic,detail) VALUES(?,?,?,?,?)");
        insert_alert_step_ = prepare(db_, "INSERT OR IGNORE INTO alert_steps(alert_id,step,at_ms,what,by,severity,detail,"
                                          "rule,station,zone) VALUES(?,?,?,?,?,?,?,?,?,?)");
        if (std::string file = this->path(); !file.empty()) {
            checkpointer_ = std::make_unique<WalCheckpointer>(file);
            checkpointer_->serve(db_);
        }
    } catch (...) {
        // A refused database (newer schema, unreadable file) is closed again, not leaked.
        finalize_statements();
        sqlite3_close(db_);
        throw;
    }
}

EventLog::~EventLog() {
    // Its connection goes first: the last one closed writes the WAL back and removes it. The
    // hook that would call it goes before it.
    if (checkpointer_) sqlite3_wal_hook(db_, nullptr, nullptr);
    checkpointer_.reset();
    finalize_statements();
    sqlite3_close(db_);
}

void EventLog::finalize_statements() noexcept {
    for (auto* st : {insert_event_, find_report_, insert_report_, insert_refusal_, insert_alert_step_}) sqlite3_finalize(st);
}

void EventLog::rollback() const noexcept { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }

void EventLog::exec(const char* sql) const {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw std::runtime_error(std::string("SQLite: ") + msg);
    }
}

int EventLog::current_schema_version() { return schema_versions; }

std::string EventLog::path() const {
    const char* name = sqlite3_db_filename(db_, "main");
    return name ? name : "";
}

void EventLog::interrupt() const { sqlite3_interrupt(db_); }

std::uint64_t EventLog::background_checkpoints() const { return checkpointer_ ? checkpointer_->done() : 0; }

int EventLog::schema_version() const {
    sqlite3_stmt* st = prepare(db_, "PRAGMA user_version");
    int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

// As SQLite's documentation does it (ALTER TABLE, "other kinds of table schema changes"): only
// for changes that leave every stored row valid and its format as it was.
void EventLog::edit_schema_text(const char* sql, int version) {
    sqlite3_stmt* st = prepare(db_, "PRAGMA schema_version");
    std::int64_t cookie = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    with_setting("PRAGMA writable_schema=ON", "PRAGMA writable_schema=OFF", [&] {
        exec(sql);
        if (sqlite3_changes(db_) == 0)
            spdlog::warn("schema v{}: the table's text is not as this hub wrote it; left as it is", version);
        exec(("PRAGMA schema_version=" + std::to_string(cookie + 1)).c_str());
    });
}

void EventLog::migrate() {
    int v = schema_version();
    if (v > schema_versions)
        throw std::runtime_error("the database has schema v" + std::to_string(v) + ", newer than this hub (v" +
                                 std::to_string(schema_versions) + ")");
    for (; v < schema_versions; ++v) {
        const Migration& m = migrations[v];
        transaction([&] {
            if (m.edits_schema_text) edit_schema_text(m.sql, v + 1);
            else exec(m.sql);
            exec(("PRAGMA user_version=" + std::to_string(v + 1)).c_str());
        });
    }
}

std::vector<std::int64_t> EventLog::append(const std::vector<EventRecord>& events,
                                           const std::vector<RefusalRecord>& refusals) {
    std::vector<std::int64_t> ids;
    ids.reserve(events.size());
    std::int64_t reports_added = 0;
    transaction([&] {
        for (const auto& e : events) {
            std::string report_id;
            nlohmann::json body;
            std::string contact_id; // a round contact's (an outcome naming no order)
            if (e.kind == "dispatch_outcome") {
                body = nlohmann::json::parse(e.body);
                if (!body.contains("dispatch")) {
                    contact_id = body.at("id").get<std::string>();
                    auto seen = prepare_once(db_, "SELECT 1 FROM round_contacts WHERE team=? AND contact_id=?");
                    bind_text(seen.get(), 1, e.actor);
                    bind_text(seen.get(), 2, contact_id);
                    if (sqlite3_step(seen.get()) == SQLITE_ROW) {
                        ids.push_back(0);
                        continue;
                    }
                }
            }
            if (e.kind == "guard_report") {
                body = nlohmann::json::parse(e.body);
                report_id = body.at("id").get<std::string>();
                bind_text(find_report_, 1, e.actor);
                bind_text(find_report_, 2, report_id);
                bool seen = sqlite3_step(find_report_) == SQLITE_ROW;
                sqlite3_reset(find_report_);
                if (seen) {
                    ids.push_back(0);
                    continue;
                }
            }
            sqlite3_bind_int64(insert_event_, 1, to_epoch_ms(e.heard));
            bind_text_in_place(insert_event_, 2, e.kind);
            bind_text_in_place(insert_event_, 3, e.station);
            bind_text_in_place(insert_event_, 4, e.actor);
            bind_text_or_null(insert_event_, 5, e.zone);
            bind_text_in_place(insert_event_, 6, e.body);
            step_done(db_, insert_event_);
            auto id = sqlite3_last_insert_rowid(db_);
            ids.push_back(id);
            if (!contact_id.empty()) {
                auto keep = prepare_once(db_, "INSERT INTO round_contacts(team,contact_id,event_id) VALUES(?,?,?)");
                bind_text(keep.get(), 1, e.actor);
                bind_text(keep.get(), 2, contact_id);
                sqlite3_bind_int64(keep.get(), 3, id);
                step_done(db_, keep.get());
            }
            if (e.kind != "guard_report") continue;

            bind_text(insert_report_, 1, e.actor);
            bind_text(insert_report_, 2, report_id);
            sqlite3_bind_int64(insert_report_, 3, id);
            bind_text(insert_report_, 4, e.station);
            bind_text(insert_report_, 5, e.zone);
            sqlite3_bind_int64(insert_report_, 6, to_epoch_ms(*parse_rfc3339(body.at("ts").get<std::string>())));
            bind_text(insert_report_, 7, body.at("kind").get<std::string>());
            sqlite3_bind_int64(insert_report_, 8, body.at("persons").get<std::int64_t>());
            bind_text(insert_report_, 9, body.at("categories").dump());
            if (body.contains("note"))
                bind_text(insert_report_, 10, body["note"].get<std::string>());
            else
                sqlite3_bind_null(insert_report_, 10);
            step_done(db_, insert_report_);
            ++reports_added;
        }
        for (const auto& r : refusals) {
            sqlite3_bind_int64(insert_refusal_, 1, to_epoch_ms(r.heard));
            bind_text(insert_refusal_, 2, r.source);
            bind_text(insert_refusal_, 3, r.reason);
            bind_text(insert_refusal_, 4, r.topic);
            bind_text(insert_refusal_, 5, r.detail);
            step_done(db_, insert_refusal_);
        }
    });
    if (reports_ >= 0) reports_ += reports_added; // committed: the count follows
    return ids;
}

void EventLog::replay(TimePoint since, const std::function<void(std::int64_t, const EventRecord&)>& visit) const {
    // The same rows as "WHERE heard_ms>=? ORDER BY id", but read as a range of ids from the
    // first one heard since then, found in the time index: asked in id order, SQLite walks the
    // whole table instead (3.4 s for the last day's 86,400 of six million events, against
    // 0.07 s; 6.5 s at a start-up without a snapshot with ten million).
    auto st = prepare_once(db_, "SELECT id,heard_ms,kind,station,actor,zone,body FROM events "
                                "WHERE id>=(SELECT min(id) FROM events INDEXED BY events_by_time WHERE heard_ms>=?1) "
                                "AND heard_ms>=?1 ORDER BY id");
    sqlite3_bind_int64(st.get(), 1, to_epoch_ms(since));
    visit_events(st.get(), visit);
}

void EventLog::replay_after(std::int64_t last_event,
                            const std::function<void(std::int64_t, const EventRecord&)>& visit) const {
    auto st = prepare_once(db_, "SELECT id,heard_ms,kind,station,actor,zone,body FROM events WHERE id>? ORDER BY id");
    sqlite3_bind_int64(st.get(), 1, last_event);
    visit_events(st.get(), visit);
}

void EventLog::replay_between(TimePoint from, TimePoint until,
                              const std::function<void(std::int64_t, const EventRecord&)>& visit) const {
    auto st = prepare_once(db_, "SELECT id,heard_ms,kind,station,actor,zone,body FROM events WHERE heard_ms>=? AND heard_ms<? "
                                "ORDER BY id");
    sqlite3_bind_int64(st.get(), 1, to_epoch_ms(from));
    sqlite3_bind_int64(st.get(), 2, to_epoch_ms(until));
    visit_events(st.get(), visit);
}

void EventLog::store_alert_steps(const std::vector<AlertStepRecord>& steps) {
    if (steps.empty()) return;
    auto* st = insert_alert_step_;
    derived_transaction([&] {
        for (const auto& a : steps) {
            bind_text(st, 1, a.alert_id);
            sqlite3_bind_int(st, 2, a.step);
            sqlite3_bind_int64(st, 3, to_epoch_ms(a.at));
            bind_text(st, 4, a.what);
            bind_text(st, 5, a.by);
            bind_text(st, 6, a.severity);
            bind_text(st, 7, a.detail);
            bind_text(st, 8, a.rule);
            bind_text(st, 9, a.station);
            bind_text_or_null(st, 10, a.zone);
            step_done(db_, st);
        }
    });
}

void EventLog::store_dispatches(const std::vector<Dispatch>& dispatches) {
    if (dispatches.empty()) return;
    auto statement = prepare_once(db_, "INSERT OR REPLACE INTO dispatches(dispatch_id,alert_id,team,station,zone,by,severity,"
                                       "persons,categories,state,raised_ms,acknowledged_ms,dispatched_ms,answer_due_ms,answered_ms,"
                                       "on_scene_ms,finished_ms,outcome,referred_to,gender,age_band,outcome_persons) "
                                       "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    auto* st = statement.get();
    auto bind_time = [&](int i, const std::optional<TimePoint>& t) {
        if (t) sqlite3_bind_int64(st, i, to_epoch_ms(*t));
        else sqlite3_bind_null(st, i);
    };
    derived_transaction([&] {
        for (const auto& d : dispatches) {
            bind_text(st, 1, d.id);
            bind_text(st, 2, d.alert);
            bind_text(st, 3, d.team);
            bind_text(st, 4, d.station);
            bind_text(st, 5, d.zone);
            bind_text(st, 6, d.by);
            bind_text(st, 7, std::string(severity_name(d.severity)));
            sqlite3_bind_int(st, 8, d.persons);
            bind_text(st, 9, nlohmann::json(d.categories).dump());
            bind_text(st, 10, std::string(dispatch_state_name(d.state)));
            bind_time(11, d.raised_at);
            bind_time(12, d.acknowledged_at);
            bind_time(13, d.dispatched_at);
            bind_time(14, d.answer_due);
            bind_time(15, d.answered_at);
            bind_time(16, d.on_scene_at);
            bind_time(17, d.finished_at);
            bind_text_or_null(st, 18, d.outcome);
            bind_text_or_null(st, 19, d.referred_to);
            bind_text_or_null(st, 20, d.gender);
            bind_text_or_null(st, 21, d.age_band);
            if (d.state == DispatchState::completed) sqlite3_bind_int(st, 22, d.outcome_persons);
            else sqlite3_bind_null(st, 22);
            step_done(db_, st);
        }
    });
}

std::vector<Dispatch> EventLog::dispatches_between(TimePoint from, TimePoint to) const {
    auto st = prepare_once(db_, "SELECT dispatch_id,alert_id,team,station,zone,by,severity,persons,categories,state,"
                                "raised_ms,acknowledged_ms,dispatched_ms,answer_due_ms,answered_ms,on_scene_ms,finished_ms,"
                                "outcome,referred_to,gender,age_band,outcome_persons FROM dispatches "
                                "WHERE dispatched_ms>=? AND dispatched_ms<? ORDER BY dispatched_ms, dispatch_id");
    sqlite3_bind_int64(st.get(), 1, to_epoch_ms(from));
    sqlite3_bind_int64(st.get(), 2, to_epoch_ms(to));
    auto time_at = [&](int i) -> std::optional<TimePoint> {
        if (sqlite3_column_type(st.get(), i) == SQLITE_NULL) return std::nullopt;
        return from_epoch_ms(sqlite3_column_int64(st.get(), i));
    };
    std::vector<Dispatch> out;
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
        auto* s = st.get();
        Dispatch d;
        d.id = column_text(s, 0);
        d.alert = column_text(s, 1);
        d.team = column_text(s, 2);
        d.station = column_text(s, 3);
        d.zone = column_text(s, 4);
        d.by = column_text(s, 5);
        d.severity = severity_from_name(column_text(s, 6)).value_or(Severity::minor);
        d.persons = sqlite3_column_int(s, 7);
        d.categories = nlohmann::json::parse(column_text(s, 8)).get<std::vector<std::string>>();
        d.state = dispatch_state_from_name(column_text(s, 9)).value_or(DispatchState::sent);
        d.raised_at = *time_at(10);
        d.acknowledged_at = time_at(11);
        d.dispatched_at = *time_at(12);
        d.answer_due = *time_at(13);
        d.answered_at = time_at(14);
        d.on_scene_at = time_at(15);
        d.finished_at = time_at(16);
        d.outcome = column_text(s, 17);
        d.referred_to = column_text(s, 18);
        d.gender = column_text(s, 19);
        d.age_band = column_text(s, 20);
        d.outcome_persons = sqlite3_column_int(s, 21);
        out.push_back(std::move(d));
    }
    return out;
}

void EventLog::save_snapshot(std::int64_t last_event, TimePoint saved, const std::string& body) {
    auto st = prepare_once(db_, "INSERT INTO snapshots(last_event,saved_ms,body) VALUES(?,?,?)");
    transaction([&] {
        sqlite3_bind_int64(st.get(), 1, last_event);
        sqlite3_bind_int64(st.get(), 2, to_epoch_ms(saved));
        bind_text(st.get(), 3, body);
        step_done(db_, st.get());
        // Two older ones are kept in case the newest cannot be read.
        exec("DELETE FROM snapshots WHERE id NOT IN (SELECT id FROM snapshots ORDER BY id DESC LIMIT 3)");
    });
}

std::vector<EventLog::Snapshot> EventLog::snapshots() const {
    std::vector<Snapshot> out;
    sqlite3_stmt* st = prepare(db_, "SELECT last_event,saved_ms,body FROM snapshots ORDER BY id DESC");
    while (sqlite3_step(st) == SQLITE_ROW)
        out.push_back(Snapshot{sqlite3_column_int64(st, 0), from_epoch_ms(sqlite3_column_int64(st, 1)), column_text(st, 2)});
    sqlite3_finalize(st);
    return out;
}

std::vector<std::pair<std::int64_t, int>> EventLog::occupancy_series(const std::string& zone, TimePoint since,
                                                                     Millis bucket) const {
    sqlite3_stmt* st = prepare(db_, "SELECT heard_ms, json_extract(body,'$.count') FROM events "
                                    "WHERE zone=? AND kind='occupancy' AND heard_ms>=? ORDER BY heard_ms");
    bind_text(st, 1, zone);
    sqlite3_bind_int64(st, 2, to_epoch_ms(since));
    std::vector<std::pair<std::int64_t, int>> out;
    while (sqlite3_step(st) == SQLITE_ROW) {
        auto at = sqlite3_column_int64(st, 0);
        auto start = at - (at % bucket.count());
        int count = sqlite3_column_int(st, 1);
        if (!out.empty() && out.back().first == start) out.back().second = count;
        else out.emplace_back(start, count);
    }
    sqlite3_finalize(st);
    return out;
}

void EventLog::store_held_back(const std::vector<RefusalsHeldBack>& held) {
    if (held.empty()) return;
    transaction([&] {
        auto st = prepare_once(db_, "INSERT INTO refusals_held_back(from_ms,to_ms,source,reason,count) VALUES(?,?,?,?,?)");
        for (const auto& h : held) {
            sqlite3_bind_int64(st.get(), 1, to_epoch_ms(h.from));
            sqlite3_bind_int64(st.get(), 2, to_epoch_ms(h.to));
            bind_text(st.get(), 3, h.source);
            bind_text(st.get(), 4, std::string(reason_name(h.reason)));
            sqlite3_bind_int64(st.get(), 5, static_cast<std::int64_t>(h.count));
            step_done(db_, st.get());
        }
    });
}

std::int64_t EventLog::event_count() const {
    sqlite3_stmt* st = prepare(db_, "SELECT count(*) FROM events");
    std::int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return n;
}

std::int64_t EventLog::newest_event_id() const {
    sqlite3_stmt* st = prepare(db_, "SELECT coalesce(max(id),0) FROM events");
    std::int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return n;
}

std::int64_t EventLog::report_count() const {
    // data_version changes only when another connection commits; this one's own appends
    // keep reports_ up to date themselves.
    sqlite3_stmt* version = prepare(db_, "PRAGMA data_version");
    std::int64_t now = sqlite3_step(version) == SQLITE_ROW ? sqlite3_column_int64(version, 0) : -1;
    sqlite3_finalize(version);
    if (reports_ >= 0 && now == reports_data_version_) return reports_;
    sqlite3_stmt* st = prepare(db_, "SELECT count(*) FROM guard_reports");
    reports_ = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    reports_data_version_ = now;
    return reports_;
}

} // namespace platslage
