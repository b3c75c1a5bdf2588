#pragma once
// A hub outage as the operator must see it: not a small word in the corner but the top of
// the screen, with the time the picture below is from. Decided without a window: when the
// banner shows (the hub silent, or the picture out of step for longer than a resync takes),
// what it says, and the log lines that mark when the outage began and ended.
#include "clock.hpp"
#include "replica.hpp"

#include <optional>
#include <string>

namespace platslage::console {

struct OutageBanner {
    bool shown = false;
    std::string headline; // "HUB NOT ANSWERING"
    std::string detail;   // "Data as of 22:14:07 (2 min ago). …"
};

class OutageWatch {
public:
    // A resync after a gap takes well under this; a picture out of step longer is an outage.
    static constexpr Millis stale_grace{std::chrono::seconds(3)};
    // At start-up, how long the console waits for its first picture before saying it has none.
    static constexpr Millis first_picture_grace{std::chrono::seconds(5)};

    // Each frame: the link's state and when the hub was last heard (the picture's data is
    // from then). Returns the banner.
    OutageBanner update(LinkState link, TimePoint last_heard, TimePoint now);
    // Once per change: "the picture from the hub is live" the first time, "hub not answering:
    // data as of 22:14:07" when the banner comes up, "hub answering again after 2 min"
    // when it goes. Empty otherwise.
    struct LogLine {
        std::string text;
        bool warning = false; // the outage beginning; its end and the first picture are news
    };
    LogLine take_log_line();

private:
    std::optional<TimePoint> started_, live_at_, not_live_since_;
    bool shown_ = false;
    std::optional<TimePoint> shown_since_;
    LogLine log_line_;
};

} // namespace platslage::console
