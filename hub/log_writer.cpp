#include "log_writer.hpp"

#include "thread_name.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <stdexcept>

namespace platslage {

LogWriter::LogWriter(EventLog& log) : log_(log), fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    if (fd_ < 0) throw std::runtime_error("eventfd failed");
    thread_ = std::thread([this] {
        name_this_thread("log-writer");
        run();
    });
}

LogWriter::~LogWriter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    ::close(fd_);
}

void LogWriter::write(std::vector<EventRecord>& events, std::vector<RefusalRecord>& refusals) {
    if (handed_) throw std::logic_error("LogWriter: a batch handed over before the last one was collected");
    {
        std::lock_guard lock(mutex_);
        batch_.events.swap(events);
        batch_.refusals.swap(refusals);
        handed_ = true;
    }
    wake_.notify_all();
}

LogWriter::Outcome LogWriter::collect() {
    if (!handed_) throw std::logic_error("LogWriter: nothing to collect");
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [&] { return done_.has_value(); });
    Outcome out = std::move(*done_);
    done_.reset();
    handed_ = false;
    // The batch's rows are freed here, on the loop's thread, where they were made: freed on the
    // writer's they went to that thread's cache, and the loop kept asking the system for new
    // pages. The vectors keep their room for the next batch.
    batch_.events.clear();
    batch_.refusals.clear();
    std::uint64_t drained;
    [[maybe_unused]] auto n = ::read(fd_, &drained, sizeof drained);
    return out;
}

void LogWriter::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return (handed_ && !done_) || stopping_; });
        if (!handed_ || done_) return; // stopping, with nothing under way
        lock.unlock();
        // The loop leaves batch_ alone until it has collected the outcome.
        Outcome out;
        try {
            out.ids = log_.append(batch_.events, batch_.refusals);
        } catch (const std::exception& e) {
            out.failure = e.what();
        } catch (...) {
            out.failure = "unknown error";
        }
        lock.lock();
        done_ = std::move(out);
        wake_.notify_all();
        std::uint64_t one = 1;
        [[maybe_unused]] auto n = ::write(fd_, &one, sizeof one);
    }
}

} // namespace platslage
