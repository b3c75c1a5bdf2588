#include "sim_options.hpp"

#include <CLI/CLI.hpp>

namespace platslage::sim {

std::optional<SimOptions> parse_sim_options(int argc, char** argv, int& exit_code) {
    SimOptions o;
    CLI::App app{"platslage-sim: simulated people counters, guard handhelds, outreach teams, weather and night "
                 "shelters for Centralen and Cityterminalen. Simulated time starts at the scenario's moment and runs "
                 "--speed times as fast as the wall clock; what is sent is stamped with the wall clock, since the hub "
                 "refuses times far from its own (docs/simulation.md)."};
    app.add_option("--mqtt", o.mqtt, "MQTT broker URL")->capture_default_str();
    app.add_option("--ingest", o.ingest, "the hub's ZeroMQ PULL endpoint for occupancy samples, weather readings and shelter counts")->capture_default_str();
    app.add_option("--maps", o.maps, "folder of station GeoJSON files")->capture_default_str();
    app.add_option("--speed", o.speed, "simulated seconds per real second")->capture_default_str()->check(
        CLI::Range(0.01, 100000.0));
    app.add_option("--seed", o.seed, "same seed, same sequence of simulated events")->capture_default_str();
    app.add_option("--duration", o.duration_s, "real seconds to run; 0 runs until SIGINT or SIGTERM")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    app.add_option("--scenario", o.scenario,
                   "what day or night to play: a name in --scenarios (weekday, weekend-night, extra-cold-night, "
                   "crowding) or a path to a scenario file; none: the present moment in the usual weather");
    app.add_option("--scenarios", o.scenarios, "folder of scenario files")->capture_default_str();
    app.add_option("--guards", o.guards, "guard handhelds, assigned to the stations in turn (default: the scenario's)")
        ->check(CLI::Range(0, 99));
    app.add_option("--teams", o.teams, "outreach pairs: the first N of the scenario's; above its number, its pairs' plans are "
                   "copied in turn under new ids (default: all of them)")
        ->check(CLI::Range(0, 99));
    app.add_flag("--shelters,!--no-shelters", o.shelters,
                 "send the night shelters' free places ([PLS1][SHELTER] on --ingest); on by default");
    app.add_option("--sample-every-s", o.sample_every_s, "real seconds between a counter's samples")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 3600.0));
    app.add_option("--summary-every-s", o.summary_every_s, "real seconds between summary lines on stdout")
        ->capture_default_str()
        ->check(CLI::Range(1.0, 3600.0));
    app.add_option("--resend-after-s", o.resend_after_s,
                   "real seconds before a report, answer or outcome without receipt is resent")
        ->capture_default_str()
        ->check(CLI::Range(1.0, 3600.0));
    app.add_option("--log-level", o.log_level, "trace, debug, info, warn, error (log lines go to stderr)")
        ->capture_default_str();
    app.add_option("--temperature", o.temperature_c,
                   "send this outdoor temperature (°C) all the time instead of the scenario's curve (its warnings "
                   "stay); "
                   "-7 or colder is an extra cold night");
    app.add_option("--record-day", o.record_day,
                   "write a simulated day to stdout as the hub's event records, one JSON object per line, and exit; "
                   "no broker or hub needed. Without --scenario: 06:00 to 06:00 from this date (YYYY-MM-DD, "
                   "Stockholm). With --scenario: 24 hours from the scenario's start, on this date or, given "
                   "'start', on the scenario's own day");
    app.add_option("--record-period", o.record_period,
                   "write whole days FIRST..LAST (YYYY-MM-DD..YYYY-MM-DD, Stockholm) to stdout as event records, with "
                   "simulated operators who acknowledge, dispatch and resolve by a fixed rule and pairs who answer, "
                   "record outcomes and contacts of their own rounds, and the night shelters' counts; for "
                   "platslage-hub --import (docs/simulation.md)")
        ->excludes(app.get_option("--record-day"));
    add_broker_login_options(app, o.login);
    add_hub_key_options(app, o.key_files);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        exit_code = app.exit(e);
        return std::nullopt;
    }
    return o;
}

} // namespace platslage::sim
