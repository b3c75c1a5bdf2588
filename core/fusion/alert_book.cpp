#include "alert_book.hpp"

#include "time_text.hpp"

#include <algorithm>
#include <cstdio>

namespace platslage {

namespace {
using std::chrono::hours;
using std::chrono::minutes;

std::string alert_id(std::int64_t n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "A-%06lld", static_cast<long long>(n % 1000000));
    return buf;
}

bool expires(const Alert& a, const AlertSettings& s) {
    // An assigned alert has a team on it: it ends with an outcome, not by time.
    return a.state != AlertState::assigned && s.of(a.rule).expire_after.count() > 0;
}

void add_categories(Alert& a, const std::vector<std::string>& cats) {
    for (const auto& c : cats)
        if (std::find(a.categories.begin(), a.categories.end(), c) == a.categories.end()) a.categories.push_back(c);
}
} // namespace

std::array<RuleSettings, rule_count> AlertSettings::default_rules() {
    std::array<RuleSettings, rule_count> r{};
    using S = Severity;
    r[static_cast<std::size_t>(AlertRule::needs_care)] = {S::critical, minutes(30), hours(2), true, S::critical};
    r[static_cast<std::size_t>(AlertRule::child)] = {S::major, minutes(30), hours(2), true, S::critical};
    r[static_cast<std::size_t>(AlertRule::sleeping)] = {S::warning, hours(2), hours(3), true, S::major};
    r[static_cast<std::size_t>(AlertRule::crowding)] = {S::major, hours(24), Millis(0), true, S::critical};
    r[static_cast<std::size_t>(AlertRule::repeated_presence)] = {S::warning, hours(12), hours(12), true, S::minor};
    r[static_cast<std::size_t>(AlertRule::coverage_gap)] = {S::minor, hours(24), Millis(0), true, S::major};
    r[static_cast<std::size_t>(AlertRule::sensor_silent)] = {S::warning, hours(24), Millis(0), true, S::minor};
    r[static_cast<std::size_t>(AlertRule::handheld_offline)] = {S::minor, hours(24), Millis(0), true, S::major};
    // One alert per order (its subject), cleared when the order is answered or replaced.
    r[static_cast<std::size_t>(AlertRule::dispatch_unanswered)] = {S::major, hours(24), Millis(0), true, S::critical};
    return r;
}

const std::set<std::string>& AlertBook::open_about(const About& key) const {
    static const std::set<std::string> none;
    auto it = open_.find(key);
    return it == open_.end() ? none : it->second;
}

void AlertBook::index_open() {
    open_.clear();
    for (const auto& [id, a] : alerts_)
        if (is_open(a.state)) open_[about(a)].insert(id);
    nothing_due_before_.reset();
}

std::string AlertBook::signal(const Signal& s) {
    nothing_due_before_.reset();
    for (const auto& id : open_about({s.rule, s.zone, s.subject})) {
        Alert& a = alerts_.at(id);
        if (s.at - a.last_signal > settings_.of(s.rule).join_window) continue;
        ++a.signals;
        a.last_signal = std::max(a.last_signal, s.at);
        a.persons = s.persons;
        add_categories(a, s.categories);
        if (!s.summary.empty()) a.summary = s.summary;
        a.expires_at = a.last_signal + settings_.of(a.rule).expire_after;
        std::string detail = s.summary;
        if (s.severity > a.severity) {
            // A worse signal (an extra cold night, a child at night) lifts the alert at once.
            a.severity = s.severity;
            if (a.state == AlertState::raised) a.ack_due = s.at + settings_.ack_within[static_cast<std::size_t>(a.severity)];
            detail += " (severity raised)";
        }
        a.history.push_back({s.at, "joined", "hub", a.severity, detail});
        return id;
    }
    return raise(s);
}

std::string AlertBook::raise(const Signal& s) {
    Alert a;
    a.id = alert_id(next_number_++);
    a.rule = s.rule;
    a.station = s.station;
    a.zone = s.zone;
    a.subject = s.subject;
    a.severity = s.severity;
    a.raised_at = s.at;
    a.last_signal = s.at;
    a.ack_due = s.at + settings_.ack_within[static_cast<std::size_t>(s.severity)];
    a.expires_at = s.at + settings_.of(s.rule).expire_after;
    a.persons = s.persons;
    a.categories = s.categories;
    a.summary = s.summary;
    a.history.push_back({s.at, "raised", "hub", a.severity, s.summary});
    auto id = a.id;
    open_[about(a)].insert(id);
    alerts_.emplace(id, std::move(a));
    return id;
}

std::optional<std::string> AlertBook::clear(AlertRule rule, const std::string& zone, const std::string& subject,
                                            TimePoint at, const std::string& why) {
    const auto& open = open_about({rule, zone, subject});
    if (open.empty()) return std::nullopt;
    std::string id = *open.begin();
    Alert& a = alerts_.at(id);
    a.outcome = "cleared";
    close(a, AlertState::resolved, at, "hub", why);
    return id;
}

bool AlertBook::lift(const std::string& id, Severity to, TimePoint at, const std::string& why) {
    auto it = alerts_.find(id);
    if (it == alerts_.end() || !is_open(it->second.state) || it->second.severity >= to) return false;
    Alert& a = it->second;
    nothing_due_before_.reset();
    a.severity = to;
    if (a.state == AlertState::raised) a.ack_due = at + settings_.ack_within[static_cast<std::size_t>(to)];
    a.history.push_back({at, "raised_severity", "hub", to, why});
    return true;
}

void AlertBook::close(Alert& a, AlertState how, TimePoint at, const std::string& by, const std::string& detail) {
    if (auto it = open_.find(about(a)); it != open_.end()) {
        it->second.erase(a.id);
        if (it->second.empty()) open_.erase(it);
    }
    nothing_due_before_.reset();
    a.state = how;
    a.history.push_back({at, std::string(state_name(how)), by, a.severity, detail});
    closed_at_[a.id] = at;
}

AlertBook::Changes AlertBook::advance(TimePoint now) {
    Changes out;
    if (nothing_due_before_ && now < *nothing_due_before_) return out;
    auto note = [&](const std::string& id) {
        if (std::find(out.changed.begin(), out.changed.end(), id) == out.changed.end()) out.changed.push_back(id);
    };
    for (;;) {
        // The earliest step due, over all alerts; ties go to the lower id, so the order is fixed.
        // And the earliest step of any alert, due or not, for when none is due.
        Alert* next = nullptr;
        TimePoint due{};
        TimePoint earliest = TimePoint::max();
        enum { escalate, expire, drop } what = escalate;
        for (auto& [id, a] : alerts_) {
            auto consider = [&](TimePoint t, decltype(what) w) {
                earliest = std::min(earliest, t);
                if (t <= now && (!next || t < due)) next = &a, due = t, what = w;
            };
            if (is_open(a.state)) {
                if (expires(a, settings_)) consider(a.expires_at, expire);
                if (a.state == AlertState::raised) consider(a.ack_due, escalate);
            } else {
                consider(closed_at_.at(id) + settings_.keep_closed, drop);
            }
        }
        if (!next) {
            nothing_due_before_ = earliest; // nothing due by `now`, so nothing before it
            break;
        }
        Alert& a = *next;
        if (what == drop) {
            out.dropped.push_back(a.id);
            out.changed.erase(std::remove(out.changed.begin(), out.changed.end(), a.id), out.changed.end());
            closed_at_.erase(a.id);
            alerts_.erase(a.id);
            continue;
        }
        if (what == expire) {
            close(a, AlertState::expired, due, "hub", "nothing new for " + std::to_string(std::chrono::duration_cast<minutes>(settings_.of(a.rule).expire_after).count()) + " min");
        } else {
            // Not acknowledged in time: one step up and announced again. At the rule's ceiling
            // it is announced again, each time after twice as long, so an alert nobody can
            // act on does not drown the queue (or its history) overnight.
            auto cap = std::max(settings_.of(a.rule).escalate_to, a.severity);
            auto wait = settings_.ack_within[static_cast<std::size_t>(std::min(raised_one_step(a.severity), cap))];
            if (a.severity < cap) {
                a.severity = raised_one_step(a.severity);
                a.history.push_back({due, "escalated", "hub", a.severity, "not acknowledged in time"});
            } else {
                wait *= 1 << std::min(a.reannounced + 1, 6);
                ++a.reannounced;
                a.history.push_back({due, "reannounced", "hub", a.severity, "still not acknowledged"});
            }
            ++a.escalations;
            a.ack_due = due + wait;
        }
        note(a.id);
    }
    return out;
}

std::optional<Rejection> AlertBook::check(const AlertCommand& c,
                                          const std::function<bool(const std::string&)>& team_known) const {
    const Alert* a = find(c.alert);
    if (!a) return Rejection{RejectReason::unknown_alert, "alert " + c.alert + " is not open or recently closed"};
    if (c.op == AlertOp::note) return std::nullopt; // a closed alert in view can still get a note
    if (!is_open(a->state))
        return Rejection{RejectReason::not_allowed, "alert " + c.alert + " is already " + std::string(state_name(a->state))};
    switch (c.op) {
    case AlertOp::acknowledge:
        if (a->state != AlertState::raised)
            return Rejection{RejectReason::not_allowed, "alert " + c.alert + " is already " + std::string(state_name(a->state))};
        return std::nullopt;
    case AlertOp::assign:
    case AlertOp::dispatch:
        if (!team_known(c.team)) return Rejection{RejectReason::unknown_team, "team '" + c.team + "' has not reported to the hub"};
        if (c.op == AlertOp::assign && a->state == AlertState::assigned && a->assigned_to == c.team)
            return Rejection{RejectReason::not_allowed, "alert " + c.alert + " is already assigned to " + c.team};
        return std::nullopt;
    case AlertOp::resolve:
    case AlertOp::note: return std::nullopt;
    }
    return std::nullopt;
}

std::string AlertBook::apply(const AlertCommand& c, TimePoint at) {
    Alert& a = alerts_.at(c.alert);
    nothing_due_before_.reset();
    switch (c.op) {
    case AlertOp::acknowledge:
        a.state = AlertState::acknowledged;
        a.history.push_back({at, "acknowledged", c.by, a.severity, c.note});
        break;
    case AlertOp::assign:
    case AlertOp::dispatch:
        a.state = AlertState::assigned;
        a.assigned_to = c.team;
        a.history.push_back({at, c.op == AlertOp::dispatch ? "dispatched" : "assigned", c.by, a.severity, c.team});
        break;
    case AlertOp::resolve:
        a.outcome = c.outcome;
        close(a, AlertState::resolved, at, c.by, c.note.empty() ? c.outcome : c.outcome + ": " + c.note);
        break;
    case AlertOp::note: a.history.push_back({at, "note", c.by, a.severity, c.note}); break;
    }
    return a.id;
}

bool AlertBook::step(const std::string& id, TimePoint at, std::string what, std::string by, std::string detail) {
    auto it = alerts_.find(id);
    if (it == alerts_.end()) return false;
    it->second.history.push_back({at, std::move(what), std::move(by), it->second.severity, std::move(detail)});
    return true;
}

const Alert* AlertBook::find(const std::string& id) const {
    auto it = alerts_.find(id);
    return it == alerts_.end() ? nullptr : &it->second;
}

const Alert* AlertBook::open_for(AlertRule rule, const std::string& zone, const std::string& subject) const {
    const auto& open = open_about({rule, zone, subject});
    return open.empty() ? nullptr : &alerts_.at(*open.begin());
}

std::size_t AlertBook::open_count() const {
    return static_cast<std::size_t>(std::count_if(alerts_.begin(), alerts_.end(), [](const auto& kv) { return is_open(kv.second.state); }));
}

std::array<std::size_t, severity_count> AlertBook::open_by_severity(const std::string& station) const {
    std::array<std::size_t, severity_count> n{};
    for (const auto& [id, a] : alerts_)
        if (is_open(a.state) && a.station == station) ++n[static_cast<std::size_t>(a.severity)];
    return n;
}

nlohmann::json AlertBook::save() const {
    nlohmann::json alerts = nlohmann::json::array();
    for (const auto& [id, a] : alerts_) {
        auto j = to_json(a);
        if (auto it = closed_at_.find(id); it != closed_at_.end()) j["closed_at"] = to_epoch_ms(it->second);
        alerts.push_back(std::move(j));
    }
    return {{"next_number", next_number_}, {"alerts", alerts}};
}

void AlertBook::load(const nlohmann::json& j) {
    alerts_.clear();
    closed_at_.clear();
    next_number_ = j.at("next_number").get<std::int64_t>();
    for (const auto& aj : j.at("alerts")) {
        Alert a = alert_from_json(aj);
        if (aj.contains("closed_at")) closed_at_[a.id] = from_epoch_ms(aj.at("closed_at").get<std::int64_t>());
        alerts_.emplace(a.id, std::move(a));
    }
    index_open();
}

} // namespace platslage
