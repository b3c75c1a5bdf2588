#pragma once
// Copies the event log's write-ahead log back into the database file on a thread of its own,
// with a connection of its own, as SQLite's documentation suggests for a writer that must not
// stall (wal.html, "Application-initiated checkpoints"). Left to SQLite, the commit that takes
// the WAL past 1,000 pages writes them all into the database and waits for the disk twice,
// inside the hub's loop: a few milliseconds added to one turn's receipts, and a twentieth of
// the loop's time at the counters' full rate (docs/performance.md).
//
// After each commit SQLite tells the writer's connection how many pages the WAL holds; each
// time another 1,000 have come, the thread copies them back without waiting for readers or
// the writer (PASSIVE). The WAL starts again from its beginning only at a write that finds
// it all copied back; under a flood of writes the copying never quite catches up, so at
// 4,000 pages the writer copies what is left itself, as SQLite would have (by then a few
// pages, not 1,000). The WAL stays bounded either way.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace platslage {

class WalCheckpointer {
public:
    // Pages added to the WAL after which a checkpoint is due: SQLite's own default.
    static constexpr int due_every_pages = 1000;
    // From this many the writer checkpoints itself.
    static constexpr int writer_checkpoints_at_pages = 4 * due_every_pages;

    // Opens a connection of its own to the database at `path` (which must exist, in WAL mode).
    explicit WalCheckpointer(const std::string& path);
    // Stops the thread after the checkpoint under way, if any, and closes its connection.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Installs itself as `writer`'s WAL hook (in place of SQLite's automatic checkpoints).
    // From then on that connection's commits come from one thread at a time.
    void serve(sqlite3* writer);

    // Checkpoints done on the thread. One that fails is logged once a spell of failures.
    std::uint64_t done() const;

private:
    static int on_commit(void* self, sqlite3* writer, const char* schema, int pages);
    void run();

    sqlite3* db_ = nullptr;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool due_ = false;
    int next_due_at_ = due_every_pages; // pages in the WAL; the writer's thread only
    int last_pages_ = 0;                // the WAL's pages at the last commit; the writer's thread only
    bool stopping_ = false;
    std::uint64_t done_ = 0;
    std::thread thread_;
};

} // namespace platslage
