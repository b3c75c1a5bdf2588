#include "poll_schedule.hpp"

#include <algorithm>

namespace platslage::counters {

PollSchedule::PollSchedule(const std::vector<std::chrono::seconds>& periods, Time start) {
    turns_.reserve(periods.size());
    for (auto p : periods) turns_.push_back({std::chrono::duration_cast<std::chrono::steady_clock::duration>(p), start});
}

std::vector<std::size_t> PollSchedule::take_due(Time now) {
    std::vector<std::size_t> due;
    for (std::size_t i = 0; i < turns_.size(); ++i) {
        auto& t = turns_[i];
        if (t.next > now) continue;
        due.push_back(i);
        t.next += t.every;
        if (t.next <= now) t.next = now + t.every; // fell behind: no burst of make-up polls
    }
    return due;
}

PollSchedule::Time PollSchedule::next_due() const {
    if (turns_.empty()) return Time::max();
    return std::min_element(turns_.begin(), turns_.end(), [](const Turn& a, const Turn& b) { return a.next < b.next; })->next;
}

} // namespace platslage::counters
