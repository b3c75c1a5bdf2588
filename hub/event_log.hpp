#pragma once
// The SQLite event log: every accepted event, every refusal, guard reports deduplicated
// on (device, id). WAL with synchronous=FULL: a committed report survives a killed hub
// and a lost power supply. The schema is versioned (PRAGMA user_version) and migrated
// forward at open.
#include "agenda.hpp"
#include "event_record.hpp"
#include "log_search.hpp"
#include "meeting.hpp"
#include "refusal_limiter.hpp"
#include "shift_log.hpp"
#include "tally.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace platslage {

class WalCheckpointer;

struct RefusalRecord {
    TimePoint heard;
    std::string source; // "mqtt" | "ingest" | "command"
    std::string reason; // a RejectReason name
    std::string topic;  // MQTT topic, or empty
    std::string detail; // never the payload
};

// One line of the audit trail: who asked for what, and what came of it.
struct AuditRecord {
    TimePoint at;
    std::string position, role, fingerprint, op, target, result;
    bool operator==(const AuditRecord&) const = default;
};

// One step of an alert's life, as partners query it for follow-up.
struct AlertStepRecord {
    std::string alert_id;
    int step = 0;
    TimePoint at;
    std::string what, by, severity, detail, rule, station, zone;
};

class EventLog {
public:
    explicit EventLog(const std::string& path);
    ~EventLog();
    EventLog(const EventLog&) = delete;
    EventLog& operator=(const EventLog&) = delete;

    static int current_schema_version();
    int schema_version() const;

    // One transaction for the whole batch. For each event: its log id, or 0 when it is a
    // guard report already stored (a duplicate delivery). Throws on failure; then nothing
    // of the batch is stored.
    std::vector<std::int64_t> append(const std::vector<EventRecord>& events, const std::vector<RefusalRecord>& refusals);

    // Events heard at or after `since`, in log order.
    void replay(TimePoint since, const std::function<void(std::int64_t id, const EventRecord&)>& visit) const;

    // Events after `last_event` (a snapshot's), in log order.
    void replay_after(std::int64_t last_event, const std::function<void(std::int64_t id, const EventRecord&)>& visit) const;

    // Refusals that were only counted (core/protocol/refusal_limiter.hpp), a row per window, source and reason.
    void store_held_back(const std::vector<RefusalsHeldBack>& held);

    // Steps already stored are left as they are: a replay may offer them again.
    void store_alert_steps(const std::vector<AlertStepRecord>& steps);

    // Each order as it is now (a changed order replaces its row).
    void store_dispatches(const std::vector<Dispatch>& dispatches);
    // Orders sent in [from, to), oldest first.
    std::vector<Dispatch> dispatches_between(TimePoint from, TimePoint to) const;

    // Joint deployment meetings and their notes, each as it is now (event_log_meetings.cpp).
    void store_meeting(const MeetingPlan& p);
    void store_meeting_note(const MeetingNote& n);
    std::vector<MeetingPlan> meetings() const;
    std::vector<MeetingNote> meeting_notes() const;
    // The shift log (event_log_shift.cpp): each note and handover once, read back oldest first.
    void store_shift_note(const ShiftNote& n);
    void store_handover(const Handover& h);
    // The newest `limit` notes written at or after `since`, oldest first.
    std::vector<ShiftNote> shift_notes_since(TimePoint since, std::size_t limit) const;
    std::optional<Handover> newest_handover() const;
    // The highest number given so far to a note ("S-…") and to a handover ("H-…"); 0 for none.
    long long shift_numbered(bool handovers) const;
    // Searching back (event_log_search.cpp): newest first, at most the query's limit; `more`
    // when more were found.
    struct SearchResult {
        std::vector<LogHit> hits;
        bool more = false;
    };
    SearchResult search(const LogQuery& q) const;
    // What an agenda counts: guard reports whose own time is in [from, to), and alerts
    // raised before `to` that were still open at `from` or later, as of `to`.
    std::vector<AgendaReport> reports_between(TimePoint from, TimePoint to) const;
    std::vector<AgendaAlert> alerts_between(TimePoint from, TimePoint to) const;
    // The city's night shelters' readings and the weather heard in [from, to), oldest first.
    std::vector<ShelterReading> shelter_readings_between(TimePoint from, TimePoint to) const;
    std::vector<WeatherReading> weather_readings_between(TimePoint from, TimePoint to) const;

    // The audit trail (event_log_audit.cpp): appended one command at a time; read per alert or
    // meeting, oldest first, at most `limit` of the newest.
    void append_audit(const AuditRecord& r);
    std::vector<AuditRecord> audit_of(const std::string& target, std::size_t limit = 100) const;

    struct Snapshot {
        std::int64_t last_event;
        TimePoint saved;
        std::string body;
    };
    void save_snapshot(std::int64_t last_event, TimePoint saved, const std::string& body);
    // Newest first.
    std::vector<Snapshot> snapshots() const;

    // A zone's people counts heard since `since`, in buckets of `bucket`: the last count in
    // each (ms of the bucket's start, count). For the console's 24-hour chart.
    std::vector<std::pair<std::int64_t, int>> occupancy_series(const std::string& zone, TimePoint since, Millis bucket) const;

    // Events heard in [from, until), in log order.
    void replay_between(TimePoint from, TimePoint until,
                        const std::function<void(std::int64_t id, const EventRecord&)>& visit) const;
    // The follow-up side (event_log_figures.cpp). Every step of the alerts raised in [from,
    // until), by alert and step.
    std::vector<AlertStepFact> alert_steps_raised_between(TimePoint from, TimePoint until) const;
    // Hotspot hours, each once per zone and hour: an hour offered again (a replay after a
    // restart) keeps the higher peak.
    void store_hotspot_hours(const std::vector<HotspotHour>& hours);
    // Those whose hour begins in [from, until), by hour and zone.
    std::vector<HotspotHour> hotspot_hours_between(TimePoint from, TimePoint until) const;
    // The figures of rows earlier purges removed.
    Figures kept_figures(Granularity g) const;
    // Removes what people reported and refusals heard before `cutoff`, and operators' notes on
    // alerts; keeps their figures first, in one transaction (docs/privacy.md).
    struct Purged {
        std::int64_t events = 0, refusals = 0, notes = 0, shift_entries = 0;
        std::size_t unreadable = 0; // purged rows that did not read back, so are in no figure
    };
    Purged purge_before(TimePoint cutoff, const ZoneMap& zones);
    // Off for a bulk load (--import): no sync a transaction, one at the end. On by default.
    void set_durable(bool durable);

    std::int64_t event_count() const; // counts every row: for small logs and tests
    // The newest event's id (0 for none): what a start-up line can say of a log of millions at once.
    std::int64_t newest_event_id() const;
    // Stored guard reports. Counted once, then kept up by this connection's own appends, and
    // counted again when another connection (a purge from the command line) changed the file:
    // the status asks for it on every request, and a winter's reports take tens of ms to count.
    std::int64_t report_count() const;

    // The file this log is in, so another thread can open a connection of its own to it.
    std::string path() const;
    // Stops what this connection is reading now, from any thread: the read throws. For a
    // long count that its owner no longer wants (the hub stopping).
    void interrupt() const;
    // Checkpoints of the write-ahead log done on the log's own thread (wal_checkpointer.hpp);
    // 0 for a log in memory, which has none.
    std::uint64_t background_checkpoints() const;

private:
    void migrate();
    void edit_schema_text(const char* sql, int version);
    // Runs `work` in one transaction: committed if it returns, rolled back if it throws.
    template <class F>
    void transaction(F&& work);
    // For rows the hub derives from the events and writes again at every start (alert steps,
    // orders' response chains): committed without waiting for the disk. The next commit of
    // events, which waits, makes them durable with it (one write-ahead log); only a power cut
    // in between loses them, and the replay at the next start writes them again. One disk
    // flush a turn instead of two.
    template <class F>
    void derived_transaction(F&& work);
    // Runs `work` with a connection setting changed (`set`), and `restore` after it, thrown or not.
    template <class F>
    void with_setting(const char* set, const char* restore, F&& work);
    void exec(const char* sql) const;
    void rollback() const noexcept; // after a failure: nothing to report if it fails too
    void finalize_statements() noexcept; // the ones prepared at open; a null one is skipped

    sqlite3* db_ = nullptr;
    sqlite3_stmt* insert_event_ = nullptr;
    sqlite3_stmt* find_report_ = nullptr;
    sqlite3_stmt* insert_report_ = nullptr;
    sqlite3_stmt* insert_refusal_ = nullptr;
    sqlite3_stmt* insert_alert_step_ = nullptr; // a turn's steps, every turn an alert changes
    std::unique_ptr<WalCheckpointer> checkpointer_; // none for a log in memory
    bool durable_ = true;                        // set_durable
    mutable std::int64_t reports_ = -1;          // report_count()'s, -1 until counted
    mutable std::int64_t reports_data_version_ = 0; // PRAGMA data_version when counted
};

template <class F>
void EventLog::transaction(F&& work) {
    exec("BEGIN IMMEDIATE");
    try {
        work();
        exec("COMMIT");
    } catch (...) {
        rollback();
        throw;
    }
}

template <class F>
void EventLog::with_setting(const char* set, const char* restore, F&& work) {
    exec(set);
    try {
        work();
    } catch (...) {
        exec(restore);
        throw;
    }
    exec(restore);
}

template <class F>
void EventLog::derived_transaction(F&& work) {
    if (!durable_) return transaction(std::forward<F>(work));
    with_setting("PRAGMA synchronous=NORMAL", "PRAGMA synchronous=FULL", [&] { transaction(std::forward<F>(work)); });
}

} // namespace platslage
