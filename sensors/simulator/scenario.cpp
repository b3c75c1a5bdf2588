#include "scenario.hpp"

#include "presence.hpp"
#include "topic.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <functional>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace platslage::sim {

namespace {

constexpr std::array<std::string_view, 8> zone_kinds{"hall",     "entrance", "waiting", "platform",
                                                     "restroom", "service",  "tunnel",  "passage"};
constexpr std::array<std::string_view, 7> weekday_names{"sunday",   "monday", "tuesday", "wednesday",
                                                        "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 7> category_keys{"sleeping", "intoxicated", "distress",    "needs_care",
                                                        "minor",    "family_with_children", "elderly"};
constexpr std::array<std::string_view, 3> report_keys{"observation", "incident", "patrol"};
constexpr double max_multiplier = 20.0;

std::string line_of(const toml::source_region& r) { return "line " + std::to_string(r.begin.line); }

// One table of the file being read. Remembers the keys it was asked for, so what is left
// over (a misspelt setting) is refused with its line.
class Reader {
public:
    Reader(const toml::table& t, std::string path, const std::string& file) : t_(t), path_(std::move(path)), file_(file) {}

    [[noreturn]] void fail(const toml::source_region& where, const std::string& what) const {
        throw std::runtime_error(file_ + ": " + line_of(where) + ": " + what);
    }
    [[noreturn]] void fail_here(const std::string& what) const { fail(t_.source(), what); }
    [[noreturn]] void fail(const std::string& key, const std::string& what) const {
        const toml::node* n = t_.get(key);
        fail(n ? n->source() : t_.source(), "'" + qualified(key) + "' " + what);
    }
    std::string qualified(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

    const toml::node* get(const std::string& key) {
        known_.insert(key);
        return t_.get(key);
    }
    bool has(const std::string& key) {
        known_.insert(key);
        return t_.contains(key);
    }
    std::optional<Reader> table(const std::string& key) {
        const toml::node* n = get(key);
        if (!n) return std::nullopt;
        if (!n->is_table()) fail(key, "must be a table: [" + qualified(key) + "]");
        return Reader(*n->as_table(), qualified(key), file_);
    }
    // [[key]] entries, each read by `read` with its own Reader.
    template <class F>
    void each(const std::string& key, F&& read) {
        const toml::node* n = get(key);
        if (!n) return;
        const toml::array* list = n->as_array();
        if (!list) fail(key, "must be a list of [[" + qualified(key) + "]] tables");
        for (const auto& entry : *list) {
            if (!entry.is_table()) fail(entry.source(), "each [[" + qualified(key) + "]] must be a table");
            Reader r(*entry.as_table(), qualified(key), file_);
            read(r);
            r.done();
        }
    }
    std::string text(const std::string& key, bool required = true) {
        const toml::node* n = get(key);
        if (!n) {
            if (required) fail(t_.source(), "'" + qualified(key) + "' is required");
            return {};
        }
        auto v = n->value<std::string>();
        if (!n->is_string() || v->empty()) fail(key, "must be text in quotes");
        return *v;
    }
    double number(const std::string& key, double otherwise, double min, double max) {
        const toml::node* n = get(key);
        if (!n) return otherwise;
        if (!n->is_number()) fail(key, "must be a number");
        double v = n->is_integer() ? static_cast<double>(*n->value<std::int64_t>()) : *n->value<double>();
        if (v < min || v > max) fail(key, "must be between " + show(min) + " and " + show(max));
        return v;
    }
    int whole(const std::string& key, int otherwise, int min, int max, bool required = false) {
        const toml::node* n = get(key);
        if (!n) {
            if (required) fail(t_.source(), "'" + qualified(key) + "' is required");
            return otherwise;
        }
        if (!n->is_integer()) fail(key, "must be a whole number");
        auto v = *n->value<std::int64_t>();
        if (v < min || v > max) fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
        return static_cast<int>(v);
    }
    // "21:00", local time, as a fractional hour.
    double time_of_day(const std::string& key) {
        std::string t = text(key);
        int h = -1, m = -1;
        if (t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
            std::isdigit(static_cast<unsigned char>(t[1])) && std::isdigit(static_cast<unsigned char>(t[3])) &&
            std::isdigit(static_cast<unsigned char>(t[4]))) {
            h = (t[0] - '0') * 10 + (t[1] - '0');
            m = (t[3] - '0') * 10 + (t[4] - '0');
        }
        if (h < 0 || h > 23 || m < 0 || m > 59) fail(key, "must be a time of day like \"21:00\" (00:00-23:59)");
        return h + m / 60.0;
    }
    template <std::size_t N>
    std::string one_of(const std::string& key, const std::array<std::string_view, N>& choices) {
        std::string v = text(key);
        if (std::find(choices.begin(), choices.end(), v) != choices.end()) return v;
        std::string list;
        for (auto c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
        fail(key, "must be one of: " + list);
    }
    // Every key is one of `choices`; each a multiplier 0-20.
    template <class Set>
    void multipliers(const Set& choices, const std::function<void(std::string_view, double)>& put) {
        for (const auto& [key, node] : t_) {
            std::string k(key.str());
            if (known_.contains(k)) continue;
            if (std::find(choices.begin(), choices.end(), k) == choices.end()) continue; // left for done()
            put(k, number(k, 1.0, 0.0, max_multiplier));
        }
    }
    // Refuses what nobody asked for: a misspelt setting must not keep its default silently.
    void done() const {
        for (const auto& [key, node] : t_)
            if (!known_.contains(std::string(key.str())))
                fail(key.source(), "unknown setting '" + qualified(std::string(key.str())) + "'");
    }

private:
    static std::string show(double v) {
        std::ostringstream o;
        o << v;
        return o.str();
    }
    const toml::table& t_;
    std::string path_;
    const std::string& file_;
    std::set<std::string, std::less<>> known_;
};

std::chrono::weekday weekday_named(std::string_view name) {
    for (unsigned i = 0; i < weekday_names.size(); ++i)
        if (weekday_names[i] == name) return std::chrono::weekday{i};
    return std::chrono::Monday;
}

std::string stem_of(const std::string& source) { return std::filesystem::path(source).stem().string(); }

} // namespace

Scenario default_scenario(const ZoneMap& zones) {
    Scenario s;
    s.name = "now";
    s.description = "the present moment, Stockholm's usual weather";
    auto stations = zones.stations();
    for (int i = 0; i < 3 && !stations.empty(); ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "team-%02d", i + 1);
        // Most pairs are the city's outreach workers; one is a mobile care team from Capio.
        s.teams.push_back(TeamPlan{id, stations[static_cast<std::size_t>(i) % stations.size()],
                                   i == 2 ? "capio" : "socialforvaltningen", {}});
    }
    return s;
}

std::string scenario_path(const std::string& name_or_path, const std::string& dir) {
    bool is_path = name_or_path.find('/') != std::string::npos ||
                   (name_or_path.size() > 5 && name_or_path.substr(name_or_path.size() - 5) == ".toml");
    return is_path ? name_or_path : (std::filesystem::path(dir) / (name_or_path + ".toml")).string();
}

Scenario load_scenario(const std::string& path, const ZoneMap& zones) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": no such scenario file");
    std::stringstream text;
    text << in.rdbuf();
    return parse_scenario(text.str(), path, zones);
}

Scenario parse_scenario(std::string_view toml_text, const std::string& source, const ZoneMap& zones) {
    toml::table root;
    try {
        root = toml::parse(toml_text, source);
    } catch (const toml::parse_error& e) {
        throw std::runtime_error(source + ": " + line_of(e.source()) + ": " + std::string(e.description()));
    }
    Scenario s;
    s.name = stem_of(source);
    s.starts_now = false;
    Reader top(root, "", source);
    s.description = top.text("description", false);

    auto start = top.table("start");
    if (!start) top.fail(root.source(), "[start] is required: weekday, time and month of the simulated start");
    s.start_day = weekday_named(start->one_of("weekday", weekday_names));
    s.start_hour = start->time_of_day("time");
    s.month = static_cast<unsigned>(start->whole("month", 11, 1, 12, /*required=*/true));
    start->done();

    top.each("weather", [&](Reader& w) {
        WeatherPoint p;
        p.hour = w.time_of_day("at");
        p.temperature_c = w.number("temperature-c", 0, -60, 50);
        if (!w.has("temperature-c")) w.fail_here("'weather.temperature-c' is required");
        p.warning_class = w.whole("warning-class", 0, 0, 3);
        for (const auto& q : s.weather)
            if (q.hour == p.hour) w.fail("at", "is given twice");
        s.weather.push_back(p);
    });

    if (auto g = top.table("guards")) {
        s.handhelds = g->whole("handhelds", s.handhelds, 0, 99);
        s.guards_per_handheld = g->whole("guards-per-handheld", s.guards_per_handheld, 1, 20);
        g->done();
    }

    std::vector<ShiftWindow> shifts;
    top.each("shift", [&](Reader& r) {
        ShiftWindow w;
        w.name = r.text("name");
        for (const auto& other : shifts)
            if (other.name == w.name) r.fail("name", "'" + w.name + "' is given twice");
        auto days = r.one_of("days", std::array<std::string_view, 3>{"weekdays", "weekend", "every-day"});
        w.days = days == "weekdays" ? ShiftDays::weekdays : days == "weekend" ? ShiftDays::weekend : ShiftDays::every_day;
        w.from_hour = r.time_of_day("from");
        w.to_hour = r.time_of_day("to");
        if (w.from_hour == w.to_hour) r.fail("to", "must differ from 'from'");
        shifts.push_back(w);
    });

    top.each("team", [&](Reader& r) {
        TeamPlan t;
        t.id = r.text("id");
        if (!is_actor_id(t.id)) r.fail("id", "must be 1-32 of A-Z a-z 0-9 _ - (a team, never a person)");
        for (const auto& other : s.teams)
            if (other.id == t.id) r.fail("id", "'" + t.id + "' is given twice");
        t.station = r.text("station");
        if (!zones.has_station(t.station)) r.fail("station", "'" + t.station + "' is not a station in the maps");
        t.organisation = r.text("org");
        auto orgs = organisation_ids();
        if (std::find(orgs.begin(), orgs.end(), t.organisation) == orgs.end())
            r.fail("org", "'" + t.organisation + "' is not an organisation of the protocol (docs/protocol.md)");
        const toml::node* list = r.get("shifts");
        if (!list || !list->is_array() || list->as_array()->empty())
            r.fail_here("'team.shifts' must list the team's shifts by name, e.g. [\"day\", \"weekend\"]");
        for (const auto& n : *list->as_array()) {
            auto name = n.value<std::string>();
            auto found = std::find_if(shifts.begin(), shifts.end(), [&](const ShiftWindow& w) { return name && w.name == *name; });
            if (!name || found == shifts.end())
                r.fail(n.source(), "'team.shifts' names a shift no [[shift]] above defines");
            t.shifts.push_back(*found);
        }
        s.teams.push_back(std::move(t));
    });

    if (auto o = top.table("outreach")) {
        s.decline_share = o->number("decline-share", s.decline_share, 0, 1);
        o->done();
    }
    if (auto r = top.table("reports")) {
        for (std::size_t i = 0; i < report_keys.size(); ++i)
            s.mix.report_kinds[i] = r->number(std::string(report_keys[i]), 1.0, 0, max_multiplier);
        r->done();
    }
    if (auto c = top.table("categories")) {
        for (std::size_t i = 0; i < category_keys.size(); ++i)
            s.mix.categories[i] = c->number(std::string(category_keys[i]), 1.0, 0, max_multiplier);
        c->done();
    }
    if (auto o = top.table("occupancy")) {
        o->multipliers(zone_kinds, [&](std::string_view k, double v) { s.mix.occupancy.emplace(k, v); });
        o->done();
    }
    if (auto r = top.table("resting")) {
        std::vector<std::string_view> keys(zone_kinds.begin(), zone_kinds.end());
        keys.push_back("lower-level");
        r->multipliers(keys, [&](std::string_view k, double v) { s.mix.resting.emplace(k, v); });
        r->done();
    }
    if (auto t = top.table("trains")) {
        s.mix.train_arrivals_per_hour = t->number("arrivals-per-hour", 0, 0, 60);
        s.mix.train_swell = t->number("swell", 0, 0, 3);
        t->done();
    }
    if (auto sh = top.table("shelters")) {
        s.shelter_occupancy = sh->number("occupancy", s.shelter_occupancy, 0, 1);
        sh->done();
    }
    top.done();
    return s;
}

void resize_teams(Scenario& s, int n) {
    if (n < 0) return;
    if (static_cast<std::size_t>(n) <= s.teams.size()) {
        s.teams.resize(static_cast<std::size_t>(n));
        return;
    }
    if (s.teams.empty()) return;
    const auto plans = s.teams;
    for (auto i = plans.size(); i < static_cast<std::size_t>(n); ++i) {
        TeamPlan t = plans[i % plans.size()];
        char id[16];
        std::snprintf(id, sizeof id, "team-%02zu", i + 1);
        t.id = id;
        while (std::any_of(s.teams.begin(), s.teams.end(), [&](const TeamPlan& o) { return o.id == t.id; })) t.id += "x";
        s.teams.push_back(t);
    }
}

} // namespace platslage::sim
