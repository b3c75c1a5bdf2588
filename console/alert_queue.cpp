#include "alert_queue.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace platslage::console {

std::vector<const AlertView*> alert_queue(const std::vector<AlertView>& alerts, const AlertFilter& f) {
    std::vector<const AlertView*> out;
    for (const auto& a : alerts) {
        if (!f.station.empty() && a.station != f.station) continue;
        if (a.severity_rank < f.min_severity) continue;
        if (f.open_only && !a.open()) continue;
        out.push_back(&a);
    }
    std::stable_sort(out.begin(), out.end(), [](const AlertView* x, const AlertView* y) {
        if (x->open() != y->open()) return x->open();
        if (x->severity_rank != y->severity_rank) return x->severity_rank > y->severity_rank;
        // RFC 3339 in UTC with milliseconds, as the hub writes it: text order is time order.
        if (x->raised_at != y->raised_at) return x->raised_at < y->raised_at;
        return x->id < y->id;
    });
    return out;
}

bool needs_attention(const AlertView& a) { return a.severity_rank == 3 && a.state == "raised"; }

std::string neighbour(const std::vector<const AlertView*>& queue, const std::string& current, int step) {
    if (queue.empty()) return {};
    auto it = std::find_if(queue.begin(), queue.end(), [&](const AlertView* a) { return a->id == current; });
    if (it == queue.end()) return queue.front()->id;
    auto i = static_cast<long>(it - queue.begin()) + step;
    i = std::clamp(i, 0L, static_cast<long>(queue.size()) - 1);
    return queue[static_cast<std::size_t>(i)]->id;
}

std::string command_json(const std::string& op, const std::string& alert, const std::string& by,
                         const std::vector<std::pair<std::string, std::string>>& extra) {
    nlohmann::json j{{"op", op}, {"alert", alert}, {"by", by}};
    for (const auto& [k, v] : extra)
        if (!v.empty()) j[k] = v;
    return j.dump();
}

std::string rule_title(const std::string& rule) {
    std::string t = rule;
    std::replace(t.begin(), t.end(), '_', ' ');
    if (!t.empty() && t[0] >= 'a' && t[0] <= 'z') t[0] = static_cast<char>(t[0] - 32);
    return t;
}

} // namespace platslage::console
