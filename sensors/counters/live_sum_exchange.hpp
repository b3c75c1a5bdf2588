#pragma once
// What the HTTP exchanges of the live sum mean, without sockets: a polled camera's answer
// turned into a payload to read or a reason there is none, and a routed push turned into the
// status the pushing side gets back. The HTTP client and server themselves
// (live_sum_poller, live_sum_listener) only move bytes.
#include "counter_router.hpp"
#include "rejection.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace platslage::counters {

// What a GET of a live sum brought back, as the HTTP client saw it.
struct LiveSumAnswer {
    enum class Transport : std::uint8_t { answered, unreachable, timeout, too_large };
    Transport transport = Transport::answered;
    std::string transport_detail; // the client's word for what went wrong, when something did
    int status = 0;
    std::string body;
};

// Why a poll brought back nothing to read: the camera did not answer with a live sum.
enum class PollFailure : std::uint8_t {
    unreachable, // no connection: the camera is off the network, or refuses connections
    timeout,     // no connection or no answer within the camera's timeout
    http_status, // it answered, with something other than 200 OK (401: the credentials)
};
inline constexpr std::size_t poll_failure_count = 3;
std::string_view poll_failure_name(PollFailure f);

struct PollFailed {
    PollFailure failure;
    std::string detail; // one line
};

// The body to read as a live sum; or why there is none (the camera is counted as not
// answering); or a refused payload (it answered, with more than a live sum can be).
using PollOutcome = std::variant<std::string, PollFailed, Rejection>;
PollOutcome read_live_sum_answer(LiveSumAnswer answer);

class PollFailureCounters {
public:
    void count(PollFailure f) { ++counts_[static_cast<std::size_t>(f)]; }
    std::uint64_t of(PollFailure f) const { return counts_[static_cast<std::size_t>(f)]; }
    std::uint64_t total() const;
    // "timeout=1 http_status=2", or "none".
    std::string summary() const;

private:
    std::array<std::uint64_t, poll_failure_count> counts_{};
};

// The answer to a pushed live sum: 204 when it was taken (it moved its zone or set its
// line's baseline), else 400 with one line naming the reason. The pushing side is a camera
// or a relay, so the line says what to fix and never echoes the payload.
struct PushVerdict {
    int status;
    std::string body;
};
PushVerdict push_verdict(const Routed& routed);

} // namespace platslage::counters
