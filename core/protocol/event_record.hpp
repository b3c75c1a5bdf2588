#pragma once
// Every accepted input is an Event. The hub writes each as an EventRecord (one row of the
// event log) and rebuilds the picture at start-up by reading records back through the very
// same checks the wire uses: the log can only ever hold what the protocol allows.
#include "alert_command.hpp"
#include "checked.hpp"
#include "dispatch.hpp"
#include "guard_report.hpp"
#include "occupancy.hpp"
#include "presence.hpp"
#include "shelter.hpp"
#include "weather.hpp"

#include <string>
#include <variant>

namespace platslage {

using Event = std::variant<GuardReport, ShiftEvent, OutreachStatus, DeviceOnline, OccupancySample, WeatherReading, ShelterReading,
                           AlertCommand, DispatchAnswer, DispatchOutcome>;

struct EventRecord {
    std::string kind;    // guard_report | guard_shift | outreach_status | device_online | occupancy |
                         // weather | shelter | alert_command | dispatch_ack | dispatch_outcome
    std::string station; // empty for weather (the city's) and commands (the alert knows)
    std::string actor;   // device, team or sensor id; the weather source; the operator position
    std::string zone;    // empty when the event has no zone
    std::string body;    // the message in its wire form (JSON)
    TimePoint heard;     // when the hub received it
};

// An MQTT message from a handheld: topic and payload checked together.
Checked<Event> parse_handheld_message(std::string_view topic, std::string_view payload, const ZoneMap& zones,
                                      TimePoint now);

EventRecord to_record(const Event& e, const ZoneMap& zones, TimePoint heard);
// A counter's sample as it came: parse_occupancy_sample keeps nothing but four checked fields
// (no free text, no field it did not read), so the text it accepted is the record as it stands
// and reads back to the same sample. Not written out anew: the counters are the busiest input.
EventRecord to_record(const OccupancySample& s, std::string accepted_text, const ZoneMap& zones, TimePoint heard);
Checked<Event> from_record(const EventRecord& r, const ZoneMap& zones);

} // namespace platslage
