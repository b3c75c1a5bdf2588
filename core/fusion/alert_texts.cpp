#include "alert_texts.hpp"

#include <algorithm>
#include <string_view>

namespace platslage {

std::string AlertTexts::text(const Alert& a) {
    auto& s = shown_[a.id];
    const std::size_t n = a.history.size();
    if (s.raised_at != a.raised_at || s.steps > n) {
        s = Shown{};
        s.raised_at = a.raised_at;
    }
    if (s.steps == 0 && n > 0) {
        s.first = to_json(a.history.front()).dump();
        s.steps = 1;
    }
    // Only the steps since the last time, and of those only the ones that will be shown.
    for (std::size_t i = std::max(s.steps, n > alert_steps_shown ? n - (alert_steps_shown - 1) : std::size_t{1}); i < n; ++i) {
        s.newest.push_back(to_json(a.history[i]).dump());
        if (s.newest.size() > alert_steps_shown - 1) s.newest.pop_front();
    }
    s.steps = n;

    // Written with `history` empty, then the steps put in its place. A quote inside a string
    // is escaped in the text, so this sequence can only be the key itself.
    std::string head = to_published_json_without_steps(a).dump();
    constexpr std::string_view empty = R"("history":[])";
    const auto at = head.find(empty);
    std::string steps;
    if (n > 0) {
        steps = s.first;
        for (const auto& step : s.newest) (steps += ',') += step;
    }
    head.replace(at + empty.size() - 1, 0, steps);
    return head;
}

} // namespace platslage
