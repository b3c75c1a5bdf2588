#include "counters_config.hpp"

#include "camera_credentials.hpp"
#include "device_serial.hpp"
#include "toml_file.hpp"
#include "topic.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace platslage::counters {

namespace {
constexpr int max_scenario = 9999; // as parse_aoa_topic reads them

bool is_serial(std::string_view s) {
    return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    });
}

// One [[table]] entry being read: its settings, and errors that name it.
class Entry {
public:
    Entry(const toml::table& t, std::string where) : t_(t), where_(std::move(where)) {}
    const std::string& where() const { return where_; }
    [[noreturn]] void fail(const std::string& what) const { throw std::runtime_error(where_ + ": " + what); }

    void only(std::initializer_list<std::string_view> known) const {
        for (const auto& [key, value] : t_)
            if (std::find(known.begin(), known.end(), key.str()) == known.end())
                fail("unknown setting '" + std::string(key.str()) + "'");
    }
    bool has(const char* key) const { return t_.contains(key); }
    std::string text(const char* key) const {
        auto v = t_[key].value<std::string>();
        if (!v || v->empty()) fail(std::string("'") + key + "' is required text");
        return *v;
    }
    std::string one_of(const char* key, std::initializer_list<std::string_view> choices) const {
        auto v = t_[key].value<std::string>();
        if (v && std::find(choices.begin(), choices.end(), *v) != choices.end()) return *v;
        std::string list;
        for (auto c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
        fail(std::string("'") + key + "' must be one of: " + list);
    }
    bool boolean(const char* key, bool otherwise) const {
        if (!has(key)) return otherwise;
        auto v = t_[key].value<bool>();
        if (!v) fail(std::string("'") + key + "' must be true or false");
        return *v;
    }
    int whole(const char* key, int min, int max) const {
        auto v = t_[key].value_exact<std::int64_t>();
        if (!v || *v < min || *v > max)
            fail(std::string("'") + key + "' must be a whole number, " + std::to_string(min) + "-" + std::to_string(max));
        return static_cast<int>(*v);
    }
    std::string serial(const char* key) const {
        auto s = normalise_serial(text(key));
        if (!is_serial(s)) fail(std::string("'") + key + "' must be the device's serial: letters and digits, colons allowed");
        return s;
    }

private:
    const toml::table& t_;
    std::string where_;
};

// The entries of one [[name]] array, with their position for messages.
template <class F>
void each_entry(const toml::table& root, const std::string& path, const char* name, bool numbered_by_file_line, F&& read) {
    const auto* list = root[name].as_array();
    if (!list) {
        if (root.contains(name)) throw std::runtime_error(path + ": '" + name + "' must be a list of [[" + name + "]] tables");
        return;
    }
    int n = 0;
    for (const auto& node : *list) {
        ++n;
        // [[line]] entries were always named "line N"; the newer tables also give the file's line.
        auto where = numbered_by_file_line
                         ? path + ": [[" + name + "]] " + std::to_string(n) + " (line " +
                               std::to_string(node.source().begin.line) + ")"
                         : path + ": line " + std::to_string(n);
        const auto* t = node.as_table();
        if (!t) throw std::runtime_error(where + " must be a table");
        read(Entry(*t, where));
    }
}

// What every entry shares: the id the hub sees and a zone in the maps, each used once.
struct Checks {
    const ZoneMap& zones;
    std::set<std::pair<std::string, std::string>> lines; // (device, line or scenario)
    std::set<std::string> sensors;
    std::map<std::string, std::string> counted_by_lines;  // zone → a sensor of one of its lines
    std::map<std::string, std::string> counted_directly;  // zone → its area or state sensor

    void sensor_and_zone(const Entry& e, const std::string& sensor, const std::string& zone) {
        if (!zones.find(zone)) e.fail("zone '" + zone + "' is not in the maps");
        if (!is_actor_id(sensor)) e.fail("sensor '" + sensor + "' must be 1-32 of A-Z a-z 0-9 _ -");
    }
    void unique(const Entry& e, const std::string& device, const std::string& line, const std::string& what) {
        if (!lines.insert({device, line}).second) e.fail(what + " on device '" + device + "' is listed twice");
    }
    void sensor_once(const Entry& e, const std::string& sensor) {
        if (!sensors.insert(sensor).second) e.fail("sensor id '" + sensor + "' is used twice");
    }
    void counts(const Entry& e, const std::string& zone, const std::string& sensor, bool directly) {
        if (auto d = counted_directly.find(zone); d != counted_directly.end())
            e.fail("zone '" + zone + "' is already counted directly by sensor '" + d->second + "'");
        if (!directly) {
            counted_by_lines.emplace(zone, sensor);
            return;
        }
        if (auto l = counted_by_lines.find(zone); l != counted_by_lines.end())
            e.fail("zone '" + zone + "' is already counted by lines (sensor '" + l->second +
                   "'); an area or state counter cannot count it too");
        counted_directly.emplace(zone, sensor);
    }
};
} // namespace

CountersConfig load_counters_config(const std::string& path, const ZoneMap& zones) {
    toml::table root = read_toml_file(path);
    CountersConfig cfg;
    for (const auto& [key, value] : root)
        if (key.str() != "reset-hour" && key.str() != "line" && key.str() != "aoa" && key.str() != "xovis" &&
            key.str() != "live-sum")
            throw std::runtime_error(path + ": unknown setting '" + std::string(key.str()) + "'");
    if (auto h = root["reset-hour"]) {
        auto v = h.value<std::int64_t>();
        if (!v || *v < 0 || *v > 23) throw std::runtime_error(path + ": 'reset-hour' must be a whole hour, 0-23");
        cfg.reset_hour = static_cast<int>(*v);
    }
    Checks checks{zones, {}, {}, {}, {}};

    each_entry(root, path, "line", false, [&](const Entry& e) {
        e.only({"device", "line", "sensor", "zone", "in-enters"});
        CountingLine l{e.text("device"), e.text("line"), e.text("sensor"), e.text("zone"), e.boolean("in-enters", true)};
        l.device = normalise_serial(l.device);
        checks.sensor_and_zone(e, l.sensor, l.zone);
        checks.unique(e, l.device, l.line, "line '" + l.line + "'");
        checks.sensor_once(e, l.sensor);
        checks.counts(e, l.zone, l.sensor, false);
        cfg.lines.push_back(std::move(l));
    });

    each_entry(root, path, "aoa", true, [&](const Entry& e) {
        e.only({"device", "scenario", "kind", "sensor", "zone"});
        AoaScenario s;
        s.device = e.serial("device");
        s.scenario = e.whole("scenario", 1, max_scenario);
        auto kind = e.one_of("kind", {"crossline-in", "crossline-out", "area"});
        s.kind = kind == "crossline-in" ? AoaKind::crossline_in : kind == "crossline-out" ? AoaKind::crossline_out : AoaKind::area;
        s.sensor = e.text("sensor");
        s.zone = e.text("zone");
        checks.sensor_and_zone(e, s.sensor, s.zone);
        checks.unique(e, s.device, aoa_line_name(s.scenario), "scenario " + std::to_string(s.scenario));
        checks.sensor_once(e, s.sensor);
        checks.counts(e, s.zone, s.sensor, s.kind == AoaKind::area);
        cfg.aoa.push_back(std::move(s));
    });

    each_entry(root, path, "xovis", true, [&](const Entry& e) {
        e.only({"device", "element", "counter", "kind", "forward-enters", "sensor", "zone", "topic"});
        XovisCounter c;
        c.device = e.serial("device");
        auto kind = e.one_of("kind", {"line", "in", "out", "state"});
        c.kind = kind == "line" ? XovisKind::line : kind == "in" ? XovisKind::in : kind == "out" ? XovisKind::out : XovisKind::state;
        if (c.kind == XovisKind::line) {
            if (e.has("counter")) e.fail("'counter' names a v5 counter; a line element (kind line) has none");
            c.element = e.text("element");
            c.forward_enters = e.boolean("forward-enters", true);
        } else {
            if (e.has("forward-enters")) e.fail("'forward-enters' is for line elements; a v5 counter says its way by kind in or out");
            c.counter = e.text("counter");
            if (e.has("element")) c.element = e.text("element");
        }
        c.sensor = e.text("sensor");
        c.zone = e.text("zone");
        if (e.has("topic")) {
            c.topic = e.text("topic");
            if (c.topic.find_first_of("+#") != std::string::npos || c.topic.size() > 256)
                e.fail("'topic' must be the MQTT topic the sensor publishes to: no wildcards, at most 256 characters");
            for (const auto& other : cfg.xovis)
                if (other.topic == c.topic && normalise_serial(other.device) != normalise_serial(c.device))
                    e.fail("topic '" + c.topic + "' is given for two sensors: '" + other.device + "' and '" + c.device + "'");
        }
        checks.sensor_and_zone(e, c.sensor, c.zone);
        auto what = c.kind == XovisKind::line ? "element '" + c.element + "'" : "counter '" + xovis_line_name(c) + "'";
        checks.unique(e, c.device, xovis_line_name(c), what);
        // A counter named without its logic is found by name alone: then the name must be its own.
        for (const auto& other : cfg.xovis)
            if (other.device == c.device && other.kind != XovisKind::line && c.kind != XovisKind::line &&
                other.counter == c.counter && (other.element.empty() || c.element.empty()))
                e.fail("counter '" + c.counter + "' on device '" + c.device +
                       "' is listed twice; name the logic of each with 'element'");
        checks.sensor_once(e, c.sensor);
        checks.counts(e, c.zone, c.sensor, c.kind == XovisKind::state);
        cfg.xovis.push_back(std::move(c));
    });

    each_entry(root, path, "live-sum", true, [&](const Entry& e) {
        e.only({"url", "every-s", "timeout-s", "credentials-file", "credentials-env", "auth"});
        LiveSumCamera c;
        c.url = e.text("url");
        std::string why;
        auto url = split_http_url(c.url, why);
        if (!url) e.fail("'url' " + why);
        c.origin = url->origin;
        c.target = url->target;
        for (const auto& other : cfg.live_sum)
            if (other.origin == c.origin && other.target == c.target) e.fail("url '" + c.url + "' is listed twice");
        if (e.has("every-s")) c.every = std::chrono::seconds(e.whole("every-s", 1, 3600));
        // A poll should be over before the camera's next turn; the poller asks one camera at a time.
        c.timeout = std::min(c.timeout, c.every);
        if (e.has("timeout-s")) c.timeout = std::chrono::seconds(e.whole("timeout-s", 1, 60));
        if (c.timeout > c.every) e.fail("'timeout-s' must not be longer than 'every-s'");
        if (e.has("credentials-file") && e.has("credentials-env"))
            e.fail("give the credentials either by 'credentials-file' or by 'credentials-env', not both");
        try {
            if (e.has("credentials-file")) c.credentials = credentials_from_file(e.text("credentials-file"));
            if (e.has("credentials-env")) c.credentials = credentials_from_env(e.text("credentials-env"));
        } catch (const std::runtime_error& bad) {
            e.fail(bad.what());
        }
        if (e.has("auth")) {
            if (!c.credentials) e.fail("'auth' needs credentials-file or credentials-env");
            c.credentials->digest = e.one_of("auth", {"digest", "basic"}) == "digest";
        }
        cfg.live_sum.push_back(std::move(c));
    });
    if (!cfg.live_sum.empty() && cfg.lines.empty())
        throw std::runtime_error(path + ": [[live-sum]] cameras answer for [[line]] entries, and there are none");

    if (cfg.lines.empty() && cfg.aoa.empty() && cfg.xovis.empty())
        throw std::runtime_error(path + ": no [[line]], [[aoa]] or [[xovis]] entries");
    return cfg;
}

std::vector<CountingLine> counting_lines(const CountersConfig& cfg) {
    std::vector<CountingLine> out = cfg.lines;
    for (const auto& s : cfg.aoa)
        if (s.kind != AoaKind::area)
            out.push_back({s.device, aoa_line_name(s.scenario), s.sensor, s.zone, s.kind == AoaKind::crossline_in});
    for (const auto& c : cfg.xovis) {
        if (c.kind == XovisKind::state) continue;
        // A v5 counter counts one way: its increments are LineDelta::in, its decrements ::out.
        bool in_enters = c.kind == XovisKind::line ? c.forward_enters : c.kind == XovisKind::in;
        out.push_back({c.device, xovis_line_name(c), c.sensor, c.zone, in_enters});
    }
    return out;
}

} // namespace platslage::counters
