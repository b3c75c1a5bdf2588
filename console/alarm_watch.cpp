#include "alarm.hpp"

#include "alert_queue.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace platslage::console {

std::vector<std::string> AlarmWatch::update(const std::vector<std::shared_ptr<const AlertView>>& alerts) {
    std::vector<const AlertView*> due;
    for (const auto& a : alerts) {
        if (!needs_attention(*a)) continue;
        auto it = sounded_.find(a->id);
        if (it != sounded_.end() && it->second >= a->reannounced) continue;
        due.push_back(a.get());
    }
    std::sort(due.begin(), due.end(), [](const AlertView* x, const AlertView* y) {
        return x->raised_ms != y->raised_ms ? x->raised_ms < y->raised_ms : x->id < y->id;
    });
    std::vector<std::string> out;
    for (const auto* a : due) {
        sounded_[a->id] = a->reannounced;
        out.push_back(a->id);
    }
    return out;
}

std::vector<std::int16_t> alarm_tone(int rate) {
    // 880 Hz then 660 Hz, 0.3 s each with 0.05 s between: a two-note chime, not a siren.
    const double note_s = 0.30, gap_s = 0.05, fade_s = 0.02;
    const auto note = static_cast<std::size_t>(note_s * rate), gap = static_cast<std::size_t>(gap_s * rate);
    std::vector<std::int16_t> out;
    out.reserve(2 * note + gap);
    for (double hz : {880.0, 660.0}) {
        for (std::size_t i = 0; i < note; ++i) {
            const double t = static_cast<double>(i) / rate;
            const double edge = std::min({1.0, t / fade_s, (note_s - t) / fade_s});
            out.push_back(static_cast<std::int16_t>(std::lround(0.35 * 32767 * edge * std::sin(2 * std::numbers::pi * hz * t))));
        }
        if (hz == 880.0) out.insert(out.end(), gap, 0);
    }
    return out;
}

} // namespace platslage::console
