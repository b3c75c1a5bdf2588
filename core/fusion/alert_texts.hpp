#pragma once
// The alerts as the consoles are sent them, written out a step at a time. An alert over a zone
// that is reported all night is sent again at every change with its raising step and its 23
// newest; writing all of those out anew each time was most of what publishing it cost, and a
// tenth of the hub's CPU per guard report (docs/performance.md). Steps never change once
// taken, so each is written out once and kept until it is no longer among the newest.
#include "alert.hpp"

#include <deque>
#include <map>
#include <string>

namespace platslage {

class AlertTexts {
public:
    // to_published_json(a).dump(), byte for byte.
    std::string text(const Alert& a);
    // The alert left the picture; its steps are not kept.
    void forget(const std::string& id) { shown_.erase(id); }
    // The alerts were replaced (a snapshot loaded).
    void clear() { shown_.clear(); }

private:
    struct Shown {
        TimePoint raised_at;        // an alert of the same id raised anew starts again
        std::size_t steps = 0;      // the history's length when last written
        std::string first;          // the raising step
        std::deque<std::string> newest; // at most alert_steps_shown - 1, oldest first
    };
    std::map<std::string, Shown> shown_; // by alert id
};

} // namespace platslage
