#pragma once
// Xovis people counters' pushes (docs/vendor-formats.md, section 1), in their three shapes:
//
// * a line count push from older firmware: `content.element[]`, each with bins in
//   `measurement[]` whose `fw`/`bw` values are the crossings within that bin. Bins can
//   repeat (periodic and retried pushes); a bin is taken once per (sensor, element, `to`).
// * v5 live data: `live_data.frames[].events[]`, COUNT_INCREMENT, COUNT_DECREMENT and
//   COUNT_RESET events carrying the counter's value after the change. Each event names its
//   logic and counter (`logic_name`, `counter_name`: "fw", "bw", "balance"), which is enough
//   to map it; `config.counts`, when the agent sends it (metadata REFERENCED or FULL), adds
//   each counter's type: `accumulation` (a line's running total in one direction) or `state`
//   (the people in a zone now). An event without `counter_name` needs that map, from this
//   push or the sensor's last one that had it.
// * v5 logics: `logics_data.logics[].records[]`, one record per bin and logic, whose counts
//   are the crossings within the bin for a line (`fw`, `bw`) and the people in the zone at
//   the bin's end for a zone (`balance`). Taken once per (sensor, logic, `to`), like bins.
//
// The counters config maps each element, logic or counter to a zone. Anything that does not
// read as documented refuses the whole push: it means the sensor is set up in a way we have
// not seen, and a guessed count would be worse than none. An element, logic or counter the
// config does not map is refused on its own; the rest of the push is taken. Counts the
// config does not ask for (a zone's `visits`, `dwell_time`, `fw-male`) are passed over.
#include "checked.hpp"
#include "counter_reading.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace platslage::counters {

enum class XovisKind {
    line,  // a line element of a line count push, or a line logic of a v5 logics push:
           // `fw` and `bw` within each bin
    in,    // a v5 accumulation counter whose direction walks into the zone
    out,   // one whose direction walks out of it
    state, // a v5 state counter: the people in the zone
};

// One element or counter on one sensor, from the counters config.
struct XovisCounter {
    std::string device;   // the sensor's serial, normalised (device_serial.hpp)
    std::string element;  // the element's name (line count push) or the logic's name (v5);
                          // for a v5 counter it may be left empty when the counter's name is unique
    std::string counter;  // the v5 counter's name ("fw", "bw", "balance"); empty for kind line
    XovisKind kind = XovisKind::line;
    bool forward_enters = true; // kind line: `fw` walks into the zone
    std::string sensor;   // the id the hub sees
    std::string zone;
    // The MQTT topic the sensor's agent publishes to, when given: names the sensor of a push
    // without `sensor_info` (firmware 5.0.x leaves it out).
    std::string topic = {};
};

// The line an element or a v5 line counter is to LineOccupancy.
std::string xovis_line_name(const XovisCounter& c);

struct XovisBatch {
    std::vector<CounterReading> readings; // in time order
    std::vector<Rejection> refused;       // elements or counters refused while the rest was taken
    std::size_t repeated = 0;             // bins or frames taken before, skipped now
};

class XovisLive {
public:
    explicit XovisLive(std::vector<XovisCounter> counters);

    // The push's readings, or why it was refused whole. `now` catches a sensor whose clock
    // runs ahead; `topic`, the MQTT topic it came on, names the sensor of a v5 push without
    // `sensor_info` when the counters config gives that topic. Remembers bins and frames taken, counter maps and counter values, so
    // only a push that is taken changes what it remembers.
    Checked<XovisBatch> read(std::string_view payload, TimePoint now, std::string_view topic = {});

    // What a restart must not lose: each counter's last value (the baseline of its next
    // event), each sensor's last frame and counter map, and the newest bin taken of each
    // element or logic. A broken state throws (the caller starts afresh).
    nlohmann::json save() const;
    void load(const nlohmann::json& j);

private:
    struct CountDef {
        std::string name;
        std::string logic; // the logic's name, when the push's config lists it
        std::string type;  // "accumulation" | "state" (anything else is refused when used)
    };
    using CountMap = std::map<std::int64_t, CountDef>;
    struct Bin {
        TimePoint to;
        std::int64_t fw = 0, bw = 0;
    };
    struct Element {
        std::string name;
        std::string data_type;
        std::vector<Bin> bins;
    };
    struct CountEvent {
        std::string type; // COUNT_INCREMENT | COUNT_DECREMENT | COUNT_RESET
        std::int64_t counter_id = 0;
        std::int64_t value = 0;
        std::string counter_name; // the event's own names, when it carries them
        std::string logic_name;
    };
    // One count of a logics push's record that the config maps.
    struct LogicCount {
        std::string name;
        std::int64_t value = 0;
        const XovisCounter* cfg = nullptr; // the config entry that asked for it
    };
    struct Record {
        TimePoint to;
        std::vector<LogicCount> counts;
    };
    struct Logic {
        std::string name;
        std::vector<Record> records;
    };
    struct Frame {
        TimePoint time;
        std::int64_t number = 0;
        std::vector<CountEvent> events;
    };

    Checked<XovisBatch> read_line_counts(const nlohmann::json& doc, TimePoint now);
    Checked<XovisBatch> read_live_data(const nlohmann::json& live, TimePoint now, std::string_view topic);
    Checked<XovisBatch> read_logics(const nlohmann::json& data, TimePoint now, std::string_view topic);
    // A v5 push's sensor: its `sensor_info`, or the config's sensor for the topic it came on.
    Checked<std::string> v5_sensor(const nlohmann::json& data, const std::string& root, std::string_view topic) const;
    bool knows_sensor(const std::string& serial) const;
    // The config entry for a v5 counter, by the event's own names or the sensor's counter
    // map, or why there is none.
    Checked<const XovisCounter*> match_counter(const std::string& serial, const CountEvent& e, const CountMap* counts);
    // The config entry for a count of a logics push's logic, or nullptr.
    const XovisCounter* match_logic_count(const std::string& serial, const std::string& logic, const std::string& count) const;
    void take_logic(const std::string& serial, const Logic& logic, XovisBatch& out);
    // True when the bin ending `to` of element or logic `key` is new, and remembers it.
    bool take_bin(const std::string& key, TimePoint to);
    void take_event(const std::string& serial, const XovisCounter& cfg, const Frame& f, const CountEvent& e,
                    XovisBatch& out);

    std::vector<XovisCounter> counters_;
    std::map<std::string, CountMap> count_maps_;         // by serial: from its last push with config.counts
    std::map<std::string, std::set<TimePoint>> bins_;    // by serial + "\n" + element: the bins' `to` taken
    std::map<std::string, TimePoint> bin_floor_;         // the same keys: the newest `to` taken before a restart
    std::map<std::string, std::pair<TimePoint, std::int64_t>> last_frame_; // by serial: (time, framenumber)
    std::map<std::string, std::int64_t> last_value_;     // by serial + "\n" + counter id
    // by serial + "\n" + counter name: the logics heard with it (at most two), for a config
    // entry that names only the counter (two logics with one counter name make it ambiguous)
    std::map<std::string, std::set<std::string>> logics_of_counter_;
};

} // namespace platslage::counters
