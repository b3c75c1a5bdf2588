#include "topic_filter.hpp"

#include <vector>

namespace platslage::counters {

namespace {
std::vector<std::string_view> levels(std::string_view s) {
    std::vector<std::string_view> out;
    for (std::size_t start = 0;;) {
        auto slash = s.find('/', start);
        out.push_back(s.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos) return out;
        start = slash + 1;
    }
}
} // namespace

bool is_topic_filter(std::string_view filter) {
    if (filter.empty()) return false;
    auto parts = levels(filter);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto p = parts[i];
        if (p.find_first_of("+#") == std::string_view::npos) continue;
        if (p.size() != 1) return false;
        if (p == "#" && i + 1 != parts.size()) return false;
    }
    return true;
}

bool topic_matches(std::string_view filter, std::string_view topic) {
    if (topic.empty() || topic.find_first_of("+#") != std::string_view::npos) return false;
    if (topic.front() == '$' && !filter.empty() && (filter.front() == '+' || filter.front() == '#')) return false;
    auto f = levels(filter), t = levels(topic);
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] == "#") return true; // "a/#" also matches "a"
        if (i >= t.size()) return false;
        if (f[i] != "+" && f[i] != t[i]) return false;
    }
    return f.size() == t.size();
}

} // namespace platslage::counters
