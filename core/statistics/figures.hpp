#pragma once
// Every follow-up figure is a count: of reports, of people, of nights, of alerts that took so
// many minutes to reach. Counts add up across months, stations, zones and the rows a purge
// removes, so the figures kept after raw rows are gone (hub/event_log_figures.cpp) give the
// same tables as the rows did. Medians and percentiles come from minute histograms, which
// add up as well.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace platslage {

struct FigureKey {
    std::string period;  // "2026-11" or "2026-W48" (period.hpp)
    std::string station; // "" for what belongs to no station (the night shelters)
    std::string zone;    // "" for what belongs to no zone
    std::string measure; // "reports", "persons", "outreach", ... (docs/statistics.md)
    std::string key;     // what within the measure: "observation", "women", "minutes:17"
    auto operator<=>(const FigureKey&) const = default;
};

// Which figures to read: a period, and "" for every station or zone.
struct FigureFilter {
    std::string period;
    std::string station;
    std::string zone;
};

class Figures {
public:
    void add(const FigureKey& k, std::int64_t n);
    void merge(const Figures& other);

    // The sum over every station and zone the filter lets through.
    std::int64_t get(const FigureFilter& f, std::string_view measure, std::string_view key) const;
    // A minute histogram (keys "minutes:N"): minutes → how many.
    std::map<std::int64_t, std::int64_t> histogram(const FigureFilter& f, std::string_view measure) const;

    const std::map<FigureKey, std::int64_t>& all() const { return counts_; }
    bool empty() const { return counts_.empty(); }
    bool operator==(const Figures&) const = default;

private:
    template <class Visit>
    void each(const FigureFilter& f, std::string_view measure, Visit&& visit) const;

    std::map<FigureKey, std::int64_t> counts_;
};

// "minutes:17": the histogram key of a duration in whole minutes.
std::string minutes_key(std::int64_t minutes);

// The q-quantile (0.5: median) of a histogram by nearest rank; none when it is empty.
std::optional<double> quantile(const std::map<std::int64_t, std::int64_t>& histogram, double q);

} // namespace platslage
