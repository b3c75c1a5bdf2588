#include "counters_config.hpp"

#include "toml_file.hpp"
#include "topic.hpp"

#include <set>
#include <stdexcept>

namespace platslage::sim {

CountersConfig load_counters_config(const std::string& path, const ZoneMap& zones) {
    toml::table root = read_toml_file(path);
    CountersConfig cfg;
    for (const auto& [key, value] : root)
        if (key.str() != "reset-hour" && key.str() != "line")
            throw std::runtime_error(path + ": unknown setting '" + std::string(key.str()) + "'");
    if (auto h = root["reset-hour"]) {
        auto v = h.value<std::int64_t>();
        if (!v || *v < 0 || *v > 23) throw std::runtime_error(path + ": 'reset-hour' must be a whole hour, 0-23");
        cfg.reset_hour = static_cast<int>(*v);
    }
    const auto* lines = root["line"].as_array();
    if (!lines || lines->empty()) throw std::runtime_error(path + ": no [[line]] entries");
    std::set<std::pair<std::string, std::string>> seen;
    std::set<std::string> sensors;
    int n = 0;
    for (const auto& node : *lines) {
        ++n;
        auto where = path + ": line " + std::to_string(n);
        const auto* t = node.as_table();
        if (!t) throw std::runtime_error(where + " must be a table");
        for (const auto& [key, value] : *t) {
            static const std::set<std::string_view> known{"device", "line", "sensor", "zone", "in-enters"};
            if (!known.contains(key.str())) throw std::runtime_error(where + ": unknown setting '" + std::string(key.str()) + "'");
        }
        auto text = [&](const char* key) {
            auto v = (*t)[key].value<std::string>();
            if (!v || v->empty()) throw std::runtime_error(where + ": '" + key + "' is required text");
            return *v;
        };
        CountingLine l{text("device"), text("line"), text("sensor"), text("zone"), true};
        if (auto in = (*t)["in-enters"]) {
            auto v = in.value<bool>();
            if (!v) throw std::runtime_error(where + ": 'in-enters' must be true or false");
            l.in_enters = *v;
        }
        if (!zones.find(l.zone)) throw std::runtime_error(where + ": zone '" + l.zone + "' is not in the maps");
        if (!is_actor_id(l.sensor)) throw std::runtime_error(where + ": sensor '" + l.sensor + "' must be 1-32 of A-Z a-z 0-9 _ -");
        if (!seen.insert({l.device, l.line}).second)
            throw std::runtime_error(where + ": line '" + l.line + "' on device '" + l.device + "' is listed twice");
        if (!sensors.insert(l.sensor).second) throw std::runtime_error(where + ": sensor id '" + l.sensor + "' is used twice");
        cfg.lines.push_back(std::move(l));
    }
    return cfg;
}

} // namespace platslage::sim
