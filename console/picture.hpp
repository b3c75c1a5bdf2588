#pragma once
// What the console shows, decoded once from the replica's entries into plain structs. The
// entries are read through the core's codec (core/picture/picture_codec.hpp), the one that writes
// them in the hub; these structs are only the panels' shape of them, names as shown.
// Immutable once made: the network thread builds a new Picture for every change and the
// UI swaps to it at the start of a frame, so drawing never waits on the network.
#include "clock.hpp"
#include "hub_entries.hpp"
#include "place_entries.hpp"
#include "replica.hpp"
#include "shift_log.hpp"

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace platslage::console {

struct ZoneView {
    std::string id;
    std::string station;
    int capacity = 0;
    std::optional<int> occupancy; // none until a counter has reported
    std::string sensor = "none";  // none | ok | silent
    std::optional<std::string> last_report_ts;
    int last_report_persons = 0;
    std::vector<std::string> last_report_categories;
    int hotspot = 0;                         // 0-100
    std::vector<std::string> hotspot_parts;  // the reasons, most important first
    std::vector<std::string> teams_present;
    std::map<std::string, int> reported;     // category → people reported lately
    int incidents = 0;
    std::optional<std::string> last_outreach, last_patrol;
};

// A station's row is the core's entry as it came: nothing in it needs turning into text.
using StationView = StationEntry;

// The zones whose counter reports now: the hub's `zones_counted` also holds the zones whose
// silent counter left a last count, which the Silent column shows on their own.
inline int zones_counting_now(const StationView& s) { return s.zones_counted > s.sensors_silent ? s.zones_counted - s.sensors_silent : 0; }

struct AlertView {
    std::string id, rule, station, zone, subject, severity, state, summary, assigned_to, outcome;
    std::string raised_at, last_signal, ack_due;
    int severity_rank = 0; // 0 warning … 3 critical
    std::int64_t raised_ms = 0; // raised_at as a number, for sorting
    int signals = 0, persons = 0, escalations = 0;
    std::vector<std::string> categories;
    struct Step {
        std::string at, what, by, severity, detail;
    };
    std::vector<Step> history; // the raising step and the newest ones
    int steps = 0;             // every step the alert has had, shown or not
    int reannounced = 0;       // times the hub announced it again, unacknowledged
    bool open() const { return state != "resolved" && state != "expired"; }
};

struct WeatherView {
    std::optional<double> temperature_c;
    int warning_class = 0;
    bool extra_cold = false;
};

// A night shelter's latest count: where people can sleep tonight instead of the station.
struct ShelterView {
    std::string id, name;
    int places = 0, occupied = 0, free = 0;
};

struct ReportView {
    std::string key; // report/<log id>: sorts by arrival
    std::string station, device, id, ts, zone, kind, note, received;
    int persons = 0;
    std::vector<std::string> categories;
    std::string tip_from = {}; // a tip's kind of source (entered at the console or relayed by a guard), else empty
};

struct TeamView {
    std::string id, station, status, zone, org, last_seen;
    int members = 0;
    bool silent = false; // the hub has not heard from it for a while: it is sent nowhere
};

// A dispatch order (`dispatch/<id>`): a team sent to an alert's zone, and how it went.
// Times are RFC 3339 text, empty where the step has not happened.
struct DispatchView {
    std::string id, alert, team, station, zone, by, severity, state, summary;
    std::string raised_at, acknowledged_at, dispatched_at, answer_due, answered_at, on_scene_at, finished_at;
    std::string outcome, referred_to;
    int persons = 0, outcome_persons = 0;
    // Still waiting for the team: sent, accepted, on scene, or unanswered (it may still answer).
    bool active() const { return state == "sent" || state == "accepted" || state == "on_scene" || state == "unanswered"; }
};

struct DeviceView {
    std::string id, station, role, last_seen;
    std::optional<bool> online, on_shift;
    int guards = 0; // guards carrying this handheld's patrol
};

struct Picture {
    std::uint64_t build = 0; // which picture of its builder this is: a cache key for panels
    LinkState link = LinkState::connecting;
    std::string why;
    std::uint64_t seq = 0;
    std::uint64_t resyncs = 0;
    TimePoint last_heard{};
    std::map<std::string, ZoneView> zones;
    std::vector<StationView> stations;
    std::vector<ReportView> reports; // newest first
    std::vector<TeamView> teams;
    std::vector<DispatchView> dispatches; // by id: in the order they were sent
    std::vector<DeviceView> devices;
    // By id, as the hub numbered them. Shared with the builder's cache: a hundred thousand
    // alerts are not copied for every new picture.
    std::vector<std::shared_ptr<const AlertView>> alerts;
    std::map<std::string, int> worst_alert; // zone → the most severe open alert's rank
    std::map<std::string, int> open_by_zone;      // zone → its open alerts (counted on the network thread)
    std::map<std::string, int> open_without_zone; // station → its open alerts about no zone (equipment)
    std::optional<WeatherView> weather;
    std::vector<ShelterView> shelters; // by id
    // The joint deployment meetings' `meeting/` and `note/` keys as the hub sent them (key →
    // JSON), once the codec could read them: few, and decoded again by console/meeting_view,
    // through the same codec, with the zone names the Meetings window shows.
    std::map<std::string, std::string> meeting_entries;
    std::size_t undecodable = 0;     // entries the console could not read (shown, not hidden)
    // The shift log's `shift` entry: the newest handover and the notes written since.
    std::optional<ShiftLog> shift_log = std::nullopt;
    // While the hub cannot write its event log (`hub/storage`): since when, and why.
    std::optional<StorageEntry> storage = std::nullopt;
};

// Builds pictures one after another, decoding only the entries that changed since the last:
// with a hundred thousand alerts in view, one new report must not mean parsing them all.
class PictureBuilder {
public:
    Picture build(const Replica& replica);
    Picture build(const std::map<std::string, std::string>& entries);

private:
    std::map<std::string, std::pair<std::string, Picture>> cache_; // key → (body, its part)
    std::uint64_t builds_ = 0;
};

Picture make_picture(const std::map<std::string, std::string>& entries);

} // namespace platslage::console
