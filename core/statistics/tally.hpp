#pragma once
// Folds what the event log holds into the follow-up figures (figures.hpp): guard reports,
// teams' outcomes and round contacts, operators' resolves with counts, night shelters'
// nights, each alert's life, the zones' hotspot hours, and the joint deployment meetings. Pure: records in, counts
// out, no clock; the same records give the same figures, whatever order the stations come in.
// docs/statistics.md says what each figure counts.
#include "alert.hpp"
#include "dispatch.hpp"
#include "event_record.hpp"
#include "figures.hpp"
#include "hotspot_hours.hpp"
#include "meeting.hpp"
#include "period.hpp"
#include "zone_map.hpp"

#include <map>
#include <string>
#include <vector>

namespace platslage {

// One step of an alert's life as the event log keeps it (hub/event_log.hpp AlertStepRecord).
struct AlertStepFact {
    std::string alert;
    TimePoint at;
    std::string what;   // raised, acknowledged, on_scene, team_outcome, resolved, expired, ...
    std::string by;
    std::string detail; // a resolve's "outcome" or "outcome: note"; a team's outcome
    std::string rule;
    std::string station;
    std::string zone;
};

// The rules whose alerts are about people who may need care or support: the partnership's
// goal is that each of them is offered support.
bool needs_support(std::string_view rule);
// Outcomes in which support was offered: offered, accepted, or a referral made.
bool support_was_offered(std::string_view outcome);

class Tally {
public:
    // `alerts`: count alerts' lives (false when only the events a purge removes are tallied:
    // the alert steps stay and are counted from there).
    explicit Tally(Granularity g, bool alerts = true) : granularity_(g), alerts_(alerts) {}

    // Orders tell where an order's outcome happened; add them before the events.
    void add(const Dispatch& d);
    // Steps tell where an alert was (an operator's resolve names only the alert); add them before the events.
    void add(const AlertStepFact& s);
    // Read back through the protocol's own checks; one that does not read is counted as such.
    void add(const EventRecord& r, const ZoneMap& zones);
    void add(const Event& e, TimePoint heard);
    // An hour a zone was a hotspot: counted in the period the hour begins in.
    void add(const HotspotHour& h);
    // Meetings held in [from, until), action items opened and closed there.
    void add_meetings(const std::vector<MeetingPlan>& plans, const std::vector<MeetingNote>& notes, TimePoint from,
                      TimePoint until);

    std::size_t unreadable() const { return unreadable_; }
    Figures figures() const;

private:
    struct Place {
        std::string station, zone;
    };
    struct AlertLife {
        std::vector<AlertStepFact> steps;
    };
    struct ShelterNight {
        int places = 0, occupied = 0;
        std::optional<int> women, men;
    };
    void count(const std::string& period, const Place& where, const char* measure, const std::string& key,
               std::int64_t n);
    void count_people(const std::string& period, const Place& where, const char* measure, int persons,
                      const std::optional<int>& women, const std::optional<int>& men);
    void on_report(const GuardReport& r, TimePoint heard);
    void on_outcome(const DispatchOutcome& o, TimePoint heard);
    void on_resolve(const AlertCommand& c, TimePoint heard);
    void on_shelter(const ShelterReading& s);
    void count_alerts(Figures& out) const;
    void count_shelters(Figures& out) const;

    Granularity granularity_;
    bool alerts_;
    Figures figures_;
    std::map<std::string, Place> order_places_;
    std::map<std::string, AlertLife> alerts_by_id_;
    std::map<std::pair<std::string, std::string>, ShelterNight> shelter_nights_; // (night "2026-11-17", shelter)
    std::size_t unreadable_ = 0;
};

} // namespace platslage
