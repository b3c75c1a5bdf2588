#pragma once
// The situation on site: accepted events folded into the shared picture (LiveState), with
// the fusion's hotspots and alerts. Pure: events carry the time the hub heard them, and
// time moves only when an event or the caller's clock says so.
#include "alert_command.hpp"
#include "alert_texts.hpp"
#include "dispatch.hpp"
#include "clock.hpp"
#include "field_entries.hpp"
#include "fusion.hpp"
#include "guard_report.hpp"
#include "hotspot_hours.hpp"
#include "live_state.hpp"
#include "occupancy.hpp"
#include "occupancy_history.hpp"
#include "presence.hpp"
#include "shelter.hpp"
#include "weather.hpp"
#include "zone_map.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace platslage {

struct SituationSettings {
    Millis sensor_silent_after{std::chrono::minutes(2)};
    std::size_t recent_reports = 200; // guard reports kept in the live picture
    FusionSettings fusion;
};

class Situation {
public:
    Situation(const ZoneMap& zones, SituationSettings settings);
    Situation(const Situation&) = delete;
    Situation& operator=(const Situation&) = delete;

    // Each returns the updates it caused, numbered, in order; first whatever time-driven
    // steps fell due before the event was heard. `log_id` is the report's row in the event
    // log: stable across restarts, so it names the report in the picture.
    std::vector<Update> record(const GuardReport& r, std::int64_t log_id, TimePoint heard);
    std::vector<Update> record(const ShiftEvent& e, TimePoint heard);
    std::vector<Update> record(const OutreachStatus& s, TimePoint heard);
    std::vector<Update> record(const DeviceOnline& d, TimePoint heard);
    std::vector<Update> record(const OccupancySample& s, TimePoint heard);
    std::vector<Update> record(const WeatherReading& w, TimePoint heard);
    // A sample refused for its time (sample_too_old): the zone's counter is shown as having
    // a wrong clock, and its count is not taken.
    std::vector<Update> counter_clock_wrong(const OccupancySample& s, TimePoint heard);
    std::vector<Update> record(const ShelterReading& s, TimePoint heard);
    std::vector<Update> record(const AlertCommand& c, TimePoint heard);
    std::vector<Update> record(const DispatchAnswer& a, TimePoint heard);
    std::vector<Update> record(const DispatchOutcome& o, TimePoint heard);

    // Would the command be accepted at `now`? Call advance_to(now) first.
    std::optional<Rejection> check(const AlertCommand& c, TimePoint now) const;
    // Would a team's answer or outcome be taken? Refusals name the order and the team.
    std::optional<Rejection> check(const DispatchAnswer& a) const { return fusion_.dispatches().check(a); }
    std::optional<Rejection> check(const DispatchOutcome& o) const { return fusion_.dispatches().check(o); }

    // Records the hub keeps beside the situation (joint deployment meetings and what was
    // recorded at them) shown in the same picture under `key`; an unchanged body is no news.
    std::vector<Update> show(const std::string& key, const nlohmann::json& body);
    // Takes such a record out of the picture; nothing when it was not there.
    std::vector<Update> unshow(const std::string& key);

    // One turn of the hub's loop, conflated: between hold() and release(), what the fusion
    // changes (zones, stations, alerts, orders, the weather) is gathered instead of
    // published, and release() publishes each such key once, with its newest value, as of
    // the latest time heard. A zone that took 200 samples in one turn is one update, not
    // 200, and costs one hotspot score. Reports, devices, teams and shelters are keys of
    // their own and are published as they come. Nothing is lost: the numbering stays
    // without gaps, and the state is the same as without holding.
    void hold();
    std::vector<Update> release();
    bool holding() const { return holding_; }

    // Time-driven changes up to `now`: silent sensors, escalations, expiries, scores.
    std::vector<Update> advance_to(TimePoint now);
    std::vector<Update> tick(const Clock& clock) { return advance_to(clock.now()); }

    const LiveState& state() const { return state_; }
    const OccupancyBoard& occupancy() const { return board_; }
    // Each zone's counts over the last day, for the console's chart (HISTORY).
    const OccupancyHistory& occupancy_history() const { return history_; }
    // The hotspot hours closed since the last call, for the follow-up (hotspot_hours.hpp).
    std::vector<HotspotHour> take_hotspot_hours() { return hotspot_hours_.take(); }
    const Fusion& fusion() const { return fusion_; }
    // People counted now at a station (zones with a live or last-known count).
    int station_occupancy(const std::string& station) const;
    std::size_t open_alerts() const { return fusion_.alerts().open_count(); }
    bool team_known(const std::string& team) const { return teams_.contains(team); }
    std::optional<TeamView> team_view(const std::string& team) const;

    // Everything needed to carry on from here after a restart, without the log before it.
    nlohmann::json save() const;
    void load(const nlohmann::json& j);

private:
    struct DeviceSeen {
        std::string station;
        std::string role;
        std::optional<bool> online;
        std::optional<bool> on_shift;
        int guards = 0;
        TimePoint last_seen;
    };
    // A team is one team wherever it works: it moves between the two stations.
    struct TeamSeen {
        std::string station;
        TeamStatus status = TeamStatus::available;
        TimePoint last_heard;
        bool silent = false; // not heard from for the dispatch settings' team_silent_after
        std::optional<TeamEntry> shown; // the team's key as last published; none before it was
    };
    struct LastReport {
        TimePoint ts;
        ReportKind kind;
        int persons;
        std::vector<Category> categories;
    };

    void publish(Fusion::Effects fx, TimePoint now, std::vector<Update>& out);
    void publish_zone(const Zone& z, TimePoint now, std::vector<Update>& out);
    void publish_station(const std::string& station, TimePoint now, std::vector<Update>& out);
    // Devices are named by their topic's station and id: two stations may both have an "hh-01".
    DeviceSeen& device_at(const std::string& station, const std::string& device);
    void publish_device(const std::string& station, const std::string& device, std::vector<Update>& out);
    void put(const std::string& key, const nlohmann::json& body, std::vector<Update>& out);
    void put_text(const std::string& key, std::string text, std::vector<Update>& out);
    void publish_team(const std::string& id, std::vector<Update>& out);
    void mark_silent_teams(TimePoint now, std::vector<Update>& out);

    const ZoneMap& zones_;
    SituationSettings settings_;
    LiveState state_;
    OccupancyBoard board_;
    OccupancyHistory history_;
    HotspotHours hotspot_hours_;
    Fusion fusion_;
    std::map<std::string, LastReport> last_report_;   // by zone
    std::map<std::string, DeviceSeen> devices_; // by "<station>/<device>"
    std::map<std::string, TeamSeen> teams_;     // by team id
    std::deque<std::string> report_keys_;
    AlertTexts alert_texts_;
    bool holding_ = false;
    Fusion::Effects held_;   // while holding: what publish() was asked to show
    TimePoint held_at_{};    // and the latest time it was asked at
};

} // namespace platslage
