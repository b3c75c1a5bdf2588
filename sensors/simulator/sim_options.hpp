#pragma once
// platslage-sim's command line. Every option is documented at its default in --help.
#include "security_options.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace platslage::sim {

struct SimOptions {
    std::string mqtt = "tcp://127.0.0.1:1883";
    std::string ingest = "tcp://127.0.0.1:7700";
    std::string maps = "maps";
    double speed = 1.0;         // simulated seconds per real second
    std::uint32_t seed = 1;
    double duration_s = 0;      // real seconds; 0 runs until SIGINT or SIGTERM
    std::string scenario;       // a name in `scenarios`, or a path; empty: the present moment, no file
    std::string scenarios = "sensors/scenarios";
    std::optional<int> guards;  // handhelds, shared round-robin between the stations; none: the scenario's
    std::optional<int> teams;   // outreach pairs: the first N of the scenario's; none: all of them
    bool shelters = true;       // send the night shelters' counts ([PLS1][SHELTER])
    double sample_every_s = 5;  // real seconds between one counter's samples
    double summary_every_s = 10;
    double resend_after_s = 10; // a report without a receipt this long is sent again
    std::string log_level = "info";
    std::optional<double> temperature_c; // fixed outdoor temperature; none: Stockholm's month and hour
    BrokerLogin login;     // --mqtt-user, --mqtt-password-file, --mqtt-ca: the simulator's user, shared by its devices
    HubKeyFiles key_files; // --key, --hub-key: its key card (role sensor) for the ingest
    std::string record_day;     // "2026-11-17", or "start" with a scenario: write a simulated day as JSON lines and exit
    std::string record_period;  // "2026-11-01..2027-04-30": months with a control room at work, as JSON lines
};

// The options, or nullopt with `exit_code` set (help shown, or a bad option).
std::optional<SimOptions> parse_sim_options(int argc, char** argv, int& exit_code);

} // namespace platslage::sim
