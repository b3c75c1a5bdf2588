// Night shelter counts: checked like every input from outside, and the latest per shelter
// is in the picture with its free places.
#include "fixtures.hpp"
#include "event_record.hpp"
#include "situation.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using namespace std::chrono_literals;

namespace {
const TimePoint now = test::at("2026-01-13T21:30:00Z");

std::optional<RejectReason> refusal(const std::string& payload) {
    auto r = parse_shelter_reading(payload, now);
    return r ? std::nullopt : std::optional(r.rejection().reason);
}
} // namespace

TEST_CASE("a shelter count is checked field by field") {
    auto ok = parse_shelter_reading(R"({"shelter":"convictus","ts":"2026-01-13T22:30:00+01:00","places":20,"occupied":19})", now);
    REQUIRE(ok);
    CHECK(ok->occupied == 19);
    CHECK(refusal(R"({"shelter":"hotel","ts":"2026-01-13T22:30:00+01:00","places":20,"occupied":1})") == RejectReason::bad_value);
    CHECK(refusal(R"({"shelter":"convictus","ts":"2026-01-13T22:30:00+01:00","places":20,"occupied":21})") == RejectReason::bad_value);
    CHECK(refusal(R"({"shelter":"convictus","ts":"2026-01-13T22:30:00+01:00","places":"20","occupied":1})") == RejectReason::wrong_type);
    CHECK(refusal(R"({"shelter":"convictus","ts":"2026-01-13T22:30:00+01:00","places":20})") == RejectReason::missing_field);
    CHECK(refusal(R"({"shelter":"convictus","ts":"2026-01-13T22:30:00+01:00","places":20,"occupied":1,"guest":"x"})") ==
          RejectReason::unknown_field);
    CHECK(refusal(R"({"shelter":"convictus","ts":"2026-01-14T22:30:00+01:00","places":20,"occupied":1})") ==
          RejectReason::bad_timestamp);
}

TEST_CASE("the picture shows each shelter's latest count and its free places; a late older count is ignored") {
    Situation s(test::real_maps(), SituationSettings{});
    s.record(ShelterReading{"filadelfia", now, 50, 41}, now);
    auto shown = nlohmann::json::parse(*s.state().find("shelter/filadelfia"));
    CHECK(shown["free"] == 9);
    CHECK(shown["name"] == "Filadelfia (Slakthusområdet)");
    s.record(ShelterReading{"filadelfia", now + 10min, 55, 55}, now + 10min); // a surge night: more places, all taken
    s.record(ShelterReading{"filadelfia", now + 5min, 50, 30}, now + 11min);
    shown = nlohmann::json::parse(*s.state().find("shelter/filadelfia"));
    CHECK(shown["places"] == 55);
    CHECK(shown["free"] == 0);
    // Stored and replayed like every event.
    auto record = to_record(Event{ShelterReading{"convictus", now, 20, 3}}, test::real_maps(), now);
    CHECK(record.kind == "shelter");
    auto back = from_record(record, test::real_maps());
    REQUIRE(back);
    CHECK(std::get<ShelterReading>(back.value()).occupied == 3);
}
