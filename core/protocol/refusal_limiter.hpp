#pragma once
// Refusing must stay cheap however much bad input arrives. Each source (a device's topic, the
// ingest socket, a ROUTER peer) may have `per_source` refusals in a window kept one by one:
// stored as a row, logged as a line, answered with a receipt. Beyond that, and beyond `total`
// for all sources together, a refusal is only counted; at the end of the window the counts
// are handed over to be stored as one row per source and reason. Memory is bounded too: at
// most `sources` sources are told apart in a window, the rest share one.
#include "clock.hpp"
#include "rejection.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace platslage {

struct RefusalLimits {
    Millis window{std::chrono::seconds(10)};
    std::uint32_t per_source = 20;
    std::uint32_t total = 200;
    std::size_t sources = 1000;
};

// Refusals only counted in one window, from one source, for one reason.
struct RefusalsHeldBack {
    TimePoint from, to;
    std::string source;
    RejectReason reason;
    std::uint64_t count;
};

class RefusalLimiter {
public:
    explicit RefusalLimiter(RefusalLimits limits = {}) : limits_(limits) {}

    // True: keep this refusal in full. False: it has been counted here instead.
    bool admit(const std::string& source, RejectReason reason, TimePoint now);

    // The counts of windows that have ended by `now` (all of them when `flush`), to store.
    std::vector<RefusalsHeldBack> take_held_back(TimePoint now, bool flush = false);

    // Refusals only counted since the start.
    std::uint64_t held_back_total() const { return held_back_total_; }

    static constexpr const char* other_sources = "(other sources)";

private:
    void roll(TimePoint now);

    RefusalLimits limits_;
    TimePoint window_start_{};
    bool started_ = false;
    std::uint32_t kept_in_window_ = 0;
    std::map<std::string, std::uint32_t> kept_by_source_;
    std::map<std::pair<std::string, RejectReason>, std::uint64_t> held_back_;
    std::vector<RefusalsHeldBack> ended_;
    std::uint64_t held_back_total_ = 0;
};

} // namespace platslage
