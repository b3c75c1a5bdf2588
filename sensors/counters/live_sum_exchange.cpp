#include "live_sum_exchange.hpp"

#include "axis_live_sum.hpp"

namespace platslage::counters {

std::string_view poll_failure_name(PollFailure f) {
    switch (f) {
    case PollFailure::unreachable: return "unreachable";
    case PollFailure::timeout: return "timeout";
    case PollFailure::http_status: return "http_status";
    }
    return "unknown";
}

PollOutcome read_live_sum_answer(LiveSumAnswer answer) {
    using T = LiveSumAnswer::Transport;
    switch (answer.transport) {
    case T::unreachable: return PollFailed{PollFailure::unreachable, "no connection (" + answer.transport_detail + ")"};
    case T::timeout: return PollFailed{PollFailure::timeout, "no answer in time (" + answer.transport_detail + ")"};
    case T::too_large:
        return Rejection{RejectReason::oversize,
                         "an answer over " + std::to_string(live_sum_max_bytes) + " bytes is not a live sum"};
    case T::answered: break;
    }
    if (answer.status == 401 || answer.status == 403)
        return PollFailed{PollFailure::http_status, "HTTP " + std::to_string(answer.status) +
                                                        ": the camera refuses the adapter's credentials (or has none)"};
    if (answer.status == 404)
        return PollFailed{PollFailure::http_status,
                          "HTTP 404: no live sum at this URL (is AXIS People Counter installed and running?)"};
    if (answer.status != 200) return PollFailed{PollFailure::http_status, "HTTP " + std::to_string(answer.status)};
    return std::move(answer.body);
}

std::uint64_t PollFailureCounters::total() const {
    std::uint64_t n = 0;
    for (auto c : counts_) n += c;
    return n;
}

std::string PollFailureCounters::summary() const {
    std::string out;
    for (auto f : {PollFailure::unreachable, PollFailure::timeout, PollFailure::http_status})
        if (of(f) > 0) out += (out.empty() ? "" : " ") + std::string(poll_failure_name(f)) + "=" + std::to_string(of(f));
    return out.empty() ? "none" : out;
}

PushVerdict push_verdict(const Routed& routed) {
    if (routed.refused.empty()) return {204, ""};
    const auto& r = routed.refused.front();
    return {400, "refused (" + std::string(reason_name(r.reason)) + "): " + r.detail + "\n"};
}

} // namespace platslage::counters
