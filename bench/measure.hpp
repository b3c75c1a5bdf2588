#pragma once
// What a benchmark run reports: how many messages, how long, and the spread of their delays.
#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace platslage::bench {

struct Spread {
    double p50 = 0, p99 = 0, max = 0; // milliseconds
};

// Percentiles by rank (nearest-rank), so p99 of 100 values is the 99th value, not a mean.
inline Spread spread(std::vector<double> ms) {
    if (ms.empty()) return {};
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) {
        auto rank = static_cast<std::size_t>(q * static_cast<double>(ms.size()) + 0.999999);
        return ms[std::clamp<std::size_t>(rank, 1, ms.size()) - 1];
    };
    return {at(0.50), at(0.99), ms.back()};
}

// One line of the report: a path through the system, or the raw library it stands on.
struct Result {
    std::string path;     // "hub: guard report → receipt"
    std::string baseline; // what to compare with: the raw path's `path`, empty for a raw path
    std::size_t messages = 0;
    double seconds = 0;
    Spread delay; // empty when the path has no per-message delay
    bool has_delay = false;
    bool paced = false; // sent at a set pace: its rate says nothing, its delay everything
    std::vector<double> round_rates; // when measured in rounds: each round's rate, in order
    std::map<std::string, double> cpu_us_per_message; // the hub's rows: its CPU a message by thread (thread_cpu.hpp)
    double per_second() const { return seconds > 0 ? static_cast<double>(messages) / seconds : 0; }
};

// Runs `measure` `rounds` times and keeps the round with the median rate (`rate_of` the
// round's result), with every round's rate beside it. One round on a shared machine can land
// in a quiet or a busy second: a raw baseline swung by half between runs, more than the
// difference it was there to show.
template <class Measure, class RateOf>
auto median_round(int rounds, Measure measure, RateOf rate_of) {
    using Run = decltype(measure(0));
    std::vector<Run> runs;
    std::vector<double> rates;
    for (int r = 0; r < std::max(rounds, 1); ++r) {
        runs.push_back(measure(r));
        rates.push_back(rate_of(runs.back()).per_second());
    }
    std::vector<std::size_t> order(runs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rates[a] < rates[b]; });
    Run median = runs[order[order.size() / 2]];
    rate_of(median).round_rates = rates;
    return median;
}

} // namespace platslage::bench
