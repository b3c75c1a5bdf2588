#include "wal_checkpointer.hpp"

#include "thread_name.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <stdexcept>

namespace platslage {

WalCheckpointer::WalCheckpointer(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw std::runtime_error("cannot open database " + path + " for checkpoints: " + msg);
    }
    // A checkpoint waits for the disk as the connection doing it is set to: as the writer's.
    char* err = nullptr;
    if (sqlite3_exec(db_, "PRAGMA synchronous=FULL", nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        sqlite3_close(db_);
        throw std::runtime_error("cannot set up checkpoints of " + path + ": " + msg);
    }
    thread_ = std::thread([this] {
        name_this_thread("wal-checkpoint");
        run();
    });
}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
    sqlite3_close(db_);
}

void WalCheckpointer::serve(sqlite3* writer) { sqlite3_wal_hook(writer, &WalCheckpointer::on_commit, this); }

int WalCheckpointer::on_commit(void* self, sqlite3* writer, const char* schema, int pages) {
    auto* c = static_cast<WalCheckpointer*>(self);
    if (pages < c->last_pages_) c->next_due_at_ = due_every_pages; // the WAL started again
    c->last_pages_ = pages;
    if (pages >= writer_checkpoints_at_pages) {
        // What SQLite's own hook does; a failure here is the writer's next commit's to find.
        sqlite3_wal_checkpoint_v2(writer, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (pages >= c->next_due_at_) {
        c->next_due_at_ = pages + due_every_pages;
        {
            std::lock_guard lock(c->mutex_);
            c->due_ = true;
        }
        c->wake_.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run() {
    bool failing = false;
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return due_ || stopping_; });
        if (stopping_) return;
        due_ = false;
        lock.unlock();
        int rc = sqlite3_wal_checkpoint_v2(db_, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        std::string error = rc == SQLITE_OK ? std::string() : sqlite3_errmsg(db_);
        lock.lock();
        // Busy: another checkpoint (the writer's, a purge's) is under way; the next commit asks again.
        if (rc == SQLITE_OK) {
            ++done_;
            if (failing) spdlog::info("event log: checkpoints go through again");
            failing = false;
        } else if (rc != SQLITE_BUSY) {
            if (!failing) spdlog::warn("event log: checkpoint failed: {}; the write-ahead log grows until it goes through", error);
            failing = true;
        }
    }
}

std::uint64_t WalCheckpointer::done() const {
    std::lock_guard lock(mutex_);
    return done_;
}

} // namespace platslage
