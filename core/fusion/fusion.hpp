#pragma once
// The fusion: guard reports, outreach presence, occupancy, equipment and weather folded
// into each zone's activity, its hotspot score, and alerts by documented rules
// (docs/hotspots.md). Pure: every input carries the time the hub heard it, and
// time-driven checks run at fixed steps of the clock (every `evaluate_every` since 1970),
// so a replay of the same log gives the same scores and the same alerts, whenever it runs.
#include "alert_book.hpp"
#include "dispatch_book.hpp"
#include "hotspot.hpp"
#include "occupancy.hpp"
#include "weather.hpp"
#include "zone_activity.hpp"
#include "zone_map.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace platslage {

struct RuleThresholds {
    int crowding_percent = 100;       // above this share of capacity: crowding
    int crowding_clear_percent = 90;  // back at or below this: cleared (no flapping at the line)
    int repeated_nights = 3;          // people on this many…
    int repeated_of_nights = 7;       // …of the last this many nights
    Millis coverage_gap_after{std::chrono::hours(3)}; // no outreach this long…
    int coverage_gap_score = 40;                      // …in a zone at least this hot
    ColdNightRule cold;
    Severity cold_sleeping = Severity::major;  // a sleeping report on an extra cold night
    bool child_at_night_critical = true;       // no child shall be left at the station at night
    bool operator==(const RuleThresholds&) const = default;
};

struct FusionSettings {
    HotspotWeights weights;
    AlertSettings alerts;
    RuleThresholds rules;
    NightHours night;
    Millis activity_window{std::chrono::hours(12)};
    Millis evaluate_every{std::chrono::seconds(10)};
    DispatchSettings dispatch;
    bool operator==(const FusionSettings&) const = default;
};

// What the fusion needs to know of a team to send it somewhere.
struct TeamView {
    TeamStatus status = TeamStatus::available;
    TimePoint last_heard;
};
using TeamLookup = std::function<std::optional<TeamView>(const std::string& team)>;

class Fusion {
public:
    // `board` is the occupancy the picture shows: read for scores and crowding, and marked
    // silent by the clock here.
    Fusion(const ZoneMap& zones, OccupancyBoard& board, FusionSettings settings);

    // What an input or a step of the clock changed, for the picture to republish.
    struct Effects {
        std::set<std::string> zones;
        std::set<std::string> stations;
        std::set<std::string> alerts;         // changed (raised, joined, escalated, …)
        std::set<std::string> dropped_alerts; // closed alerts leaving the view
        std::set<std::string> dispatches;     // orders sent, answered, arrived, finished, withdrawn
        std::set<std::string> dropped_dispatches;
        bool weather = false;
        void merge(Effects&& other);
    };

    // Time-driven steps up to `now`: escalations and expiries at their due times; at every
    // evaluation step, silent sensors, coverage gaps and hotspot scores. The caller brings
    // time up to the moment an input was heard before handing it in below (Situation does,
    // before it touches its own state), so steps due earlier happen first.
    Effects advance(TimePoint now);

    Effects on_report(const GuardReport& r, TimePoint heard);
    Effects on_outreach(const OutreachStatus& s, TimePoint heard);
    Effects on_online(const DeviceOnline& d, bool guard_on_shift, TimePoint heard);
    Effects on_shift(const ShiftEvent& e, TimePoint heard);
    // After the board took a sample for `zone`.
    Effects on_occupancy(const std::string& zone, TimePoint heard);
    Effects on_weather(const WeatherReading& w, TimePoint heard);
    // Would this command be accepted at `now`? A dispatch also needs a team that is free.
    std::optional<Rejection> check(const AlertCommand& c, const TeamLookup& teams, TimePoint now) const;
    // A command check() accepted; refused if the alert changed in between (replay agrees).
    Effects on_command(const AlertCommand& c, TimePoint heard, const TeamLookup& teams);
    // A team's answer to an order, and its outcome (fusion_dispatch.cpp).
    Effects on_answer(const DispatchAnswer& a, TimePoint heard);
    Effects on_outcome(const DispatchOutcome& o, TimePoint heard);

    Hotspot hotspot_of(const Zone& z, TimePoint now) const;
    const ActivityBoard& activity() const { return activity_; }
    const AlertBook& alerts() const { return alerts_; }
    const DispatchBook& dispatches() const { return dispatches_; }
    const Weather& weather() const { return weather_; }
    bool extra_cold() const { return weather_.extra_cold(settings_.rules.cold); }
    const FusionSettings& settings() const { return settings_; }

    nlohmann::json save() const;
    void load(const nlohmann::json& j);

private:
    void evaluate(TimePoint at, Effects& out);
    void book_changes(AlertBook::Changes c, Effects& out);
    void dispatch_changes(DispatchBook::Changes c, Effects& out);
    void dispatch_sent(const AlertCommand& c, TimePoint heard, Effects& out);
    // The order is answered, replaced or over: it no longer needs an operator's eye.
    void settle_unanswered(const std::string& id, TimePoint at, const std::string& why, Effects& out);
    void on_team_status(const OutreachStatus& s, TimePoint heard, Effects& out);
    void signal(Signal s, Effects& out);
    void clear(AlertRule rule, const std::string& zone, const std::string& subject, TimePoint at, const std::string& why,
               Effects& out);
    std::string station_of(const std::string& zone) const;

    const ZoneMap& zones_;
    OccupancyBoard& board_;
    FusionSettings settings_;
    ActivityBoard activity_;
    AlertBook alerts_;
    DispatchBook dispatches_;
    Weather weather_;
    std::optional<TimePoint> next_step_;
    std::map<std::string, Hotspot> shown_; // the score last published per zone
    // Conditions (crowding, coverage gap) that raised an alert and have not ended since:
    // an operator who resolves the alert while the condition lasts is not asked again
    // until it has ended and come back.
    std::set<std::string> held_;
};

} // namespace platslage
