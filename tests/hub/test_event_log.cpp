#include "event_log.hpp"
#include "time_text.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <thread>

using namespace platslage;

namespace {
struct TempDb {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("platslage-eventlog-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db");
    ~TempDb() {
        for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    }
    static inline int counter = 0;
};

const TimePoint t0 = *parse_rfc3339("2026-11-23T23:00:00Z");

// The first column of the first row a query gives, from a connection of its own.
std::string first_text(const std::filesystem::path& db, const char* query) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(h, query, -1, &st, nullptr);
    std::string text;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(h);
    return text;
}

EventRecord report(const std::string& device, const std::string& id, TimePoint heard = t0) {
    return EventRecord{"guard_report", "centralen", device, "centralen.vantytor",
                       R"({"id":")" + id + R"(","ts":"2026-11-23T22:59:00Z","zone":"centralen.vantytor","kind":"observation","persons":1,"categories":["sleeping"]})",
                       heard};
}
} // namespace

TEST_CASE("a new database is created at the current schema version, in WAL mode") {
    TempDb db;
    EventLog log(db.path.string());
    CHECK(log.schema_version() == EventLog::current_schema_version());
    CHECK(first_text(db.path, "PRAGMA journal_mode") == "wal");
}

TEST_CASE("a report is stored once per device and id, also within one batch") {
    TempDb db;
    EventLog log(db.path.string());
    auto ids = log.append({report("hh-1", "a"), report("hh-1", "a"), report("hh-2", "a")}, {});
    REQUIRE(ids.size() == 3);
    CHECK(ids[0] > 0);
    CHECK(ids[1] == 0);
    CHECK(ids[2] > ids[0]);
    CHECK(log.append({report("hh-1", "a")}, {})[0] == 0);
    CHECK(log.report_count() == 2);
    CHECK(log.event_count() == 2);
}

namespace {
void sql(const std::filesystem::path& db, const char* statement) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(h, statement, nullptr, nullptr, &error);
    std::string why = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(h);
    REQUIRE_MESSAGE(rc == SQLITE_OK, why);
}
} // namespace

TEST_CASE("the count of stored reports follows this log's commits, not its failed ones, and sees another connection's") {
    TempDb db;
    EventLog log(db.path.string());
    log.append({report("hh-1", "a")}, {});
    CHECK(log.report_count() == 1); // counted
    log.append({report("hh-1", "b"), report("hh-1", "b")}, {});
    CHECK(log.report_count() == 2); // kept up: the repeat is not a report
    // A batch that fails halfway is rolled back whole, and so is its share of the count.
    sql(db.path, "CREATE TRIGGER no_refusals BEFORE INSERT ON refusals BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    RefusalRecord refused{t0, "mqtt", "bad_json", "platslage/v1/centralen/guard/hh-1/report", "not JSON"};
    CHECK_THROWS(log.append({report("hh-1", "c")}, {refused}));
    CHECK(log.report_count() == 2);
    // Another connection removes a report (a purge from the command line): counted again.
    sql(db.path, "DELETE FROM guard_reports WHERE report_id='a'");
    CHECK(log.report_count() == 1);
}

TEST_CASE("the log reopens with its contents and replays in order from a point in time") {
    TempDb db;
    {
        EventLog log(db.path.string());
        log.append({report("hh-1", "old", t0 - std::chrono::hours(30)), report("hh-1", "new", t0)},
                   {RefusalRecord{t0, "mqtt", "unknown_zone", "platslage/v1/centralen/guard/hh-1/report", "zone 'x'"}});
    }
    EventLog again(db.path.string());
    std::vector<std::int64_t> seen;
    again.replay(t0 - std::chrono::hours(24), [&](std::int64_t id, const EventRecord& r) {
        seen.push_back(id);
        CHECK(r.actor == "hh-1");
        CHECK(r.heard == t0);
    });
    CHECK(seen == std::vector<std::int64_t>{2});
    CHECK(again.event_count() == 2);
}

TEST_CASE("the write-ahead log is copied back on the log's own thread, and stays bounded") {
    TempDb db;
    const auto wal = db.path.string() + "-wal";
    std::uintmax_t largest_wal = 0;
    {
        EventLog log(db.path.string());
        // 48,000 samples of about 1 kB: some 12,000 pages through the WAL, twelve times the
        // point where a checkpoint falls due.
        const std::string body = R"({"sensor":"pc-01","zone":"centralen.vantytor","ts":"2026-11-23T22:59:00Z","count":7,"pad":")" +
                                 std::string(900, 'x') + "\"}";
        for (int batch = 0; batch < 96; ++batch) {
            std::vector<EventRecord> events(500, EventRecord{"occupancy", "centralen", "pc-01", "centralen.vantytor", body,
                                                             t0 + std::chrono::seconds(batch)});
            log.append(events, {});
            largest_wal = std::max(largest_wal, std::filesystem::file_size(wal));
        }
        for (int i = 0; i < 500 && log.background_checkpoints() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        CHECK(log.background_checkpoints() > 0);
        CHECK(log.event_count() == 48000);
    }
    // Bounded: the writer copies back what is left at 4,000 pages (wal_checkpointer.hpp), so
    // the WAL never holds much more than that and a batch, far below the 48 MB written through it.
    CHECK(largest_wal < 4096u * 4400);
    // Closed cleanly: the last connection wrote the WAL back and removed it; nothing is lost.
    CHECK_FALSE(std::filesystem::exists(wal));
    EventLog again(db.path.string());
    CHECK(again.event_count() == 48000);
    CHECK(first_text(db.path, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("a database from a newer hub is refused rather than damaged") {
    TempDb db;
    { EventLog log(db.path.string()); }
    sqlite3* h = nullptr;
    sqlite3_open(db.path.c_str(), &h);
    sqlite3_exec(h, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
    sqlite3_close(h);
    CHECK_THROWS_WITH(EventLog(db.path.string()), doctest::Contains("newer than this hub"));
}

TEST_CASE("a log from before v12 keeps its events, and its kinds stay checked, now without a lookup table per row") {
    TempDb db;
    {
        EventLog log(db.path.string());
        log.append({report("hh-000001", "r-1")}, {});
    }
    // Back to v11 as v6 wrote it: the kinds as an IN list.
    sqlite3* h = nullptr;
    sqlite3_open(db.path.c_str(), &h);
    auto sql_text = [&] {
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(h, "SELECT sql FROM sqlite_schema WHERE name='events'", -1, &st, nullptr);
        std::string text = sqlite3_step(st) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) : "";
        sqlite3_finalize(st);
        return text;
    };
    const std::string v6_kinds = "CHECK (kind IN\n                  ('guard_report','guard_shift','outreach_status',"
                                 "'device_online','occupancy',\n                   'weather','shelter','alert_command',"
                                 "'dispatch_ack','dispatch_outcome'))";
    std::string v11 = sql_text();
    auto from = v11.find("CHECK (kind =");
    REQUIRE(from != std::string::npos);
    v11.replace(from, v11.find("),", from) + 1 - from, v6_kinds);
    sqlite3_stmt* put = nullptr;
    sqlite3_exec(h, "BEGIN; PRAGMA writable_schema=ON", nullptr, nullptr, nullptr);
    sqlite3_prepare_v2(h, "UPDATE sqlite_schema SET sql=? WHERE name='events'", -1, &put, nullptr);
    sqlite3_bind_text(put, 1, v11.c_str(), -1, SQLITE_TRANSIENT);
    REQUIRE(sqlite3_step(put) == SQLITE_DONE);
    sqlite3_finalize(put);
    REQUIRE(sqlite3_exec(h, "PRAGMA schema_version=1000; PRAGMA writable_schema=OFF; PRAGMA user_version=11; COMMIT", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    REQUIRE(sql_text().find("kind IN") != std::string::npos);
    sqlite3_close(h);
    h = nullptr;

    EventLog log(db.path.string());
    CHECK(log.schema_version() == EventLog::current_schema_version());
    CHECK(log.event_count() == 1);
    auto ids = log.append({report("hh-000001", "r-2")}, {});
    CHECK(ids.size() == 1);
    CHECK(ids[0] == 2);
    sqlite3_open(db.path.c_str(), &h);
    const std::string now = sql_text();
    CHECK(now.find("kind IN") == std::string::npos);
    CHECK(now.find("kind = 'dispatch_outcome'") != std::string::npos);
    char* why = nullptr;
    CHECK(sqlite3_exec(h, "INSERT INTO events(heard_ms,kind,station,actor,zone,body) VALUES(1,'invented','centralen','x',NULL,'{}')",
                       nullptr, nullptr, &why) == SQLITE_CONSTRAINT);
    sqlite3_free(why);
    sqlite3_close(h);
    CHECK(first_text(db.path, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("the audit trail keeps each command's position, role, fingerprint and result, per alert in order") {
    TempDb db;
    EventLog log(db.path.string());
    AuditRecord refused{t0, "viewer-1", "viewer", "a9d05249a5e11c45", "resolve", "A-000001", "forbidden"};
    AuditRecord done{t0 + Millis(1500), "kc-2", "operator", "9f3e85493b58a0e6", "resolve", "A-000001", "done"};
    AuditRecord elsewhere{t0 + Millis(2000), "kc-2", "operator", "9f3e85493b58a0e6", "acknowledge", "A-000002", "done"};
    log.append_audit(refused);
    log.append_audit(done);
    log.append_audit(elsewhere);
    CHECK(log.audit_of("A-000001") == std::vector<AuditRecord>{refused, done});
    CHECK(log.audit_of("A-000001", 1) == std::vector<AuditRecord>{done}); // the newest, when cut
    CHECK(log.audit_of("A-000009").empty());
}

TEST_CASE("hotspot hours are kept once per zone and hour, the higher peak when an hour comes again") {
    TempDb db;
    EventLog log(db.path.string());
    const auto h = std::chrono::hours(1);
    log.store_hotspot_hours({{"centralen.vantytor", "centralen", t0, 45}, {"centralen.vantytor", "centralen", t0 + h, 70},
                             {"cityterminalen.vanthall", "cityterminalen", t0, 31}});
    // A replay after a restart offers 23:00 again, lower, and 00:00 again, higher.
    log.store_hotspot_hours({{"centralen.vantytor", "centralen", t0, 40}, {"centralen.vantytor", "centralen", t0 + h, 88}});
    auto hours = log.hotspot_hours_between(t0, t0 + 2 * h);
    REQUIRE(hours.size() == 3);
    CHECK(hours[0] == HotspotHour{"centralen.vantytor", "centralen", t0, 45});
    CHECK(hours[1] == HotspotHour{"cityterminalen.vanthall", "cityterminalen", t0, 31});
    CHECK(hours[2] == HotspotHour{"centralen.vantytor", "centralen", t0 + h, 88});
    CHECK(log.hotspot_hours_between(t0 + h, t0 + 2 * h).size() == 1);
    CHECK(log.hotspot_hours_between(t0 - h, t0).empty());
}
