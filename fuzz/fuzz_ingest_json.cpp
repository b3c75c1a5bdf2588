// The JSON bodies sensors and feeds push to the hub's PULL socket: occupancy samples,
// weather readings and night-shelter counts, then stored and read back as the event log does.
//
// Input: one selector byte ('0' occupancy, '1' weather, '2' shelter), then the JSON body.
// An occupancy sample is read by both of the hub's readers (SampleReader's quick path and the
// full one), which must agree on every input: the same sample, or the same refusal.
#include "event_round_trip.hpp"
#include "harness.hpp"
#include "occupancy.hpp"
#include "sample_reader.hpp"
#include "shelter.hpp"
#include "topic.hpp"
#include "weather.hpp"

#include <algorithm>
#include <cmath>

using namespace platslage;
using namespace platslage::fuzz;

namespace {

void check(const OccupancySample& s) {
    FUZZ_REQUIRE(is_actor_id(s.sensor));
    FUZZ_REQUIRE(maps().find(s.zone) != nullptr);
    FUZZ_REQUIRE(s.ts <= now() + clock_ahead);
    FUZZ_REQUIRE(s.count >= 0 && s.count <= max_occupancy);
}

void check(const WeatherReading& w) {
    FUZZ_REQUIRE(is_actor_id(w.source));
    FUZZ_REQUIRE(w.ts <= now() + clock_ahead);
    FUZZ_REQUIRE(w.temperature_c || w.warning_class);
    FUZZ_REQUIRE(!w.temperature_c || (std::isfinite(*w.temperature_c) && *w.temperature_c >= -60.0 && *w.temperature_c <= 50.0));
    FUZZ_REQUIRE(!w.warning_class || (*w.warning_class >= 0 && *w.warning_class <= 3));
}

void check(const ShelterReading& s) {
    FUZZ_REQUIRE(std::any_of(known_shelters.begin(), known_shelters.end(),
                             [&](const KnownShelter& k) { return k.id == s.shelter; }));
    FUZZ_REQUIRE(s.ts <= now() + clock_ahead);
    FUZZ_REQUIRE(s.places >= 1 && s.places <= 500);
    FUZZ_REQUIRE(s.occupied >= 0 && s.occupied <= s.places);
}

template <class T>
void take(const Checked<T>& parsed) {
    if (!accepted(parsed)) return;
    check(parsed.value());
    check_log_round_trip(Event{parsed.value()});
}

// The quick path may only take what the full reader takes, as the full reader reads it.
void both_readers(std::string_view body) {
    static SampleReader reader;
    auto full = parse_occupancy_sample(body, maps(), now());
    auto quick = reader.read(body, maps(), now());
    FUZZ_REQUIRE(bool(full) == bool(quick));
    if (full) {
        FUZZ_REQUIRE(quick->sensor == full->sensor && quick->zone == full->zone);
        FUZZ_REQUIRE(quick->ts == full->ts && quick->count == full->count);
    } else {
        FUZZ_REQUIRE(quick.rejection().reason == full.rejection().reason);
        FUZZ_REQUIRE(quick.rejection().detail == full.rejection().detail);
    }
    take(full);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto [which, body] = choose(as_text(data, size), 3);
    switch (which) {
    case 0: both_readers(body); break;
    case 1: take(parse_weather_reading(body, now())); break;
    default: take(parse_shelter_reading(body, now())); break;
    }
    return 0;
}
