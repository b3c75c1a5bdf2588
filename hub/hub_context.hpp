#pragma once
// What every part of the hub shares: its settings, the maps, the event log, the clock, its
// sockets' security, the picture (the Situation) and the counts the status reports. `apply` is the one way an
// event already committed to the log enters the picture.
#include "event_log.hpp"
#include "hub_config.hpp"
#include "hub_security.hpp"
#include "mqtt_out.hpp"
#include "situation.hpp"
#include "storage_health.hpp"

#include <cstdint>
#include <vector>

namespace platslage {

// No frame the hub takes is larger (a command is at most 2 KB, a sample 1 KB): a peer sending
// one is disconnected by ZeroMQ before the frame is held in memory.
inline constexpr std::int64_t max_frame_bytes = 64 * 1024;

struct HubContext {
    HubContext(const HubConfig& settings, const ZoneMap& maps, EventLog& events, const Clock& time, HubSecurity& guard);

    // Folds a committed event into the picture; the updates it makes are added to `out`.
    void apply(std::int64_t id, const Event& e, TimePoint heard, std::vector<Update>& out);
    // Rebuilds the picture: from the newest readable snapshot and the events after it, or
    // without one (or with `use_snapshot` false) from the last `replay_hours` of the event log.
    void replay(bool use_snapshot = true);
    // Saves the fused state so the next start need not replay the whole log; false when the
    // write failed (only start-up gets slower).
    bool save_snapshot();
    // The hotspot hours the picture closed since the last call, into the event log (for the
    // follow-up); kept and tried again if the log cannot take them now.
    void store_hotspot_hours();

    const HubConfig& cfg;
    const ZoneMap& zones;
    EventLog& log;
    const Clock& clock;
    HubSecurity& security;
    Situation situation;
    std::uint64_t epoch;
    TimePoint started;
    std::int64_t last_event = 0; // the newest event folded into the picture
    MqttOut* mqtt = nullptr;     // while the loop runs: receipts, orders and notices go out here
    std::uint64_t accepted = 0;
    std::uint64_t duplicates = 0;
    StorageHealth storage; // whether the event log takes writes; every failed write counted
    std::vector<HotspotHour> unsaved_hours; // closed, not yet in the log
};

} // namespace platslage
