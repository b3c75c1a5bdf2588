#include "refusals.hpp"

#include <spdlog/spdlog.h>

namespace platslage {

Refusals::Refusals(HubContext& hub)
    : hub_(hub),
      limiter_(RefusalLimits{std::chrono::seconds(hub.cfg.refusal_window_s), static_cast<std::uint32_t>(hub.cfg.refusals_per_source),
                             static_cast<std::uint32_t>(hub.cfg.refusals_total), 1000}) {}

void Refusals::store_held_back(TimePoint now, bool flush) {
    auto held = limiter_.take_held_back(now, flush);
    if (held.empty()) return;
    std::uint64_t n = 0;
    for (const auto& h : held) n += h.count;
    spdlog::warn("refused {} more input(s) from {} source(s) too fast to keep one by one: counted in refusals_held_back", n,
                 held.size());
    try {
        hub_.log.store_held_back(held);
    } catch (const std::exception& e) {
        spdlog::error("event log: counts of refusals not stored: {}", e.what());
    }
}

Frames Refusals::refuse_command(const Rejection& why, TimePoint now) {
    refused_.count(why.reason);
    auto answer = encode_error(std::string(reason_name(why.reason)) + ": " + why.detail);
    if (!limiter_.admit("command", why.reason, now)) return answer;
    spdlog::warn("refused command: {}: {}", reason_name(why.reason), why.detail);
    try {
        hub_.log.append({}, {RefusalRecord{now, "command", std::string(reason_name(why.reason)), {}, why.detail}});
    } catch (const std::exception& e) {
        spdlog::error("event log: refusal not stored: {}", e.what());
    }
    return answer;
}

} // namespace platslage
