#include "alert_history.hpp"

#include "local_time.hpp"

namespace platslage::console {

namespace {
std::string step_line(const AlertView::Step& s) {
    std::string line = local_clock_time(s.at) + "  " + s.what;
    if (!s.by.empty() && s.by != "hub") line += " by " + s.by;
    if (!s.detail.empty()) line += ": " + s.detail;
    return line;
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
