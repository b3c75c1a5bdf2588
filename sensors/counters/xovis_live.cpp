#include "xovis_live.hpp"

#include "device_serial.hpp"
#include "json_fields.hpp"
#include "time_text.hpp"
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

// A bin's end (`to`), once its `from` and `to` read as times and it ends after it begins:
// the same rule for a line count push's bins and a logics push's records.
Checked<TimePoint> bin_end(const json& bin, const std::string& path, TimePoint now) {
    auto from = time_at(bin, "from", join(path, "from"), now);
    if (!from) return from.rejection();
    auto to = time_at(bin, "to", join(path, "to"), now);
    if (!to) return to.rejection();
    if (*to <= *from) return Rejection{RejectReason::bad_timestamp, "field '" + path + "' ends before it begins"};
    return *to;
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

Checked<XovisBatch> XovisLive::read(std::string_view payload, TimePoint now, std::string_view topic) {
    auto doc = parse_object(payload, max_push_bytes);
    if (!doc) return doc.rejection();
    int shapes = static_cast<int>(doc->contains("content")) + static_cast<int>(doc->contains("live_data")) +
                 static_cast<int>(doc->contains("logics_data"));
    if (shapes > 1)
        return Rejection{RejectReason::bad_value, "more than one of 'content', 'live_data' and 'logics_data': not one Xovis push"};
    if (doc->contains("content")) return read_line_counts(*doc, now);
    if (doc->contains("live_data")) {
        auto data = object_at(*doc, "live_data", "live_data");
        if (!data) return data.rejection();
        return read_live_data(**data, now, topic);
    }
    if (doc->contains("logics_data")) {
        auto data = object_at(*doc, "logics_data", "logics_data");
        if (!data) return data.rejection();
        return read_logics(**data, now, topic);
    }
    return Rejection{RejectReason::missing_field, "neither 'content' (a line count push), 'live_data' (v5 live data) nor "
                                                  "'logics_data' (v5 logics): not a Xovis push we read"};
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
            auto to = bin_end(b, bpath, now);
            if (!to) return to.rejection();
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
        const auto key = serial + "\n" + el.name;
        auto& seen = bins_[key];
        for (const auto& b : el.bins) {
            if (!take_bin(key, b.to)) {
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

Checked<std::string> XovisLive::v5_sensor(const json& data, const std::string& root, std::string_view topic) const {
    if (const json* pkg = optional_field(data, "package_info")) {
        if (!pkg->is_object()) return Rejection{RejectReason::wrong_type, "field '" + root + ".package_info' must be an object"};
        if (optional_field(*pkg, "version")) {
            auto version = text_at(*pkg, "version", root + ".package_info.version");
            if (!version) return version.rejection();
            if (!version->starts_with("5."))
                return Rejection{RejectReason::wrong_version, "push version '" + *version + "'; 5.x is read"};
        }
    }
    if (!optional_field(data, "sensor_info")) {
        // Firmware 5.0.x leaves sensor_info out (published captures of both pushes): then only
        // the topic its agent was given can say which sensor counted.
        auto by_topic = std::find_if(counters_.begin(), counters_.end(),
                                     [&](const XovisCounter& c) { return !c.topic.empty() && c.topic == topic; });
        if (by_topic != counters_.end()) return by_topic->device;
        return Rejection{RejectReason::missing_field, "field '" + root + ".sensor_info' is missing, and no [[xovis]] entry "
                                                      "gives this topic: name the sensor's topic with 'topic'"};
    }
    auto info = object_at(data, "sensor_info", root + ".sensor_info");
    if (!info) return info.rejection();
    auto raw_serial = text_at(**info, "serial_number", root + ".sensor_info.serial_number");
    if (!raw_serial) return raw_serial.rejection();
    return normalise_serial(*raw_serial);
}

Checked<XovisBatch> XovisLive::read_live_data(const json& live, TimePoint now, std::string_view topic) {
    auto sensor = v5_sensor(live, "live_data", topic);
    if (!sensor) return sensor.rejection();
    const std::string serial = *sensor;

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
                // A warning (the counters say what moved), and a queue logic's waiting time in
                // seconds (published captures): neither counts people.
                if (*type == "WRONG_WAY_DETECTED" || *type == "TIME_CHANGE") continue;
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
                CountEvent event{*type, *id, *value, {}, {}};
                // Sensors name the logic and the counter in every event (published captures):
                // enough to map it without the agent's config block.
                if (optional_field(**attrs, "counter_name")) {
                    auto name = text_at(**attrs, "counter_name", join(epath, "attributes.counter_name"), 128);
                    if (!name) return name.rejection();
                    event.counter_name = *name;
                }
                if (optional_field(**attrs, "logic_name")) {
                    auto name = text_at(**attrs, "logic_name", join(epath, "attributes.logic_name"), 128);
                    if (!name) return name.rejection();
                    event.logic_name = *name;
                }
                frame.events.push_back(std::move(event));
            }
        }
        frames.push_back(std::move(frame));
    }
    if (!knows_sensor(serial))
        return Rejection{RejectReason::unknown_sensor, "Xovis sensor " + serial + " is not in the counters config"};
    bool unnamed_events = std::any_of(frames.begin(), frames.end(), [](const Frame& f) {
        return std::any_of(f.events.begin(), f.events.end(), [](const CountEvent& e) { return e.counter_name.empty(); });
    });
    if (pushed) {
        count_maps_[serial] = std::move(*pushed);
    } else if (unnamed_events && !count_maps_.contains(serial)) {
        return Rejection{RejectReason::missing_field,
                         "an event without 'counter_name', no 'live_data.config.counts' in this push and none known for "
                         "sensor " + serial + ": set the agent's metadata to REFERENCED or FULL"};
    }
    auto known = count_maps_.find(serial);
    const CountMap* counts = known == count_maps_.end() ? nullptr : &known->second;

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
            auto cfg = match_counter(serial, e, counts);
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

// ---- v5 logics ----

Checked<XovisBatch> XovisLive::read_logics(const json& data, TimePoint now, std::string_view topic) {
    auto sensor = v5_sensor(data, "logics_data", topic);
    if (!sensor) return sensor.rejection();
    const std::string serial = *sensor;
    auto list = array_at(data, "logics", "logics_data.logics");
    if (!list) return list.rejection();

    // Read the whole push first, as for the line count push.
    std::vector<Logic> read;
    for (std::size_t i = 0; i < (*list)->size(); ++i) {
        auto path = at_index("logics_data.logics", i);
        const auto& l = (**list)[i];
        if (!l.is_object()) return Rejection{RejectReason::wrong_type, "field '" + path + "' must be an object"};
        auto name = text_at(l, "name", join(path, "name"), 128);
        if (!name) return name.rejection();
        Logic logic{*name, {}};
        auto records = array_at(l, "records", join(path, "records"));
        if (!records) return records.rejection();
        for (std::size_t j = 0; j < (*records)->size(); ++j) {
            auto rpath = join(path, at_index("records", j));
            const auto& r = (**records)[j];
            if (!r.is_object()) return Rejection{RejectReason::wrong_type, "field '" + rpath + "' must be an object"};
            auto to = bin_end(r, rpath, now);
            if (!to) return to.rejection();
            auto counts = array_at(r, "counts", join(rpath, "counts"));
            if (!counts) return counts.rejection();
            Record record{*to, {}};
            for (std::size_t k = 0; k < (*counts)->size(); ++k) {
                auto cpath = join(rpath, at_index("counts", k));
                const auto& c = (**counts)[k];
                if (!c.is_object()) return Rejection{RejectReason::wrong_type, "field '" + cpath + "' must be an object"};
                auto count = text_at(c, "name", join(cpath, "name"), 128);
                if (!count) return count.rejection();
                const XovisCounter* cfg = match_logic_count(serial, logic.name, *count);
                if (!cfg) {
                    // A count nobody asked for (visits, dwell_time in seconds, fw-male): a number, passed over.
                    if (!c.contains("value") || !c["value"].is_number())
                        return Rejection{RejectReason::wrong_type, "field '" + cpath + ".value' must be a number"};
                    continue;
                }
                auto value = integer_at(c, "value", join(cpath, "value"), 0, max_bin_count);
                if (!value) return value.rejection();
                if (std::any_of(record.counts.begin(), record.counts.end(), [&](const LogicCount& x) { return x.name == *count; }))
                    return Rejection{RejectReason::bad_value, "field '" + rpath + ".counts' holds '" + *count + "' twice"};
                record.counts.push_back(LogicCount{*count, *value, cfg});
            }
            logic.records.push_back(std::move(record));
        }
        read.push_back(std::move(logic));
    }
    if (!knows_sensor(serial))
        return Rejection{RejectReason::unknown_sensor, "Xovis sensor " + serial + " is not in the counters config"};

    XovisBatch out;
    for (const auto& logic : read) take_logic(serial, logic, out);
    std::stable_sort(out.readings.begin(), out.readings.end(),
                     [](const CounterReading& a, const CounterReading& b) { return reading_time(a) < reading_time(b); });
    return out;
}

const XovisCounter* XovisLive::match_logic_count(const std::string& serial, const std::string& logic,
                                                 const std::string& count) const {
    for (const auto& c : counters_) {
        if (c.device != serial || c.element != logic) continue;
        // A line entry takes the logic's fw and bw together, as it takes a line element's bins.
        if (c.kind == XovisKind::line ? (count == "fw" || count == "bw") : c.counter == count) return &c;
    }
    return nullptr;
}

void XovisLive::take_logic(const std::string& serial, const Logic& logic, XovisBatch& out) {
    bool mapped = std::any_of(counters_.begin(), counters_.end(),
                              [&](const XovisCounter& c) { return c.device == serial && c.element == logic.name; });
    if (!mapped) {
        out.refused.push_back({RejectReason::unknown_sensor,
                               "logic '" + logic.name + "' on sensor " + serial + " is not in the counters config"});
        return;
    }
    const auto key = serial + "\n" + logic.name;
    auto& seen = bins_[key];
    for (const auto& r : logic.records) {
        if (!take_bin(key, r.to)) {
            ++out.repeated;
            continue;
        }
        std::optional<std::int64_t> fw, bw;
        const XovisCounter* line = nullptr;
        for (const auto& c : r.counts) {
            const XovisCounter* cfg = c.cfg;
            if (cfg->kind == XovisKind::line) {
                line = cfg;
                (c.name == "fw" ? fw : bw) = c.value;
            } else if (cfg->kind == XovisKind::state) {
                // A zone's balance: the people in it at the bin's end.
                if (c.value > max_occupancy) {
                    out.refused.push_back({RejectReason::bad_value, "count '" + c.name + "' of logic '" + logic.name +
                                                                        "' on sensor " + serial + " says more than " +
                                                                        std::to_string(max_occupancy) + " people"});
                    continue;
                }
                out.readings.push_back(OccupancySample{cfg->sensor, cfg->zone, r.to, static_cast<int>(c.value)});
            } else {
                // One direction's crossings within the bin; the config says whether it walks in or out.
                out.readings.push_back(LineDelta{serial, xovis_line_name(*cfg), r.to, c.value, 0});
            }
        }
        if (line) {
            if (!fw || !bw) {
                out.refused.push_back({RejectReason::missing_field, "a record of logic '" + logic.name + "' on sensor " +
                                                                        serial + " without both 'fw' and 'bw'"});
                continue;
            }
            out.readings.push_back(LineDelta{serial, xovis_line_name(*line), r.to, *fw, *bw});
        }
    }
    if (!seen.empty()) seen.erase(seen.begin(), seen.lower_bound(*seen.rbegin() - bin_memory));
}

Checked<const XovisCounter*> XovisLive::match_counter(const std::string& serial, const CountEvent& e, const CountMap* counts) {
    const CountDef* def = nullptr;
    if (counts) {
        auto it = counts->find(e.counter_id);
        if (it != counts->end()) def = &it->second;
    }
    // The event's own names come first: they are what the sensor calls the counter now.
    std::string name = e.counter_name.empty() && def ? def->name : e.counter_name;
    std::string logic = e.logic_name.empty() && def ? def->logic : e.logic_name;
    if (name.empty())
        return Rejection{RejectReason::unknown_sensor,
                         "counter id " + std::to_string(e.counter_id) + " is not in the counter map of sensor " + serial};
    const XovisCounter* found = nullptr;
    for (const auto& c : counters_) {
        if (c.device != serial || c.kind == XovisKind::line || c.counter != name) continue;
        if (!c.element.empty() && c.element != logic) continue;
        found = &c;
    }
    auto named = "counter '" + name + "'" + (logic.empty() ? "" : " of logic '" + logic + "'") + " on sensor " + serial;
    if (!found) return Rejection{RejectReason::unknown_sensor, named + " is not in the counters config"};
    if (found->element.empty()) {
        // Matched by name alone: that is only safe while the name is the sensor's only one.
        bool twice = false;
        if (counts)
            twice = std::count_if(counts->begin(), counts->end(), [&](const auto& kv) { return kv.second.name == name; }) > 1;
        if (!logic.empty()) {
            auto& logics = logics_of_counter_[serial + "\n" + name];
            // Two names are all it takes to know: a sender cannot grow this with new names.
            if (logics.size() < 2) logics.insert(logic);
            twice = twice || logics.size() > 1;
        }
        if (twice)
            return Rejection{RejectReason::bad_value, "two counters named '" + name + "' on sensor " + serial +
                                                          ": name the logic with 'element' in the counters config"};
    }
    bool state = found->kind == XovisKind::state;
    // The type is known only from a config block; a named event is taken as the config says.
    if (def && def->type != (state ? "state" : "accumulation"))
        return Rejection{RejectReason::bad_value, named + " is of type '" + def->type + "', the counters config wants " +
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

bool XovisLive::take_bin(const std::string& key, TimePoint to) {
    if (auto floor = bin_floor_.find(key); floor != bin_floor_.end() && to <= floor->second) return false;
    return bins_[key].insert(to).second;
}

nlohmann::json XovisLive::save() const {
    json bins = json::object(), frames = json::object(), values = json::object(), maps = json::object();
    for (const auto& [key, seen] : bins_) {
        auto newest = seen.empty() ? TimePoint{} : *seen.rbegin();
        if (auto floor = bin_floor_.find(key); floor != bin_floor_.end()) newest = std::max(newest, floor->second);
        bins[key] = to_epoch_ms(newest);
    }
    for (const auto& [key, floor] : bin_floor_)
        if (!bins.contains(key)) bins[key] = to_epoch_ms(floor);
    for (const auto& [serial, f] : last_frame_) frames[serial] = {to_epoch_ms(f.first), f.second};
    for (const auto& [key, v] : last_value_) values[key] = v;
    for (const auto& [serial, counts] : count_maps_) {
        json m = json::object();
        for (const auto& [id, def] : counts) m[std::to_string(id)] = {def.name, def.logic, def.type};
        maps[serial] = std::move(m);
    }
    return {{"bins", std::move(bins)}, {"frames", std::move(frames)}, {"values", std::move(values)}, {"count_maps", std::move(maps)}};
}

void XovisLive::load(const nlohmann::json& j) {
    std::map<std::string, TimePoint> floors;
    std::map<std::string, std::pair<TimePoint, std::int64_t>> frames;
    std::map<std::string, std::int64_t> values;
    std::map<std::string, CountMap> maps;
    for (const auto& [key, ms] : j.at("bins").items()) floors[key] = from_epoch_ms(ms.get<std::int64_t>());
    for (const auto& [serial, f] : j.at("frames").items())
        frames[serial] = {from_epoch_ms(f.at(0).get<std::int64_t>()), f.at(1).get<std::int64_t>()};
    for (const auto& [key, v] : j.at("values").items()) values[key] = v.get<std::int64_t>();
    for (const auto& [serial, m] : j.at("count_maps").items())
        for (const auto& [id, def] : m.items())
            maps[serial][std::stoll(id)] = CountDef{def.at(0).get<std::string>(), def.at(1).get<std::string>(), def.at(2).get<std::string>()};
    // Bins before a restart are known only by the newest taken: one at or before it is a repeat.
    bins_.clear();
    bin_floor_ = std::move(floors);
    last_frame_ = std::move(frames);
    last_value_ = std::move(values);
    count_maps_ = std::move(maps);
}

} // namespace platslage::counters
