#pragma once
// Counters' samples read at the ingest's rate. Every sample is a small flat object of four
// fields, sent tens of thousands of times a second on a busy night; building a JSON document
// for each was the largest part of the hub's loop. The quick path reads the text in place
// (simdjson's On-Demand parser) and takes only what it can be sure of: plain ASCII, no escape,
// the four fields once each with the right types, nothing after the object. Everything else,
// and every sample that fails a check, goes to parse_occupancy_sample, which names what is
// wrong. So the quick path decides nothing the full reader would decide differently; it only
// decides faster (tests/core/test_sample_reader.cpp and the ingest's fuzz target check both
// readers against each other).
#include "checked.hpp"
#include "clock.hpp"
#include "occupancy.hpp"
#include "zone_map.hpp"

#include <cstddef>
#include <memory>
#include <string_view>

namespace platslage {

class SampleReader {
public:
    SampleReader();
    ~SampleReader();
    SampleReader(const SampleReader&) = delete;
    SampleReader& operator=(const SampleReader&) = delete;

    // As parse_occupancy_sample(payload, zones, now), result and refusal alike.
    Checked<OccupancySample> read(std::string_view payload, const ZoneMap& zones, TimePoint now);

    // How many samples the quick path took, and how many went to the full reader.
    std::size_t quick() const { return quick_; }
    std::size_t full() const { return full_; }

private:
    struct Parser; // simdjson's parser and its padded buffer, kept from sample to sample
    std::unique_ptr<Parser> parser_;
    std::size_t quick_ = 0;
    std::size_t full_ = 0;
};

} // namespace platslage
