#pragma once
// The hub stores every accepted event in its event log in wire form and, at start-up, reads
// each record back through the very checks the wire uses (event_record.hpp). An event that
// was accepted once must therefore be accepted from its record and come back unchanged;
// otherwise a restarted hub silently skips it (hub/hub_context.cpp counts it as "no longer fits the maps").
#include "event_record.hpp"
#include "harness.hpp"

namespace platslage::fuzz {

inline void check_log_round_trip(const Event& event) {
    auto record = to_record(event, maps(), now());
    auto back = from_record(record, maps());
    if (!back)
        violated("an accepted event is accepted again from its log record", __FILE__, __LINE__,
                 std::string(reason_name(back.rejection().reason)) + ": " + back.rejection().detail);
    FUZZ_REQUIRE(back.value().index() == event.index());
    auto again = to_record(back.value(), maps(), now());
    FUZZ_REQUIRE(again.kind == record.kind);
    FUZZ_REQUIRE(again.station == record.station);
    FUZZ_REQUIRE(again.actor == record.actor);
    FUZZ_REQUIRE(again.zone == record.zone);
    FUZZ_REQUIRE(again.body == record.body);
}

} // namespace platslage::fuzz
