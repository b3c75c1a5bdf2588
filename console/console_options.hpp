#pragma once
// The console's command line (platslage-console --help).
#include "hub_endpoints.hpp"
#include "security_options.hpp"

#include <optional>
#include <string>

namespace platslage::console {

struct ConsoleOptions {
    std::string router = "tcp://127.0.0.1:7702";
    std::string pub = "tcp://127.0.0.1:7701";
    std::string maps = "maps";
    std::string screenshot;
    double screenshot_wait_s = 8;
    int width = 1600;
    int height = 900;
    std::string ini;
    std::string font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    std::string position = "kc-1"; // with a key card, the card's position
    HubKeyFiles key_files;          // --key, --hub-key (docs/security.md)
    std::string colour = "hotspot";
    std::string export_dir = "."; // where the Meetings window's agendas and the Statistics window's CSV files go
    std::string stats_period;     // "2026-11..2027-04": the months the Statistics window opens on
    std::string keys;             // pressed once the picture is live, e.g. "D Enter"
    int bench_alerts = 0;         // > 0: measure frame times with this many alerts, print JSON, exit
    double bench_idle_s = 60;     // and CPU use over this long idling against the hub
    double screenshot_at_s = 0;   // > 0: the screenshot is taken this long after start, live or not
    std::string alarm_wav;        // the alarm's sound; empty: the built-in two-note tone
    bool no_sound = false;        // the window's attention request only
};

// Reads the command line into `opt`. Nullopt: go on; otherwise exit with this code (--help
// was printed, or what was wrong with the command line).
std::optional<int> parse_options(int argc, char** argv, ConsoleOptions& opt);

// The hub as the options name it, with the keys read from the cards (none without --key).
HubEndpoints hub_endpoints(ConsoleOptions& opt);

// Where the window layout is remembered: $XDG_CONFIG_HOME/platslage/console.ini, or under ~/.config.
std::string default_ini();

} // namespace platslage::console
