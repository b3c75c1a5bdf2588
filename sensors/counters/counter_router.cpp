#include "counter_router.hpp"

#include "axis_live_sum.hpp"
#include "axis_object_analytics.hpp"
#include "topic_filter.hpp"
#include "vendor_fields.hpp"

#include <algorithm>

namespace platslage::counters {

CounterRouter::CounterRouter(const CountersConfig& cfg, std::string xovis_filter)
    : aoa_(cfg.aoa), xovis_filter_(std::move(xovis_filter)), xovis_(cfg.xovis),
      lines_(counting_lines(cfg), cfg.reset_hour) {}

Routed CounterRouter::route(std::string_view topic, std::string_view payload, TimePoint now) {
    Routed out;
    // AOA first: a broad Xovis filter ("#") must not swallow the cameras' events.
    if (topic_matches(aoa_topic_filter, topic)) {
        auto r = parse_aoa_event(topic, payload, aoa_, now);
        if (r)
            take(*r, out);
        else
            out.refused.push_back(r.rejection());
    } else if (topic_matches(xovis_filter_, topic)) {
        auto batch = xovis_.read(payload, now, topic);
        if (!batch) {
            out.refused.push_back(batch.rejection());
            return out;
        }
        out.refused = batch->refused;
        out.repeated = batch->repeated;
        for (const auto& r : batch->readings) take(r, out);
    } else {
        out.refused.push_back({RejectReason::unknown_topic, "neither an AOA event nor under the Xovis topic"});
    }
    return out;
}

Routed CounterRouter::route_live_sum(std::string_view payload, TimePoint now) {
    Routed out;
    auto r = parse_axis_live_sum(payload);
    if (!r)
        out.refused.push_back(r.rejection());
    else if (r->ts > now + vendor_clock_ahead)
        // A camera clock far ahead would hold back every later reading of its zone.
        out.refused.push_back({RejectReason::bad_timestamp, "'timestamp' is more than 10 minutes ahead of our clock"});
    else
        take(*r, out);
    return out;
}

void CounterRouter::take(const CounterReading& r, Routed& out) {
    Checked<OccupancySample> s = std::visit(
        [&](const auto& x) -> Checked<OccupancySample> {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, LineReading>) return lines_.apply(x);
            else if constexpr (std::is_same_v<T, LineDelta>) return lines_.apply_delta(x);
            else return x;
        },
        r);
    if (!s) {
        out.refused.push_back(s.rejection());
        return;
    }
    // Samples are state: of several for one zone in one message, the newest is all the hub needs.
    auto same = std::find_if(out.samples.begin(), out.samples.end(), [&](const OccupancySample& o) { return o.zone == s->zone; });
    if (same == out.samples.end())
        out.samples.push_back(*s);
    else if (s->ts >= same->ts)
        *same = *s;
}

nlohmann::json CounterRouter::save() const { return {{"version", 1}, {"lines", lines_.save()}, {"xovis", xovis_.save()}}; }

void CounterRouter::load(const nlohmann::json& state) {
    if (!state.is_object() || state.value("version", 0) != 1) throw std::runtime_error("not a version 1 counters state");
    // Both read into copies first: a state that breaks half-way changes nothing.
    LineOccupancy lines = lines_;
    XovisLive xovis = xovis_;
    lines.load(state.at("lines"));
    xovis.load(state.at("xovis"));
    lines_ = std::move(lines);
    xovis_ = std::move(xovis);
}

} // namespace platslage::counters
