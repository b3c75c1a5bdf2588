#pragma once
// What the operator has chosen on screen: station, level, selection, view. Owned by the UI
// thread; panels read and change it, nothing else does.
#include "alert_queue.hpp"
#include "feed_filter.hpp"

#include <string>

namespace platslage::console {

struct ConsoleState {
    int station_tab = 0;          // index into the map's stations
    int level = 0;                // 1 upper, 0 street level, -1 lower
    std::string selected_zone;    // zone id, or empty
    double zoom = 1.0;            // on top of the fitted view
    double pan_x = 0, pan_y = 0;  // pixels
    bool show_help = false;
    bool show_meetings = false; // the joint deployment meetings window (M)
    bool show_audit = false;    // who did what to the selected alert (W)
    bool show_statistics = false; // the partnership's follow-up tables (S)
    FeedFilter feed_filter;
    bool colour_by_hotspot = true; // else by occupancy against capacity
    std::string selected_alert;
    AlertFilter alert_filter;
    std::string position = "kc-1"; // the operator's position, sent with every command
    // Asks the map to show the selected zone: its station's tab and its level.
    bool centre_on_selection = false;
    bool overview = false; // both stations, every level at once (O)
    bool queue_by_zone = false; // the alert queue grouped by zone (Z)
    bool show_shift = false;    // the shift log: notes and handover (L)
    bool show_tip = false;      // a tip from outside entered as a report (I)
};

} // namespace platslage::console
