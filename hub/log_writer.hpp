#pragma once
// Stores the input desk's batches in the event log on a thread of its own, so that the loop
// reads and checks the next batch while SQLite inserts this one and waits for the disk
// (docs/performance.md, "the store beside the loop"). The order of a batch's life does not
// change: stored first, then folded into the picture, published and receipted.
//
// One batch at a time, handed over and taken back by the loop: between write() and
// collect() the log's connection belongs to this thread and the loop must not touch it
// (Hub::run keeps every other use of the log outside that span). The mutex that hands a
// batch over and its outcome back orders each side's use of the connection after the other's.
#include "event_log.hpp"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace platslage {

class LogWriter {
public:
    struct Outcome {
        std::vector<std::int64_t> ids;      // as EventLog::append gives them (0: already stored)
        std::optional<std::string> failure; // set: nothing of the batch was stored, and why
    };

    explicit LogWriter(EventLog& log);
    // Lets the batch under way finish (stored or not, its outcome is dropped), then stops.
    ~LogWriter();
    LogWriter(const LogWriter&) = delete;
    LogWriter& operator=(const LogWriter&) = delete;

    // Hands a batch over; the loop must have collected the one before. The batch is taken by
    // swapping: `events` and `refusals` come back empty, with the room of an earlier batch, so
    // a steady flow of batches allocates nothing for them.
    void write(std::vector<EventRecord>& events, std::vector<RefusalRecord>& refusals);
    // A batch handed over and not yet collected. Only the loop changes it, so the loop reads
    // it without the lock.
    bool busy() const { return handed_; }
    // Waits for the batch handed over, and gives back the log with its outcome.
    Outcome collect();
    // Readable from the batch's end until it is collected: the loop polls it beside its sockets.
    int fd() const { return fd_; }

private:
    struct Batch {
        std::vector<EventRecord> events;
        std::vector<RefusalRecord> refusals;
    };
    void run();

    EventLog& log_;
    int fd_;
    std::mutex mutex_;
    std::condition_variable wake_;
    Batch batch_;        // the batch handed over; the thread reads it unlocked while handed_ and not done_
    bool handed_ = false; // batch_ holds a batch not yet collected; set and cleared by the loop, under the lock
    std::optional<Outcome> done_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace platslage
