#pragma once
// Each zone's people counts over the last day, in buckets of five minutes (the last count
// heard in each), kept as samples arrive: the console's chart is answered from memory in
// microseconds, never by reading the event log while reports wait for their receipts.
#include "clock.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace platslage {

class OccupancyHistory {
public:
    explicit OccupancyHistory(Millis bucket = std::chrono::minutes(5), Millis span = std::chrono::hours(24))
        : bucket_(bucket), span_(span) {}

    // A count heard for a zone. One heard before the newest bucket is placed in its own bucket
    // if that is still kept; the newest count heard in a bucket is its value.
    void record(const std::string& zone, TimePoint heard, int count);

    // (bucket start in ms since 1970, count) of the buckets that overlap (now - span, now],
    // oldest first.
    std::vector<std::pair<std::int64_t, int>> series(const std::string& zone, TimePoint now) const;

    Millis bucket() const { return bucket_; }
    Millis span() const { return span_; }

    nlohmann::json save() const;
    void load(const nlohmann::json& j);

private:
    struct Bucket {
        std::int64_t start_ms;
        int count;
    };
    std::int64_t start_of(TimePoint t) const;

    Millis bucket_;
    Millis span_;
    std::map<std::string, std::deque<Bucket>> zones_;
};

} // namespace platslage
