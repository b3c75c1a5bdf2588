#include "rules_config.hpp"

#include "toml_file.hpp"

#include <set>
#include <stdexcept>

namespace platslage {

namespace {

// Reads one table, remembering which keys it knew, so leftovers can be refused.
class Table {
public:
    Table(const toml::table* t, std::string path, std::string file) : t_(t), path_(std::move(path)), file_(std::move(file)) {}

    Table sub(const char* name) {
        known_.insert(name);
        const toml::table* child = nullptr;
        if (t_) {
            if (auto node = t_->get(name)) {
                child = node->as_table();
                if (!child) fail(name, "must be a table");
            }
        }
        return Table(child, path_.empty() ? name : path_ + "." + name, file_);
    }
    // Weights and factors: never negative (a negative weight would hide a need).
    void number(const char* name, double& v) {
        if (auto n = get(name)) {
            if (!n->is_number()) fail(name, "must be a number");
            v = n->is_integer() ? static_cast<double>(*n->value<std::int64_t>()) : *n->value<double>();
            if (v < 0) fail(name, "must not be negative");
        }
    }
    void signed_number(const char* name, double& v) {
        if (auto n = get(name)) {
            if (!n->is_number()) fail(name, "must be a number");
            v = n->is_integer() ? static_cast<double>(*n->value<std::int64_t>()) : *n->value<double>();
        }
    }
    void integer(const char* name, int& v, int min, int max) {
        if (auto n = get(name)) {
            if (!n->is_integer()) fail(name, "must be an integer");
            auto x = *n->value<std::int64_t>();
            if (x < min || x > max) fail(name, "must be between " + std::to_string(min) + " and " + std::to_string(max));
            v = static_cast<int>(x);
        }
    }
    void minutes(const char* name, Millis& v) {
        int m = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(v).count());
        integer(name, m, 0, 60 * 24 * 30);
        v = std::chrono::minutes(m);
    }
    void seconds(const char* name, Millis& v) {
        int sec = static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(v).count());
        integer(name, sec, 0, 60 * 60 * 24);
        v = std::chrono::seconds(sec);
    }
    void boolean(const char* name, bool& v) {
        if (auto n = get(name)) {
            if (!n->is_boolean()) fail(name, "must be true or false");
            v = *n->value<bool>();
        }
    }
    void severity(const char* name, Severity& v) {
        if (auto n = get(name)) {
            auto s = n->value<std::string>();
            auto sev = s ? severity_from_name(*s) : std::nullopt;
            if (!sev) fail(name, "must be one of warning, minor, major, critical");
            v = *sev;
        }
    }
    // Refuses keys nobody asked for: a misspelt weight must not silently keep its default.
    void no_leftovers() const {
        if (!t_) return;
        for (const auto& [key, value] : *t_)
            if (!known_.contains(std::string(key.str())))
                throw std::runtime_error(file_ + ": unknown setting '" + qualified(std::string(key.str())) + "'");
    }

private:
    const toml::node* get(const char* name) {
        known_.insert(name);
        return t_ ? t_->get(name) : nullptr;
    }
    [[noreturn]] void fail(const char* name, const std::string& why) const {
        throw std::runtime_error(file_ + ": '" + qualified(name) + "' " + why);
    }
    std::string qualified(const std::string& name) const { return path_.empty() ? name : path_ + "." + name; }

    const toml::table* t_;
    std::string path_, file_;
    std::set<std::string> known_;
};

void read_hotspot(Table& top, FusionSettings& s, const std::string& path) {
    auto hot = top.sub("hotspot");
    auto cat = hot.sub("category");
    for (auto c : all_categories()) cat.number(std::string(category_name(c)).c_str(), s.weights.category[static_cast<std::size_t>(c)]);
    cat.no_leftovers();
    hot.number("present", s.weights.present);
    hot.number("incident", s.weights.incident);
    hot.integer("persons-cap", s.weights.persons_cap, 1, 500);
    hot.minutes("half-life-min", s.weights.half_life);
    hot.number("after-outreach", s.weights.after_outreach);
    hot.minutes("gap-from-min", s.weights.gap_from);
    hot.minutes("gap-full-min", s.weights.gap_full);
    hot.number("gap-weight", s.weights.gap_weight);
    hot.number("night-factor", s.weights.night_factor);
    hot.number("per-night", s.weights.per_night);
    hot.integer("nights-of", s.weights.nights_of, 1, 14);
    hot.number("crowd-weight", s.weights.crowd_weight);
    hot.number("crowd-from", s.weights.crowd_from);
    hot.number("crowd-full", s.weights.crowd_full);
    hot.minutes("activity-window-min", s.activity_window);
    hot.no_leftovers();
    if (s.weights.half_life.count() <= 0 || s.weights.gap_full <= s.weights.gap_from || s.weights.crowd_full <= s.weights.crowd_from)
        throw std::runtime_error(path + ": half-life-min > 0, gap-full-min > gap-from-min and crowd-full > crowd-from are needed");
}

void read_alerts(Table& top, FusionSettings& s, const std::string& path) {
    auto alerts = top.sub("alerts");
    alerts.minutes("keep-closed-min", s.alerts.keep_closed);
    auto ack = alerts.sub("acknowledge-within-min");
    for (std::size_t i = 0; i < severity_count; ++i) {
        ack.minutes(std::string(severity_name(static_cast<Severity>(i))).c_str(), s.alerts.ack_within[i]);
        if (s.alerts.ack_within[i].count() <= 0) throw std::runtime_error(path + ": acknowledge-within-min must be above 0");
    }
    ack.no_leftovers();
    auto rules = alerts.sub("rules");
    for (std::size_t i = 0; i < rule_count; ++i) {
        auto r = rules.sub(std::string(rule_name(static_cast<AlertRule>(i))).c_str());
        auto& rs = s.alerts.rules[i];
        r.severity("severity", rs.severity);
        r.minutes("join-window-min", rs.join_window);
        r.minutes("expire-after-min", rs.expire_after);
        r.boolean("enabled", rs.enabled);
        r.severity("escalate-to", rs.escalate_to);
        r.no_leftovers();
    }
    rules.no_leftovers();
    auto th = alerts.sub("thresholds");
    th.integer("crowding-percent", s.rules.crowding_percent, 1, 1000);
    th.integer("crowding-clear-percent", s.rules.crowding_clear_percent, 0, 1000);
    th.integer("repeated-nights", s.rules.repeated_nights, 1, 14);
    th.integer("repeated-of-nights", s.rules.repeated_of_nights, 1, 14);
    th.minutes("coverage-gap-min", s.rules.coverage_gap_after);
    th.integer("coverage-gap-score", s.rules.coverage_gap_score, 0, 100);
    th.signed_number("cold-at-or-below-c", s.rules.cold.at_or_below_c);
    th.integer("cold-warning-class", s.rules.cold.warning_class_from, 1, 3);
    th.severity("cold-sleeping-severity", s.rules.cold_sleeping);
    th.boolean("child-at-night-critical", s.rules.child_at_night_critical);
    th.no_leftovers();
    if (s.rules.crowding_clear_percent >= s.rules.crowding_percent)
        throw std::runtime_error(path + ": crowding-clear-percent must be below crowding-percent (else it flaps at the line)");
    if (s.rules.repeated_nights > s.rules.repeated_of_nights)
        throw std::runtime_error(path + ": repeated-nights cannot exceed repeated-of-nights (the rule could never fire)");
    alerts.no_leftovers();
}

} // namespace

FusionSettings load_rules(const std::string& path, FusionSettings s) {
    toml::table root = read_toml_file(path);
    Table top(&root, "", path);

    auto night = top.sub("night");
    night.integer("start-hour", s.night.start_hour, 0, 23);
    night.integer("end-hour", s.night.end_hour, 0, 23);
    night.no_leftovers();
    if (s.night.start_hour == s.night.end_hour) throw std::runtime_error(path + ": night start-hour and end-hour must differ");

    read_hotspot(top, s, path);
    read_alerts(top, s, path);

    auto dispatch = top.sub("dispatch");
    dispatch.seconds("answer-within-s", s.dispatch.answer_within);
    dispatch.minutes("team-silent-after-min", s.dispatch.team_silent_after);
    dispatch.minutes("keep-finished-min", s.dispatch.keep_finished);
    dispatch.no_leftovers();
    if (s.dispatch.answer_within.count() <= 0 || s.dispatch.team_silent_after.count() <= 0)
        throw std::runtime_error(path + ": answer-within-s and team-silent-after-min must be above 0");
    top.no_leftovers();
    return s;
}

} // namespace platslage
