#pragma once
// Xovis people counters' pushes (docs/vendor-formats.md, section 1), in their two shapes:
//
// * a line count push from older firmware: `content.element[]`, each with bins in
//   `measurement[]` whose `fw`/`bw` values are the crossings within that bin. Bins can
//   repeat (periodic and retried pushes); a bin is taken once per (sensor, element, `to`).
// * v5 live data: `live_data.frames[].events[]`, COUNT_INCREMENT, COUNT_DECREMENT and
//   COUNT_RESET events carrying the counter's value after the change. `config.counts` says
//   what each counter id is: `accumulation` (a line's running total in one direction) or
//   `state` (the people in a zone now). A push without `config` (metadata NONE) uses the
//   map from the sensor's last push that had one, and is refused when there is none.
//
// The counters config maps each element, or each v5 counter, to a zone. Anything that
// does not read as documented refuses the whole push: it means the sensor is set up in a
// way we have not seen, and a guessed count would be worse than none. An element or a
// counter the config does not map is refused on its own; the rest of the push is taken.
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
    line,  // a line element of a line count push: `fw` and `bw` within each bin
    in,    // a v5 accumulation counter whose direction walks into the zone
    out,   // one whose direction walks out of it
    state, // a v5 state counter: the people in the zone
};

// One element or counter on one sensor, from the counters config.
struct XovisCounter {
    std::string device;   // the sensor's serial, normalised (device_serial.hpp)
    std::string element;  // the element's name (line count push) or the logic's name (v5);
                          // for a v5 counter it may be left empty when the counter's name is unique
    std::string counter;  // the v5 counter's name ("Forward"); empty for kind line
    XovisKind kind = XovisKind::line;
    bool forward_enters = true; // kind line: `fw` walks into the zone
    std::string sensor;   // the id the hub sees
    std::string zone;
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
    // runs ahead. Remembers bins and frames taken, counter maps and counter values, so
    // only a push that is taken changes what it remembers.
    Checked<XovisBatch> read(std::string_view payload, TimePoint now);

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
    };
    struct Frame {
        TimePoint time;
        std::int64_t number = 0;
        std::vector<CountEvent> events;
    };

    Checked<XovisBatch> read_line_counts(const nlohmann::json& doc, TimePoint now);
    Checked<XovisBatch> read_live_data(const nlohmann::json& live, TimePoint now);
    bool knows_sensor(const std::string& serial) const;
    // The config entry for a v5 counter, or why there is none.
    Checked<const XovisCounter*> match_counter(const std::string& serial, std::int64_t id, const CountMap& counts) const;
    void take_event(const std::string& serial, const XovisCounter& cfg, const Frame& f, const CountEvent& e,
                    XovisBatch& out);

    std::vector<XovisCounter> counters_;
    std::map<std::string, CountMap> count_maps_;         // by serial: from its last push with config.counts
    std::map<std::string, std::set<TimePoint>> bins_;    // by serial + "\n" + element: the bins' `to` taken
    std::map<std::string, std::pair<TimePoint, std::int64_t>> last_frame_; // by serial: (time, framenumber)
    std::map<std::string, std::int64_t> last_value_;     // by serial + "\n" + counter id
};

} // namespace platslage::counters
