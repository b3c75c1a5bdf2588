#include "refusal_limiter.hpp"

namespace platslage {

void RefusalLimiter::roll(TimePoint now) {
    if (!started_) {
        started_ = true;
        window_start_ = now;
        return;
    }
    if (now < window_start_ + limits_.window) return;
    const TimePoint end = window_start_ + limits_.window;
    for (const auto& [key, count] : held_back_) ended_.push_back(RefusalsHeldBack{window_start_, end, key.first, key.second, count});
    held_back_.clear();
    kept_by_source_.clear();
    kept_in_window_ = 0;
    window_start_ = now;
}

bool RefusalLimiter::admit(const std::string& source, RejectReason reason, TimePoint now) {
    roll(now);
    const bool known = kept_by_source_.size() < limits_.sources || kept_by_source_.contains(source);
    const std::string name = known ? source : std::string(other_sources);
    auto& kept = kept_by_source_[name];
    if (kept < limits_.per_source && kept_in_window_ < limits_.total) {
        ++kept;
        ++kept_in_window_;
        return true;
    }
    ++held_back_[{name, reason}];
    ++held_back_total_;
    return false;
}

std::vector<RefusalsHeldBack> RefusalLimiter::take_held_back(TimePoint now, bool flush) {
    roll(now);
    if (flush) {
        for (const auto& [key, count] : held_back_) ended_.push_back(RefusalsHeldBack{window_start_, now, key.first, key.second, count});
        held_back_.clear();
    }
    return std::exchange(ended_, {});
}

} // namespace platslage
