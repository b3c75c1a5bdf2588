#pragma once
// Hands items from a library's thread (Paho's callback thread) to a loop that polls
// ZeroMQ sockets: a locked queue plus an eventfd the loop can poll beside its sockets.
// No socket ever crosses a thread.
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace platslage {

template <class T>
class Mailbox {
public:
    Mailbox() : fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
        if (fd_ < 0) throw std::runtime_error("eventfd failed");
    }
    ~Mailbox() { ::close(fd_); }
    Mailbox(const Mailbox&) = delete;
    Mailbox& operator=(const Mailbox&) = delete;

    void push(T item) {
        {
            std::lock_guard lock(mutex_);
            items_.push_back(std::move(item));
        }
        wake();
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
        return out;
    }

    int fd() const { return fd_; }

private:
    int fd_;
    std::mutex mutex_;
    std::deque<T> items_;
};

} // namespace platslage
