#include "outage.hpp"

#include "stockholm_time.hpp"
#include "view_logic.hpp"

#include <utility>

namespace platslage::console {

namespace {
// "45 s", "2 min", "1 h 3 min": as the rest of the console says ages.
std::string duration_words(Millis d) { return age_text(std::chrono::duration_cast<std::chrono::seconds>(d).count()); }
} // namespace

OutageBanner OutageWatch::update(LinkState link, TimePoint last_heard, TimePoint now) {
    if (!started_) started_ = now;
    if (link == LinkState::live) {
        if (!live_at_) log_line_ = {"the picture from the hub is live", false};
        live_at_ = last_heard.time_since_epoch().count() > 0 ? last_heard : now;
        not_live_since_.reset();
        if (shown_) log_line_ = {"hub answering again after " + duration_words(now - *shown_since_) + ": the picture is live", false};
        shown_ = false;
        return {};
    }
    if (!not_live_since_) not_live_since_ = now;
    OutageBanner b;
    if (!live_at_) {
        // Never live: the console has no picture of its own to show.
        b.shown = now - *started_ >= first_picture_grace;
        b.headline = "NO PICTURE FROM THE HUB";
        b.detail = "The console has not reached the hub since it started " + duration_words(now - *started_) +
                   " ago. Nothing below is live. Trying by itself; Ctrl+R to try now.";
    } else {
        // Silent (three heartbeats missed) is an outage at once; out of step, once a resync has had its time.
        b.shown = link == LinkState::disconnected || now - *not_live_since_ >= stale_grace;
        b.headline = link == LinkState::disconnected ? "HUB NOT ANSWERING" : "PICTURE OUT OF STEP WITH THE HUB";
        b.detail = "Data as of " + stockholm_clock_text(*live_at_) + " (" + duration_words(now - *live_at_) +
                   " ago). The picture below may be old: new reports and alerts are not coming in, and commands "
                   "cannot be sent. Reconnecting by itself; Ctrl+R to try now.";
    }
    if (b.shown && !shown_) {
        shown_since_ = now;
        log_line_ = {live_at_ ? "hub not answering: data as of " + stockholm_clock_text(*live_at_)
                              : "no picture from the hub since start-up",
                     true};
    }
    shown_ = b.shown;
    return b;
}

OutageWatch::LogLine OutageWatch::take_log_line() { return std::exchange(log_line_, {}); }

} // namespace platslage::console
