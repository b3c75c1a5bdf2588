#include "event_record.hpp"

namespace platslage {

namespace {
template <class T>
Checked<Event> widen(Checked<T> c) {
    if (!c) return c.rejection();
    return Event{std::move(c).value()};
}

template <class... F>
struct overloaded : F... {
    using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

Checked<Event> parse_for(const Topic& t, std::string_view payload, const ZoneMap& zones, TimePoint now) {
    switch (t.kind) {
    case TopicKind::guard_report: return widen(parse_guard_report(t, payload, zones, now));
    case TopicKind::guard_shift: return widen(parse_shift_event(t, payload, zones, now));
    case TopicKind::outreach_status: return widen(parse_outreach_status(t, payload, zones, now));
    case TopicKind::device_online: return widen(parse_device_online(t, payload, zones, now));
    case TopicKind::outreach_ack: return widen(parse_dispatch_answer(t, payload, zones, now));
    case TopicKind::outreach_outcome: return widen(parse_dispatch_outcome(t, payload, zones, now));
    case TopicKind::guard_receipt:
    case TopicKind::outreach_dispatch:
    case TopicKind::outreach_receipt:
    case TopicKind::hub_notice: break;
    }
    return Rejection{RejectReason::unknown_topic, "the hub publishes on this topic; it does not accept it"};
}
} // namespace

Checked<Event> parse_handheld_message(std::string_view topic, std::string_view payload, const ZoneMap& zones,
                                      TimePoint now) {
    auto t = parse_topic(topic);
    if (!t) return t.rejection();
    return parse_for(*t, payload, zones, now);
}

EventRecord to_record(const Event& e, const ZoneMap& zones, TimePoint heard) {
    return std::visit(
        overloaded{
            [&](const GuardReport& r) { return EventRecord{"guard_report", r.station, r.device, r.zone, to_json(r).dump(), heard}; },
            [&](const ShiftEvent& s) { return EventRecord{"guard_shift", s.station, s.device, "", to_json(s).dump(), heard}; },
            [&](const OutreachStatus& s) { return EventRecord{"outreach_status", s.station, s.team, s.zone, to_json(s).dump(), heard}; },
            [&](const DeviceOnline& d) { return EventRecord{"device_online", d.station, d.device, "", to_json(d).dump(), heard}; },
            [&](const OccupancySample& s) { return to_record(s, to_json(s).dump(), zones, heard); },
            [&](const WeatherReading& w) { return EventRecord{"weather", "", w.source, "", to_json(w).dump(), heard}; },
            [&](const ShelterReading& s) { return EventRecord{"shelter", "", s.shelter, "", to_json(s).dump(), heard}; },
            [&](const AlertCommand& c) { return EventRecord{"alert_command", "", c.by, "", to_json(c).dump(), heard}; },
            [&](const DispatchAnswer& a) { return EventRecord{"dispatch_ack", a.station, a.team, "", to_json(a).dump(), heard}; },
            [&](const DispatchOutcome& o) { return EventRecord{"dispatch_outcome", o.station, o.team, o.zone, to_json(o).dump(), heard}; },
        },
        e);
}

EventRecord to_record(const OccupancySample& s, std::string accepted_text, const ZoneMap& zones, TimePoint heard) {
    const Zone* z = zones.find(s.zone);
    return EventRecord{"occupancy", z ? z->station : "", s.sensor, s.zone, std::move(accepted_text), heard};
}

Checked<Event> from_record(const EventRecord& r, const ZoneMap& zones) {
    if (r.kind == "occupancy") return widen(parse_occupancy_sample(r.body, zones, r.heard));
    if (r.kind == "weather") return widen(parse_weather_reading(r.body, r.heard));
    if (r.kind == "shelter") return widen(parse_shelter_reading(r.body, r.heard));
    if (r.kind == "alert_command") return widen(parse_alert_command(r.body));
    TopicKind kind;
    if (r.kind == "guard_report") kind = TopicKind::guard_report;
    else if (r.kind == "guard_shift") kind = TopicKind::guard_shift;
    else if (r.kind == "outreach_status") kind = TopicKind::outreach_status;
    else if (r.kind == "device_online") kind = TopicKind::device_online;
    else if (r.kind == "dispatch_ack") kind = TopicKind::outreach_ack;
    else if (r.kind == "dispatch_outcome") kind = TopicKind::outreach_outcome;
    else return Rejection{RejectReason::unknown_topic, "unknown event kind '" + r.kind + "' in the log"};
    return parse_for(Topic{r.station, kind, r.actor}, r.body, zones, r.heard);
}

} // namespace platslage
