#include "xovis_live.hpp"

#include "device_serial.hpp"
#include "json_fields.hpp"
#include "vendor_fields.hpp"

#include <algorithm>

namespace platslage::counters {

using nlohmann::json;

namespace {
// A push may carry many frames or bins (package size, retries after an outage).
constexpr std::size_t max_push_bytes = 1 << 20;
constexpr std::int64_t max_bin_count = std::int64_t{1} << 40;
// Bins older than this behind the newest one of an element are forgotten: a retry that late
// is not expected, and the memory stays bounded.
constexpr auto bin_memory = std::chrono::hours(48);

std::string at_index(std::string_view path, std::size_t i) { return std::string(path) + "[" + std::to_string(i) + "]"; }
std::string join(std::string_view a, std::string_view b) { return std::string(a) + "." + std::string(b); }

const json* optional_field(const json& parent, const char* key) {
    auto it = parent.find(key);
    return it == parent.end() || it->is_null() ? nullptr : &*it;
}
} // namespace

std::string xovis_line_name(const XovisCounter& c) {
    if (c.kind == XovisKind::line || c.counter.empty()) return c.element;
    return c.element.empty() ? c.counter : c.element + "/" + c.counter;
}

XovisLive::XovisLive(std::vector<XovisCounter> counters) : counters_(std::move(counters)) {
    for (auto& c : counters_) c.device = normalise_serial(c.device);
}

bool XovisLive::knows_sensor(const std::string& serial) const {
    return std::any_of(counters_.begin(), counters_.end(), [&](const XovisCounter& c) { return c.device == serial; });
}

Checked<XovisBatch> XovisLive::read(std::string_view payload, TimePoint now) {
    auto doc = parse_object(payload, max_push_bytes);
    if (!doc) return doc.rejection();
    bool legacy = doc->contains("content"), live = doc->contains("live_data");
    if (legacy && live) return Rejection{RejectReason::bad_value, "both 'content' and 'live_data': not one Xovis push"};
    if (legacy) return read_line_counts(*doc, now);
    if (live) {
        auto data = object_at(*doc, "live_data", "live_data");
        if (!data) return data.rejection();
        return read_live_data(**data, now);
    }
    return Rejection{RejectReason::missing_field,
                     "neither 'content' (a line count push) nor 'live_data' (v5 live data): not a Xovis push we read"};
}

// ---- line count push (firmware before 5) ----

Checked<XovisBatch> XovisLive::read_line_counts(const json& doc, TimePoint now) {
    auto info = object_at(doc, "sensor-info", "sensor-info");
    if (!info) return info.rejection();
    auto raw_serial = text_at(**info, "serial-number", "sensor-info.serial-number");
    if (!raw_serial) return raw_serial.rejection();
    auto serial = normalise_serial(*raw_serial);
    auto content = object_at(doc, "content", "content");
    if (!content) return content.rejection();
    auto elements = array_at(**content, "element", "content.element");
    if (!elements) return elements.rejection();

    // Read the whole push first: one part we cannot read refuses it all, before anything is remembered.
    std::vector<Element> read;
    for (std::size_t i = 0; i < (*elements)->size(); ++i) {
        auto path = at_index("content.element", i);
        const auto& e = (**elements)[i];
        if (!e.is_object()) return Rejection{RejectReason::wrong_type, "field '" + path + "' must be an object"};
        auto name = text_at(e, "element-name", join(path, "element-name"), 128);
        if (!name) return name.rejection();
        auto type = text_at(e, "data-type", join(path, "data-type"));
        if (!type) return type.rejection();
        Element el{*name, *type, {}};
        if (*type != "LINE") { // a zone push's bins are not known (no public example): not read at all
            read.push_back(std::move(el));
            continue;
        }
        auto bins = array_at(e, "measurement", join(path, "measurement"));
        if (!bins) return bins.rejection();
        for (std::size_t j = 0; j < (*bins)->size(); ++j) {
            auto bpath = join(path, at_index("measurement", j));
            const auto& b = (**bins)[j];
            if (!b.is_object()) return Rejection{RejectReason::wrong_type, "field '" + bpath + "' must be an object"};
            auto from = time_at(b, "from", join(bpath, "from"), now);
            if (!from) return from.rejection();
            auto to = time_at(b, "to", join(bpath, "to"), now);
            if (!to) return to.rejection();
            if (*to <= *from) return Rejection{RejectReason::bad_timestamp, "field '" + bpath + "' ends before it begins"};
            auto values = array_at(b, "value", join(bpath, "value"));
            if (!values) return values.rejection();
            std::optional<std::int64_t> fw, bw;
            for (std::size_t k = 0; k < (*values)->size(); ++k) {
                auto vpath = join(bpath, at_index("value", k));
                const auto& v = (**values)[k];
                if (!v.is_object()) return Rejection{RejectReason::wrong_type, "field '" + vpath + "' must be an object"};
                auto label = text_at(v, "label", join(vpath, "label"));
                if (!label) return label.rejection();
                auto n = integer_at(v, "value", join(vpath, "value"), 0, max_bin_count);
                if (!n) return n.rejection();
                // fw and bw are all a line bin is known to hold; another label may be a count we misread.
                if (*label != "fw" && *label != "bw")
                    return Rejection{RejectReason::bad_value, "field '" + vpath + ".label' must be 'fw' or 'bw'"};
                auto& slot = *label == "fw" ? fw : bw;
                if (slot) return Rejection{RejectReason::bad_value, "field '" + bpath + ".value' holds '" + *label + "' twice"};
                slot = *n;
            }
            if (!fw || !bw)
                return Rejection{RejectReason::missing_field, "field '" + bpath + ".value' must hold one 'fw' and one 'bw'"};
            el.bins.push_back(Bin{*to, *fw, *bw});
        }
        read.push_back(std::move(el));
    }
    if (!knows_sensor(serial))
        return Rejection{RejectReason::unknown_sensor, "Xovis sensor " + serial + " is not in the counters config"};

    XovisBatch out;
    for (const auto& el : read) {
        auto cfg = std::find_if(counters_.begin(), counters_.end(), [&](const XovisCounter& c) {
            return c.device == serial && c.kind == XovisKind::line && c.element == el.name;
        });
        if (el.data_type != "LINE") {
            out.refused.push_back({RejectReason::bad_value, "element '" + el.name + "' on sensor " + serial + " is of type '" +
                                                                el.data_type + "': only LINE elements are read"});
            continue;
        }
        if (cfg == counters_.end()) {
            out.refused.push_back({RejectReason::unknown_sensor,
                                   "line element '" + el.name + "' on sensor " + serial + " is not in the counters config"});
            continue;
        }
        auto& seen = bins_[serial + "\n" + el.name];
        for (const auto& b : el.bins) {
            if (!seen.insert(b.to).second) {
                ++out.repeated;
                continue;
            }
            // fw and bw are the device's own directions; which of them enters is the config's business.
            out.readings.push_back(LineDelta{serial, xovis_line_name(*cfg), b.to, b.fw, b.bw});
        }
        if (!seen.empty()) seen.erase(seen.begin(), seen.lower_bound(*seen.rbegin() - bin_memory));
    }
    std::stable_sort(out.readings.begin(), out.readings.end(),
                     [](const CounterReading& a, const CounterReading& b) { return reading_time(a) < reading_time(b); });
    return out;
}

// ---- v5 live data ----

Checked<XovisBatch> XovisLive::read_live_data(const json& live, TimePoint now) {
    if (const json* pkg = optional_field(live, "package_info")) {
        if (!pkg->is_object()) return Rejection{RejectReason::wrong_type, "field 'live_data.package_info' must be an object"};
        if (optional_field(*pkg, "version")) {
            auto version = text_at(*pkg, "version", "live_data.package_info.version");
            if (!version) return version.rejection();
            if (!version->starts_with("5."))
                return Rejection{RejectReason::wrong_version, "live data version '" + *version + "'; 5.x is read"};
        }
    }
    auto info = object_at(live, "sensor_info", "live_data.sensor_info");
    if (!info) return info.rejection();
    auto raw_serial = text_at(**info, "serial_number", "live_data.sensor_info.serial_number");
    if (!raw_serial) return raw_serial.rejection();
    auto serial = normalise_serial(*raw_serial);

    // The counter map, when the push carries one (metadata REFERENCED or FULL).
    std::optional<CountMap> pushed;
    if (const json* config = optional_field(live, "config"); config && optional_field(*config, "counts")) {
        if (!config->is_object()) return Rejection{RejectReason::wrong_type, "field 'live_data.config' must be an object"};
        std::map<std::int64_t, std::string> logics;
        if (optional_field(*config, "logics")) {
            auto list = array_at(*config, "logics", "live_data.config.logics");
            if (!list) return list.rejection();
            for (std::size_t i = 0; i < (*list)->size(); ++i) {
                auto path = at_index("live_data.config.logics", i);
                const auto& l = (**list)[i];
                if (!l.is_object()) return Rejection{RejectReason::wrong_type, "field '" + path + "' must be an object"};
                auto id = integer_at(l, "id", join(path, "id"), INT64_MIN, INT64_MAX);
                if (!id) return id.rejection();
                auto name = text_at(l, "name", join(path, "name"), 128);
                if (!name) return name.rejection();
                logics[*id] = *name;
            }
        }
        auto counts = array_at(*config, "counts", "live_data.config.counts");
        if (!counts) return counts.rejection();
        pushed.emplace();
        for (std::size_t i = 0; i < (*counts)->size(); ++i) {
            auto path = at_index("live_data.config.counts", i);
            const auto& c = (**counts)[i];
            if (!c.is_object()) return Rejection{RejectReason::wrong_type, "field '" + path + "' must be an object"};
            auto id = integer_at(c, "id", join(path, "id"), INT64_MIN, INT64_MAX);
            if (!id) return id.rejection();
            auto name = text_at(c, "name", join(path, "name"), 128);
            if (!name) return name.rejection();
            auto type = text_at(c, "type", join(path, "type"));
            if (!type) return type.rejection();
            std::string logic;
            if (optional_field(c, "logic_id")) {
                auto logic_id = integer_at(c, "logic_id", join(path, "logic_id"), INT64_MIN, INT64_MAX);
                if (!logic_id) return logic_id.rejection();
                if (auto it = logics.find(*logic_id); it != logics.end()) logic = it->second;
            }
            if (!pushed->emplace(*id, CountDef{*name, logic, *type}).second)
                return Rejection{RejectReason::bad_value, "field '" + path + ".id' repeats a counter id"};
        }
    }

    std::vector<Frame> frames;
    auto list = array_at(live, "frames", "live_data.frames");
    if (!list) return list.rejection();
    for (std::size_t i = 0; i < (*list)->size(); ++i) {
        auto path = at_index("live_data.frames", i);
        const auto& f = (**list)[i];
        if (!f.is_object()) return Rejection{RejectReason::wrong_type, "field '" + path + "' must be an object"};
        auto number = integer_at(f, "framenumber", join(path, "framenumber"), 0, INT64_MAX);
        if (!number) return number.rejection();
        auto time = time_at(f, "time", join(path, "time"), now);
        if (!time) return time.rejection();
        Frame frame{*time, *number, {}};
        if (optional_field(f, "events")) {
            auto events = array_at(f, "events", join(path, "events"));
            if (!events) return events.rejection();
            for (std::size_t j = 0; j < (*events)->size(); ++j) {
                auto epath = join(path, at_index("events", j));
                const auto& e = (**events)[j];
                if (!e.is_object()) return Rejection{RejectReason::wrong_type, "field '" + epath + "' must be an object"};
                auto category = text_at(e, "category", join(epath, "category"));
                if (!category) return category.rejection();
                if (*category != "COUNT") continue; // SCENE, INFO: nothing for a count
                auto type = text_at(e, "type", join(epath, "type"));
                if (!type) return type.rejection();
                if (*type == "WRONG_WAY_DETECTED") continue; // a warning; the counters say what moved
                if (*type != "COUNT_INCREMENT" && *type != "COUNT_DECREMENT" && *type != "COUNT_RESET")
                    return Rejection{RejectReason::bad_value, "field '" + epath + ".type' is not a COUNT event type we read"};
                auto attrs = object_at(e, "attributes", join(epath, "attributes"));
                if (!attrs) return attrs.rejection();
                auto id = integer_at(**attrs, "counter_id", join(epath, "attributes.counter_id"), INT64_MIN, INT64_MAX);
                if (!id) return id.rejection();
                // counter_value (the value after the change) is what open-source receivers
                // read; without it an event says nothing we could count.
                auto value = integer_at(**attrs, "counter_value", join(epath, "attributes.counter_value"), INT64_MIN, INT64_MAX);
                if (!value) return value.rejection();
                frame.events.push_back(CountEvent{*type, *id, *value});
            }
        }
        frames.push_back(std::move(frame));
    }
    if (!knows_sensor(serial))
        return Rejection{RejectReason::unknown_sensor, "Xovis sensor " + serial + " is not in the counters config"};
    bool has_events = std::any_of(frames.begin(), frames.end(), [](const Frame& f) { return !f.events.empty(); });
    if (pushed) {
        count_maps_[serial] = std::move(*pushed);
    } else if (has_events && !count_maps_.contains(serial)) {
        return Rejection{RejectReason::missing_field,
                         "no 'live_data.config.counts' in this push and none known for sensor " + serial +
                             ": set the agent's metadata to REFERENCED or FULL"};
    }

    XovisBatch out;
    std::sort(frames.begin(), frames.end(),
              [](const Frame& a, const Frame& b) { return std::pair(a.time, a.number) < std::pair(b.time, b.number); });
    auto last = last_frame_.find(serial);
    std::set<std::int64_t> refused_ids; // one refusal per counter and push, not one per event
    for (const auto& f : frames) {
        // A frame at or before the last one taken is a repeat (or too late to place).
        if (last != last_frame_.end() && std::pair(f.time, f.number) <= last->second) {
            ++out.repeated;
            continue;
        }
        for (const auto& e : f.events) {
            auto cfg = match_counter(serial, e.counter_id, count_maps_[serial]);
            if (!cfg) {
                if (refused_ids.insert(e.counter_id).second) out.refused.push_back(cfg.rejection());
                continue;
            }
            take_event(serial, **cfg, f, e, out);
        }
        last_frame_[serial] = {f.time, f.number};
        last = last_frame_.find(serial);
    }
    return out;
}

Checked<const XovisCounter*> XovisLive::match_counter(const std::string& serial, std::int64_t id,
                                                      const CountMap& counts) const {
    auto def = counts.find(id);
    if (def == counts.end())
        return Rejection{RejectReason::unknown_sensor,
                         "counter id " + std::to_string(id) + " is not in the counter map of sensor " + serial};
    const XovisCounter* found = nullptr;
    for (const auto& c : counters_) {
        if (c.device != serial || c.kind == XovisKind::line || c.counter != def->second.name) continue;
        if (!c.element.empty() && c.element != def->second.logic) continue;
        found = &c;
    }
    auto named = "counter '" + def->second.name + "'" +
                 (def->second.logic.empty() ? "" : " of logic '" + def->second.logic + "'") + " on sensor " + serial;
    if (!found) return Rejection{RejectReason::unknown_sensor, named + " is not in the counters config"};
    if (found->element.empty()) {
        // Matched by name alone: that is only safe while the name is the sensor's only one.
        auto same = std::count_if(counts.begin(), counts.end(),
                                  [&](const auto& kv) { return kv.second.name == def->second.name; });
        if (same > 1)
            return Rejection{RejectReason::bad_value, "two counters named '" + def->second.name + "' on sensor " + serial +
                                                          ": name the logic with 'element' in the counters config"};
    }
    bool state = found->kind == XovisKind::state;
    if (def->second.type != (state ? "state" : "accumulation"))
        return Rejection{RejectReason::bad_value, named + " is of type '" + def->second.type + "', the counters config wants " +
                                                      (state ? "state" : "accumulation")};
    return found;
}

void XovisLive::take_event(const std::string& serial, const XovisCounter& cfg, const Frame& f, const CountEvent& e,
                           XovisBatch& out) {
    if (cfg.kind == XovisKind::state) {
        // The people in the zone now. Below zero is the sensor's drift: an empty zone, the
        // same never-below-zero rule as for lines.
        if (e.value > max_occupancy) {
            out.refused.push_back({RejectReason::bad_value, "state counter '" + cfg.counter + "' on sensor " + serial +
                                                                " says more than " + std::to_string(max_occupancy) + " people"});
            return;
        }
        out.readings.push_back(OccupancySample{cfg.sensor, cfg.zone, f.time, static_cast<int>(std::max<std::int64_t>(0, e.value))});
        return;
    }
    // A line counter's value is its running total in one direction. The event type says why
    // it changed, so a decrement (a crossing taken back) is not mistaken for a reset.
    auto line = xovis_line_name(cfg);
    if (e.value < 0) {
        out.refused.push_back({RejectReason::bad_value, "counter '" + cfg.counter + "' on sensor " + serial + " is below zero"});
        return;
    }
    auto key = serial + "\n" + std::to_string(e.counter_id);
    auto before = last_value_.find(key);
    LineDelta d{serial, line, f.time, 0, 0};
    if (e.type == "COUNT_RESET" || before == last_value_.end()) {
        // A reset, or the first value heard: the baseline; nothing moved that we know of.
    } else if (e.type == "COUNT_INCREMENT") {
        // Lower than before without a reset event: a reset we did not hear, counted since.
        d.in = e.value >= before->second ? e.value - before->second : e.value;
    } else if (e.value <= before->second) { // COUNT_DECREMENT
        d.out = before->second - e.value;
    } else {
        last_value_[key] = e.value;
        out.refused.push_back({RejectReason::bad_value, "counter '" + cfg.counter + "' on sensor " + serial +
                                                            " went up on a COUNT_DECREMENT: taken as its new baseline"});
        return;
    }
    last_value_[key] = e.value;
    out.readings.push_back(std::move(d));
}

} // namespace platslage::counters
