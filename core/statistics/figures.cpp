#include "figures.hpp"

#include <charconv>
#include <cmath>
#include <algorithm>

namespace platslage {

namespace {
constexpr std::string_view minutes_prefix = "minutes:";
}

std::string minutes_key(std::int64_t minutes) { return std::string(minutes_prefix) + std::to_string(minutes); }

void Figures::add(const FigureKey& k, std::int64_t n) {
    if (n == 0) return;
    counts_[k] += n;
}

void Figures::merge(const Figures& other) {
    for (const auto& [k, n] : other.counts_) add(k, n);
}

template <class Visit>
void Figures::each(const FigureFilter& f, std::string_view measure, Visit&& visit) const {
    // Keys sort by period first: only that period's range is walked.
    auto it = counts_.lower_bound(FigureKey{f.period, "", "", "", ""});
    for (; it != counts_.end() && it->first.period == f.period; ++it) {
        const auto& k = it->first;
        if (k.measure != measure) continue;
        if (!f.station.empty() && k.station != f.station) continue;
        if (!f.zone.empty() && k.zone != f.zone) continue;
        visit(k, it->second);
    }
}

std::int64_t Figures::get(const FigureFilter& f, std::string_view measure, std::string_view key) const {
    std::int64_t sum = 0;
    each(f, measure, [&](const FigureKey& k, std::int64_t n) {
        if (k.key == key) sum += n;
    });
    return sum;
}

std::map<std::int64_t, std::int64_t> Figures::histogram(const FigureFilter& f, std::string_view measure) const {
    std::map<std::int64_t, std::int64_t> out;
    each(f, measure, [&](const FigureKey& k, std::int64_t n) {
        if (!k.key.starts_with(minutes_prefix)) return;
        std::int64_t minutes = 0;
        auto text = std::string_view(k.key).substr(minutes_prefix.size());
        std::from_chars(text.data(), text.data() + text.size(), minutes);
        out[minutes] += n;
    });
    return out;
}

std::optional<double> quantile(const std::map<std::int64_t, std::int64_t>& histogram, double q) {
    std::int64_t total = 0;
    for (const auto& [m, n] : histogram) total += n;
    if (total == 0) return std::nullopt;
    // The smallest value with at least q of all values at or below it.
    auto rank = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(q * static_cast<double>(total))));
    std::int64_t seen = 0;
    for (const auto& [m, n] : histogram) {
        seen += n;
        if (seen >= rank) return static_cast<double>(m);
    }
    return static_cast<double>(histogram.rbegin()->first);
}

} // namespace platslage
