#include "console_options.hpp"

#include "stats_view.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>

namespace platslage::console {

std::optional<int> parse_options(int argc, char** argv, ConsoleOptions& opt) {
    CLI::App app{"platslage-console: the control-room console for Centralen and Cityterminalen"};
    app.add_option("--router", opt.router, "hub ROUTER endpoint (snapshots, zone history, commands)")->capture_default_str();
    app.add_option("--pub", opt.pub, "hub PUB endpoint (updates)")->capture_default_str();
    app.add_option("--maps", opt.maps, "folder of station GeoJSON files")->capture_default_str();
    app.add_option("--screenshot", opt.screenshot, "render, write this PNG and exit (0: live picture, 3: hub not reached)");
    app.add_option("--screenshot-wait-s", opt.screenshot_wait_s, "how long to wait for a live picture before the screenshot")
        ->capture_default_str();
    app.add_option("--screenshot-at-s", opt.screenshot_at_s,
                   "take the screenshot this many seconds after start, whatever the hub's state (to show an outage)")
        ->check(CLI::Range(0.0, 600.0));
    app.add_option("--alarm-wav", opt.alarm_wav, "a WAV file to sound for a new or re-announced critical alert "
                                                 "(default: a built-in two-note tone)");
    app.add_flag("--no-sound", opt.no_sound, "no alarm sound (the window still asks for attention)");
    app.add_option("--width", opt.width, "window width")->capture_default_str();
    app.add_option("--height", opt.height, "window height")->capture_default_str();
    app.add_option("--ini", opt.ini, "where the window layout is remembered (default ~/.config/platslage/console.ini)");
    app.add_option("--font", opt.font, "TTF font with å ä ö")->capture_default_str();
    app.add_option("--colour", opt.colour, "what the map's colours show at start: hotspot or occupancy (H switches)")
        ->capture_default_str()
        ->check(CLI::IsMember({"hotspot", "occupancy"}));
    app.add_option("--bench", opt.bench_alerts,
                   "measure: frame times with this many alerts in view, then CPU use idling against the hub; "
                   "prints JSON and exits (docs/performance.md)");
    app.add_option("--bench-idle-s", opt.bench_idle_s, "how long --bench idles")->capture_default_str();
    app.add_option("--keys", opt.keys,
                   "keys to press once the hub's picture is live, e.g. \"D Enter\" (letters, digits, Enter, Esc, Up, "
                   "Down, Left, Right, Tab, F1, and each as Shift+A); with --screenshot, the PNG is taken after the hub has answered");
    app.add_option("--position", opt.position,
                   "this console's operator position, sent with every command (never a name); with --key, the key card's")
        ->capture_default_str();
    add_hub_key_options(app, opt.key_files);
    app.add_option("--export-dir", opt.export_dir,
                   "where the Meetings window's Export writes agenda-<meeting>-<date>.md and the Statistics window's "
                   "Export its CSV files")
        ->capture_default_str();
    app.add_option("--stats-period", opt.stats_period,
                   "the months the Statistics window (S) opens on, FIRST..LAST as 2026-11..2027-04 (default: the last six)")
        ->check([](const std::string& text) {
            return stats_period_query(text) ? std::string() : std::string("a span of months like 2026-11..2027-04");
        });
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    return std::nullopt;
}

HubEndpoints hub_endpoints(ConsoleOptions& opt) {
    HubEndpoints hub{opt.router, opt.pub, load_hub_keys(opt.key_files)};
    // The hub acts on the position of the key, whatever a command says: show and send that one.
    if (hub.keys) opt.position = read_secret_card(opt.key_files.key).position;
    return hub;
}

std::string default_ini() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    std::filesystem::path base = xdg && *xdg ? xdg : (home ? std::filesystem::path(home) / ".config" : ".");
    return (base / "platslage" / "console.ini").string();
}

} // namespace platslage::console
