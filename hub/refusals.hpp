#pragma once
// The hub's refusals: counted by reason for the status, and kept one by one (a row, a log
// line, a receipt) only within each source's share of a window (core/protocol/refusal_limiter.hpp);
// the rest are stored as counts when their window ends.
#include "hub_context.hpp"
#include "refusal_limiter.hpp"
#include "rejection.hpp"
#include "wire.hpp"

#include <string>

namespace platslage {

class Refusals {
public:
    explicit Refusals(HubContext& hub);

    // Counts a refusal for the status.
    void count(RejectReason reason) { refused_.count(reason); }
    // Whether a refusal from `origin` is kept in full, or only counted.
    bool admit(const std::string& origin, RejectReason reason, TimePoint at) {
        return limiter_.admit(origin, reason, at);
    }
    // Refused inputs beyond their source's share: one row per window, source and reason.
    void store_held_back(TimePoint now, bool flush);
    // Counts, logs and stores a refused command; the ERROR reply for it.
    Frames refuse_command(const Rejection& why, TimePoint now);

    const RejectionCounters& counters() const { return refused_; }
    std::uint64_t held_back_total() const { return limiter_.held_back_total(); }

private:
    HubContext& hub_;
    RejectionCounters refused_;
    RefusalLimiter limiter_;
};

} // namespace platslage
