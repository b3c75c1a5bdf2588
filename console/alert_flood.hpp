#pragma once
// Tools for a flood of alerts, decided without a window: the queue grouped by zone, every
// raised alert of a zone acknowledged at once, alerts set aside for a while on this console,
// and a mark on alerts whose zone has been reported empty since they were raised.
#include "clock.hpp"
#include "picture.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace platslage::console {

// The queue's alerts of one zone (or of one station's equipment, zone ""), in queue order.
struct AlertGroup {
    std::string station, zone;
    std::vector<const AlertView*> alerts;
    int worst = 0;  // the highest severity rank among them
    int raised = 0; // not acknowledged yet
};
// Groups in the order of their most urgent alert in the queue.
std::vector<AlertGroup> group_by_zone(const std::vector<const AlertView*>& queue);

// The alerts "acknowledge every raised alert here" sends a command for: the raised ones of
// the queue in the same zone and station as `selected`, oldest first.
std::vector<std::string> raised_in_same_zone(const std::vector<const AlertView*>& queue, const AlertView& selected);

// Alerts an operator set aside on this console: out of the queue, not flashing, not sounding,
// until the time is up, or sooner when the alert gets worse (a higher severity, or the hub
// announces it again), or closes.
class SetAside {
public:
    static constexpr Millis default_for{std::chrono::minutes(15)};

    void put(const AlertView& a, TimePoint until);
    void take_back(const std::string& id);
    // True while `a` stays aside at `now`. Forgets alerts whose time is up or that got worse.
    bool aside(const AlertView& a, TimePoint now);
    std::optional<TimePoint> until(const std::string& id) const;
    std::size_t size() const { return held_.size(); }
    // Whether some alert's time is up at `now` (it comes back at the next aside()).
    bool due(TimePoint now) const;

private:
    struct Held {
        TimePoint until;
        int severity = 0, reannounced = 0;
    };
    std::map<std::string, Held> held_;
};

// The queue without the alerts set aside, and those set aside, each in queue order.
struct SplitQueue {
    std::vector<const AlertView*> shown, aside;
};
SplitQueue split_aside(const std::vector<const AlertView*>& queue, SetAside& set_aside, TimePoint now);

// An open alert whose zone was reported empty after it was raised: the newest guard report
// there counted no one, or the zone's counter reads 0. "" otherwise, else why, with the time:
// "reported empty 22:31" or "counter reads 0".
std::string empty_since_text(const AlertView& a, const std::map<std::string, ZoneView>& zones);

} // namespace platslage::console
