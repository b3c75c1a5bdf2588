#include "picture.hpp"

#include "picture_codec.hpp"
#include "time_text.hpp"

#include <algorithm>
#include <type_traits>
#include <variant>

namespace platslage::console {

namespace {
// The console shows times as the hub's RFC 3339 text, and nothing for a step that has not
// happened (absent, or the zero time a lenient decode gives a missing one).
std::string text_of(TimePoint t) { return t == TimePoint{} ? std::string() : format_rfc3339(t); }
std::string text_of(const std::optional<TimePoint>& t) { return t ? text_of(*t) : std::string(); }
std::optional<std::string> maybe_text_of(const std::optional<TimePoint>& t) {
    return t ? std::optional<std::string>(format_rfc3339(*t)) : std::nullopt;
}
template <class E, class NameOf>
std::vector<std::string> names_of(const std::vector<E>& values, NameOf name) {
    std::vector<std::string> out;
    out.reserve(values.size());
    for (auto v : values) out.emplace_back(name(v));
    return out;
}

ZoneView view_of(ZoneEntry&& e) {
    ZoneView z;
    z.id = std::move(e.id);
    z.station = std::move(e.station);
    z.capacity = e.capacity;
    z.occupancy = e.occupancy;
    z.sensor = std::string(health_name(e.sensor));
    if (e.last_report) {
        z.last_report_ts = format_rfc3339(e.last_report->ts);
        z.last_report_persons = e.last_report->persons;
        z.last_report_categories = names_of(e.last_report->categories, category_name);
    }
    z.hotspot = e.hotspot_score;
    z.hotspot_parts = std::move(e.hotspot_parts);
    for (auto& t : e.teams_present) z.teams_present.push_back(std::move(t.team));
    for (const auto& [category, n] : e.reported) z.reported[std::string(category_name(category))] = n;
    z.incidents = e.incidents;
    z.last_outreach = maybe_text_of(e.last_outreach);
    z.last_patrol = maybe_text_of(e.last_patrol);
    return z;
}

ReportView view_of(std::string key, ReportEntry&& e) {
    auto& r = e.report;
    return ReportView{std::move(key),    std::move(r.station), std::move(r.device), std::move(r.id),
                      text_of(r.ts),     std::move(r.zone),    std::string(kind_name(r.kind)), std::move(r.note),
                      text_of(e.received), r.persons,          names_of(r.categories, category_name), std::move(r.tip_from)};
}

TeamView view_of(TeamEntry&& e) {
    return TeamView{std::move(e.id),  std::move(e.station), std::string(status_name(e.status)), std::move(e.zone),
                    std::move(e.org), text_of(e.last_seen), e.members, e.silent};
}

DeviceView view_of(DeviceEntry&& e) {
    return DeviceView{std::move(e.id), std::move(e.station), std::move(e.role), text_of(e.last_seen),
                      e.online,        e.on_shift,           e.guards};
}

DispatchView view_of(Dispatch&& d) {
    DispatchView v;
    v.id = std::move(d.id);
    v.alert = std::move(d.alert);
    v.team = std::move(d.team);
    v.station = std::move(d.station);
    v.zone = std::move(d.zone);
    v.by = std::move(d.by);
    v.severity = severity_name(d.severity);
    v.state = dispatch_state_name(d.state);
    v.summary = std::move(d.summary);
    v.raised_at = text_of(d.raised_at);
    v.acknowledged_at = text_of(d.acknowledged_at);
    v.dispatched_at = text_of(d.dispatched_at);
    v.answer_due = text_of(d.answer_due);
    v.answered_at = text_of(d.answered_at);
    v.on_scene_at = text_of(d.on_scene_at);
    v.finished_at = text_of(d.finished_at);
    v.outcome = std::move(d.outcome);
    v.referred_to = std::move(d.referred_to);
    v.persons = d.persons;
    v.outcome_persons = d.outcome_persons;
    return v;
}

AlertView view_of(PublishedAlert&& p) {
    Alert& a = p.alert;
    AlertView v;
    v.id = std::move(a.id);
    v.rule = rule_name(a.rule);
    v.station = std::move(a.station);
    v.zone = std::move(a.zone);
    v.subject = std::move(a.subject);
    v.severity = severity_name(a.severity);
    v.state = state_name(a.state);
    v.summary = std::move(a.summary);
    v.assigned_to = std::move(a.assigned_to);
    v.outcome = std::move(a.outcome);
    v.raised_at = text_of(a.raised_at);
    v.last_signal = text_of(a.last_signal);
    v.ack_due = text_of(a.ack_due);
    v.severity_rank = static_cast<int>(a.severity);
    v.raised_ms = a.raised_at == TimePoint{} ? 0 : to_epoch_ms(a.raised_at);
    v.signals = a.signals;
    v.persons = a.persons;
    v.escalations = a.escalations;
    v.categories = std::move(a.categories);
    for (auto& s : a.history)
        v.history.push_back({text_of(s.at), std::move(s.what), std::move(s.by), std::string(severity_name(s.severity)),
                             std::move(s.detail)});
    v.steps = static_cast<int>(p.steps);
    v.reannounced = a.reannounced;
    return v;
}

ShelterView view_of(const ShelterEntry& e) { return ShelterView{e.id, e.name, e.places, e.occupied, e.free()}; }

WeatherView view_of(const WeatherEntry& e) { return WeatherView{e.temperature_c, e.warning_class, e.extra_cold}; }

// One entry's part of the picture, read through the core's codec.
Picture decode_entry(const std::string& key, const std::string& body) {
    Picture p;
    auto entry = platslage::decode_entry(key, body);
    if (!entry) {
        ++p.undecodable;
        return p;
    }
    std::visit(
        [&](auto&& e) {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, ZoneEntry>) {
                auto z = view_of(std::move(e));
                auto id = z.id;
                p.zones[id] = std::move(z);
            } else if constexpr (std::is_same_v<T, StationEntry>) p.stations.push_back(std::move(e));
            else if constexpr (std::is_same_v<T, ReportEntry>) p.reports.push_back(view_of(key, std::move(e)));
            else if constexpr (std::is_same_v<T, TeamEntry>) p.teams.push_back(view_of(std::move(e)));
            else if constexpr (std::is_same_v<T, Dispatch>) p.dispatches.push_back(view_of(std::move(e)));
            else if constexpr (std::is_same_v<T, PublishedAlert>)
                p.alerts.push_back(std::make_shared<const AlertView>(view_of(std::move(e))));
            else if constexpr (std::is_same_v<T, WeatherEntry>) p.weather = view_of(e);
            else if constexpr (std::is_same_v<T, ShelterEntry>) p.shelters.push_back(view_of(e));
            else if constexpr (std::is_same_v<T, DeviceEntry>) p.devices.push_back(view_of(std::move(e)));
            // The Meetings window reads these through the core's codec again, with its zone names.
            else if constexpr (std::is_same_v<T, MeetingEntry> || std::is_same_v<T, MeetingNote>)
                p.meeting_entries.emplace(key, body);
            else if constexpr (std::is_same_v<T, ShiftLog>) p.shift_log = std::move(e);
            else if constexpr (std::is_same_v<T, StorageEntry>) p.storage = std::move(e);
        },
        *entry);
    return p;
}

template <class T>
void append(std::vector<T>& to, const std::vector<T>& from) {
    to.insert(to.end(), from.begin(), from.end());
}
} // namespace

Picture PictureBuilder::build(const std::map<std::string, std::string>& entries) {
    // Walk the entries and the cache together (both in key order): reuse what did not
    // change, decode what did, forget what is gone.
    auto c = cache_.begin();
    for (const auto& [key, body] : entries) {
        while (c != cache_.end() && c->first < key) c = cache_.erase(c);
        if (c != cache_.end() && c->first == key) {
            if (c->second.first != body) c->second = {body, decode_entry(key, body)};
            ++c;
        } else {
            c = std::next(cache_.emplace_hint(c, key, std::make_pair(body, decode_entry(key, body))));
        }
    }
    cache_.erase(c, cache_.end());

    Picture p;
    p.build = ++builds_;
    for (const auto& [key, cached] : cache_) {
        const Picture& piece = cached.second;
        for (const auto& [id, z] : piece.zones) p.zones.emplace(id, z);
        append(p.stations, piece.stations);
        append(p.reports, piece.reports);
        append(p.teams, piece.teams);
        append(p.dispatches, piece.dispatches);
        append(p.devices, piece.devices);
        append(p.alerts, piece.alerts);
        if (piece.weather) p.weather = piece.weather;
        append(p.shelters, piece.shelters);
        p.meeting_entries.insert(piece.meeting_entries.begin(), piece.meeting_entries.end());
        if (piece.shift_log) p.shift_log = piece.shift_log;
        if (piece.storage) p.storage = piece.storage;
        p.undecodable += piece.undecodable;
    }
    // Keys sort by log id, so arrival order; the operator wants the newest on top.
    std::reverse(p.reports.begin(), p.reports.end());
    for (const auto& a : p.alerts) {
        if (!a->open()) continue;
        if (a->zone.empty()) {
            ++p.open_without_zone[a->station];
            continue;
        }
        auto& worst = p.worst_alert[a->zone];
        worst = std::max(worst, a->severity_rank);
        ++p.open_by_zone[a->zone];
    }
    return p;
}

Picture make_picture(const std::map<std::string, std::string>& entries) { return PictureBuilder().build(entries); }

Picture PictureBuilder::build(const Replica& replica) {
    Picture p = build(replica.entries());
    p.link = replica.link();
    p.why = replica.why();
    p.seq = replica.sequence();
    p.resyncs = replica.resyncs();
    p.last_heard = replica.last_heard();
    return p;
}

} // namespace platslage::console
