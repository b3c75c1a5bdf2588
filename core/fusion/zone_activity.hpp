#pragma once
// What has happened in each zone lately, from the event log: the people reported by
// category, incidents, which outreach teams are there and since when, when outreach and
// guards were last there, and on which nights people were reported. The hotspot score and
// several alert rules read it.
#include "guard_report.hpp"
#include "presence.hpp"
#include "stockholm_time.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace platslage {

struct ReportMark {
    TimePoint ts;
    ReportKind kind;
    int persons = 0;
    std::vector<Category> categories;
};

// The window's reports summed up as the zone is shown: the most people reported at once in
// each category, and the incidents. Kept as reports come and go, not counted from the reports
// each time: a zone is written out on every report and sample for it, and a busy one holds
// hundreds of reports in its window.
class ReportTally {
public:
    void add(const ReportMark& r);
    void remove(const ReportMark& r);

    int incidents() const { return incidents_; }
    // The most people reported at once in `c`, or nullopt when no report in the window has it.
    std::optional<int> most(Category c) const;

private:
    std::array<std::map<int, int>, category_count> persons_; // per category: persons → reports of that many
    int incidents_ = 0;
};

struct ZoneActivity {
    std::deque<ReportMark> reports;                 // within the activity window, oldest first
    ReportTally tally;                              // of `reports`; changed wherever they are
    std::map<std::string, TimePoint> teams_present; // outreach teams here now, since when
    std::optional<TimePoint> last_outreach;         // the last moment a team was here
    std::optional<TimePoint> last_patrol;           // the last guard report from here, of any kind
    std::set<std::int64_t> nights_with_people;      // nights (days since 1970 of their evening)

    bool outreach_here() const { return !teams_present.empty(); }
    // Reports that still describe the zone: those after the last report that found it empty
    // (a guard who sees no one there is the best evidence that the people have moved on;
    // an incident with nobody involved does not count as finding it empty).
    std::vector<const ReportMark*> current(TimePoint now) const;
    // Since when people have been reported here with no outreach visit after them.
    std::optional<TimePoint> unmet_since(TimePoint now) const;
    // Nights with people among the `n` nights ending with `tonight`.
    int nights_among_last(std::int64_t tonight, int n) const;
};

class ActivityBoard {
public:
    ActivityBoard(Millis window, NightHours night) : window_(window), night_(night) {}

    void record(const GuardReport& r);
    // A team's status moves it: it leaves the zone it was in and, unless en route or off
    // duty, is present in its new zone. Returns the zones whose activity changed.
    std::vector<std::string> record(const OutreachStatus& s, TimePoint heard);
    // Drops reports older than the window before `now`, and nights older than two weeks.
    void trim(TimePoint now);

    const ZoneActivity* find(const std::string& zone) const;
    std::optional<std::string> zone_of_team(const std::string& team) const;

    nlohmann::json save() const;
    void load(const nlohmann::json& j);

private:
    Millis window_;
    NightHours night_;
    std::map<std::string, ZoneActivity> zones_;
    std::map<std::string, std::string> team_zone_; // team → zone it is present in
};

} // namespace platslage
