#pragma once
// One polled camera's run of failed polls, so that a camera that stops answering is logged
// once when it stops (and again only if the trouble changes: from timeouts to 500s, say)
// and once when it answers again, not on every poll of a night-long outage. Every failure
// is still counted by the caller. Pure: steady time is handed in.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace platslage::counters {

struct OutageEnded {
    std::uint64_t failed_polls = 0;
    std::chrono::steady_clock::duration lasted{};
};

class CameraOutage {
public:
    using Time = std::chrono::steady_clock::time_point;

    // A poll that gave no reading, and why ("timeout", "http_status", "malformed_json", ...).
    // True when it is worth a log line: the first failure of an outage, or another reason.
    bool failed(std::string_view reason, Time now);
    // A poll that gave a reading. When that ends an outage: how long it was.
    std::optional<OutageEnded> answered(Time now);
    bool out() const { return failed_polls_ > 0; }

private:
    std::uint64_t failed_polls_ = 0;
    std::string reason_;
    Time since_{};
};

} // namespace platslage::counters
