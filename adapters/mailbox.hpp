#pragma once
// Hands items from a library's thread (Paho's callback thread) to a loop that polls
// ZeroMQ sockets: a locked queue plus an eventfd the loop can poll beside its sockets.
// No socket ever crosses a thread.
#include <sys/eventfd.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace platslage {

//
// Bounded: with `capacity` items waiting, push() waits for the loop to take some. The library's
// thread then stops reading its socket, and the sender (the broker) holds the rest, so a
// flood cannot grow the hub's memory without limit.
template <class T>
class Mailbox {
public:
    explicit Mailbox(std::size_t capacity = 20000) : capacity_(capacity), fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
        if (fd_ < 0) throw std::runtime_error("eventfd failed");
    }
    ~Mailbox() {
        close();
        ::close(fd_);
    }
    Mailbox(const Mailbox&) = delete;
    Mailbox& operator=(const Mailbox&) = delete;

    void push(T item) {
        {
            std::unique_lock lock(mutex_);
            room_.wait(lock, [&] { return items_.size() < capacity_ || closed_; });
            items_.push_back(std::move(item));
        }
        wake();
    }

    // No more waiting for room: the loop is stopping; what is pushed now is kept but not taken.
    // Call it before stopping the threads that push, so none of them waits for ever.
    void close() {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        room_.notify_all();
    }

    // Also safe from a signal handler: write(2) on an eventfd is async-signal-safe.
    void wake() const {
        std::uint64_t one = 1;
        [[maybe_unused]] auto n = ::write(fd_, &one, sizeof one);
    }

    std::vector<T> take(std::size_t max) {
        std::uint64_t drained;
        [[maybe_unused]] auto n = ::read(fd_, &drained, sizeof drained);
        std::lock_guard lock(mutex_);
        std::vector<T> out;
        while (!items_.empty() && out.size() < max) {
            out.push_back(std::move(items_.front()));
            items_.pop_front();
        }
        if (!items_.empty()) wake(); // more than one batch waiting: come back at once
        room_.notify_all();
        return out;
    }

    // Something waits to be taken (a moment's answer: a push may follow at once).
    bool waiting() const {
        std::lock_guard lock(mutex_);
        return !items_.empty();
    }

    int fd() const { return fd_; }

private:
    std::size_t capacity_;
    int fd_;
    mutable std::mutex mutex_;
    std::condition_variable room_;
    bool closed_ = false;
    std::deque<T> items_;
};

} // namespace platslage
