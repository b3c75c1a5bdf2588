#include "alert_history.hpp"

#include "local_time.hpp"

namespace platslage::console {

namespace {
// A protocol code as words: "team_accepted" → "team accepted".
std::string words(std::string code) {
    for (auto& c : code)
        if (c == '_') c = ' ';
    return code;
}

std::string step_line(const AlertView::Step& s) {
    std::string line = local_clock_time(s.at) + "  " + (s.what == "team_outcome" ? "team's outcome" : words(s.what));
    if (!s.by.empty() && s.by != "hub") line += " by " + s.by;
    if (s.detail.empty()) return line;
    // A team's outcome and a resolve begin with an outcome code ("support_accepted", or
    // "handled_by_guard: …" with the operator's note after it): the code in words, the note as written.
    if (s.what == "team_outcome" || s.what == "resolved") {
        auto colon = s.detail.find(':');
        return line + ": " + words(s.detail.substr(0, colon)) + (colon == std::string::npos ? "" : s.detail.substr(colon));
    }
    return line + ": " + s.detail;
}
} // namespace

std::vector<std::string> history_lines(const AlertView& a) {
    std::vector<std::string> lines;
    const auto shown = static_cast<int>(a.history.size());
    for (int i = 0; i < shown; ++i) {
        lines.push_back(step_line(a.history[static_cast<std::size_t>(i)]));
        if (i == 0 && a.steps > shown)
            lines.push_back("  … " + std::to_string(a.steps - shown) + " earlier steps not shown (every step is in the log)");
    }
    return lines;
}

} // namespace platslage::console
