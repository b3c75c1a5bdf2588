// The LogWriter: the input desk's batches stored on a thread of their own while the loop
// reads the next, one batch at a time, with its outcome handed back to the loop.
#include "hub_parts.hpp"
#include "log_writer.hpp"
#include "time_text.hpp"

#include <doctest/doctest.h>
#include <poll.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace platslage;
using platslage::test::TempDir;

namespace {
const TimePoint t0 = *parse_rfc3339("2026-11-23T23:00:00Z");

EventRecord report(const std::string& id) {
    return EventRecord{"guard_report", "centralen", "hh-07", "centralen.vantytor",
                       R"({"id":")" + id + R"(","ts":"2026-11-23T22:59:00Z","zone":"centralen.vantytor","kind":"observation","persons":1,"categories":["sleeping"]})",
                       t0};
}

bool readable(int fd, int wait_ms) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, wait_ms) == 1 && (p.revents & POLLIN);
}

// Another connection to the same file, as a second writer would be.
struct OtherConnection {
    sqlite3* db = nullptr;
    explicit OtherConnection(const std::filesystem::path& path) { REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK); }
    ~OtherConnection() { sqlite3_close(db); }
    void exec(const char* sql) const { REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK); }
};
} // namespace

TEST_CASE("a batch handed to the log writer is stored while the loop goes on, and its ids come back once") {
    TempDir dir;
    auto file = dir.path / "platslage.db";
    EventLog log(file.string());
    LogWriter writer(log);
    CHECK_FALSE(writer.busy());

    // Another connection holds the write lock: the batch cannot be stored until it lets go,
    // and write() must not wait for that.
    OtherConnection other(file);
    other.exec("BEGIN IMMEDIATE");
    std::vector<EventRecord> events{report("r-1"), report("r-2"), report("r-1")};
    std::vector<RefusalRecord> refusals;
    writer.write(events, refusals);
    CHECK(events.empty()); // taken by swapping
    CHECK(writer.busy());
    CHECK_FALSE(readable(writer.fd(), 200)); // still waiting for the lock
    other.exec("COMMIT");

    REQUIRE(readable(writer.fd(), 5000));
    auto outcome = writer.collect();
    CHECK_FALSE(outcome.failure);
    REQUIRE(outcome.ids.size() == 3);
    CHECK(outcome.ids[0] > 0);
    CHECK(outcome.ids[1] == outcome.ids[0] + 1);
    CHECK(outcome.ids[2] == 0); // the same report again, within the batch
    CHECK_FALSE(writer.busy());
    CHECK_FALSE(readable(writer.fd(), 0)); // collected: the loop is not woken for it again
    CHECK(log.report_count() == 2);

    // The connection is the loop's again, and the writer takes the next batch.
    CHECK(log.event_count() == 2);
    auto last = outcome.ids[1];
    events = {report("r-3")};
    refusals = {RefusalRecord{t0, "mqtt", "malformed_json", "", "not JSON"}};
    writer.write(events, refusals);
    // What came back is the first batch's vector, emptied, with its room: a steady flow of
    // batches allocates nothing for them.
    CHECK(events.empty());
    CHECK(events.capacity() >= 3);
    outcome = writer.collect(); // waits by itself
    CHECK_FALSE(outcome.failure);
    REQUIRE(outcome.ids.size() == 1);
    CHECK(outcome.ids[0] > last);
    CHECK(log.report_count() == 3);
}

TEST_CASE("a batch the log cannot take comes back as a failure with SQLite's reason, and nothing of it is kept") {
    TempDir dir;
    auto file = dir.path / "platslage.db";
    EventLog log(file.string());
    LogWriter writer(log);
    OtherConnection(file).exec(
        "CREATE TRIGGER no_room BEFORE INSERT ON events WHEN NEW.actor='hh-07' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    std::vector<EventRecord> events{report("r-1")};
    std::vector<RefusalRecord> refusals{RefusalRecord{t0, "mqtt", "malformed_json", "", "not JSON"}};
    writer.write(events, refusals);
    auto outcome = writer.collect();
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->find("database or disk is full") != std::string::npos);
    CHECK(outcome.ids.empty());
    CHECK(log.event_count() == 0);
    CHECK(log.report_count() == 0);
}

TEST_CASE("the log writer is used one batch at a time, and finishes the batch under way when it stops") {
    TempDir dir;
    auto file = dir.path / "platslage.db";
    {
        EventLog log(file.string());
        {
            LogWriter writer(log);
            CHECK_THROWS_AS(writer.collect(), std::logic_error);
            std::vector<EventRecord> events{report("r-1")};
            std::vector<RefusalRecord> refusals;
            writer.write(events, refusals);
            events = {report("r-2")};
            CHECK_THROWS_AS(writer.write(events, refusals), std::logic_error);
            CHECK(events.size() == 1); // refused: left as it was
        } // stopped with the batch not collected
        CHECK(log.report_count() == 1);
    }
    EventLog reopened(file.string());
    CHECK(reopened.report_count() == 1);
}

namespace {
// The names of this process's threads, as top -H and the benchmark's CPU by thread see them.
std::vector<std::string> thread_names() {
    std::vector<std::string> names;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
        std::ifstream comm(task.path() / "comm");
        std::string name;
        if (std::getline(comm, name)) names.push_back(name);
    }
    return names;
}
} // namespace

TEST_CASE("the log writer's and the checkpointer's threads carry their names, so a profile tells them from the loop") {
    TempDir dir;
    auto names_before = thread_names();
    CHECK(std::count(names_before.begin(), names_before.end(), "log-writer") == 0);
    {
        EventLog log((dir.path / "platslage.db").string());
        LogWriter writer(log);
        // A thread names itself as it starts: give it the moment it may not have had yet.
        std::vector<std::string> names;
        for (int i = 0; i < 200; ++i) {
            names = thread_names();
            if (std::count(names.begin(), names.end(), "log-writer") == 1 &&
                std::count(names.begin(), names.end(), "wal-checkpoint") == 1)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        CHECK(std::count(names.begin(), names.end(), "log-writer") == 1);
        CHECK(std::count(names.begin(), names.end(), "wal-checkpoint") == 1);
    }
    auto names_after = thread_names();
    CHECK(std::count(names_after.begin(), names_after.end(), "log-writer") == 0);
}
