// platslage-sim: start-up reads in order: options, logging, maps, sockets and devices,
// loop, goodbye. Summary lines go to stdout, log lines to stderr.
#include "recorded_day.hpp"
#include "recorded_period.hpp"
#include "scenario.hpp"
#include "sim_clock.hpp"
#include "sim_options.hpp"
#include "simulation.hpp"
#include "time_text.hpp"
#include "zone_map.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <iostream>

namespace {
std::atomic<bool> stop_requested{false};

// Signal handlers only set a flag; the loop sees it within a turn and says goodbye.
extern "C" void on_stop_signal(int) { stop_requested = true; }

// One event record as a line of JSON, as platslage-hub --import reads it.
void write_record(const platslage::ZoneMap& zones, const platslage::sim::HeardEvent& e) {
    auto r = platslage::to_record(e.event, zones, e.heard);
    std::cout << nlohmann::json{{"heard", platslage::format_rfc3339(r.heard)}, {"kind", r.kind}, {"station", r.station},
                                {"actor", r.actor}, {"zone", r.zone}, {"body", nlohmann::json::parse(r.body)}}
                     .dump()
              << "\n";
}
} // namespace

int main(int argc, char** argv) {
    using namespace platslage;
    using namespace platslage::sim;
    try {
        int exit_code = 0;
        auto options = parse_sim_options(argc, argv, exit_code);
        if (!options) return exit_code;

        spdlog::set_default_logger(spdlog::stderr_color_mt("sim"));
        spdlog::set_level(spdlog::level::from_str(options->log_level));
        spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ sim: %v");

        ZoneMap zones = ZoneMap::load_dir(options->maps);
        spdlog::info("maps: {} zones in {} stations from {}", zones.zones().size(), zones.stations().size(),
                     options->maps);

        Scenario scenario = options->scenario.empty()
                                ? default_scenario(zones)
                                : load_scenario(scenario_path(options->scenario, options->scenarios), zones);
        if (options->guards) scenario.handhelds = *options->guards;
        if (options->teams) resize_teams(scenario, *options->teams);

        if (!options->record_period.empty()) {
            auto dots = options->record_period.find("..");
            auto first = dots == std::string::npos ? std::nullopt : parse_rfc3339(options->record_period.substr(0, dots) + "T12:00:00Z");
            auto last = dots == std::string::npos ? std::nullopt : parse_rfc3339(options->record_period.substr(dots + 2) + "T12:00:00Z");
            if (!first || !last || *last < *first)
                throw std::runtime_error("--record-period wants FIRST..LAST, dates like 2026-11-01..2027-04-30");
            auto day = [](TimePoint t) { return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t)}; };
            std::cout << nlohmann::json{{"recording", {{"sensor_silent_s", recorded_sensor_silent.count()}}}}.dump() << "\n";
            auto summary = record_period(zones, scenario, day(*first), day(*last), options->seed, [&](const HeardEvent& e) {
                write_record(zones, e);
            });
            std::cerr << "platslage-sim: " << summary.events << " events: " << summary.reports << " reports, " << summary.alerts
                      << " alerts, " << summary.orders << " orders, " << summary.outcomes << " outcomes, "
                      << summary.round_contacts << " round contacts, " << summary.resolves << " resolved by operators\n";
            return std::cout.good() ? 0 : 1;
        }
        if (!options->record_day.empty()) {
            std::vector<HeardEvent> events;
            if (options->scenario.empty()) {
                auto day = parse_rfc3339(options->record_day + "T12:00:00Z");
                if (!day) throw std::runtime_error("--record-day wants a date like 2026-11-17");
                events = record_day(zones, std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(*day)}, options->seed);
            } else {
                std::optional<std::chrono::year_month_day> date;
                if (options->record_day != "start") {
                    auto day = parse_rfc3339(options->record_day + "T12:00:00Z");
                    if (!day) throw std::runtime_error("--record-day wants a date like 2026-11-17, or 'start'");
                    date = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(*day)};
                }
                events = record_scenario_day(zones, scenario, scenario_start(scenario, TimePoint{}, date), options->seed);
            }
            for (const auto& e : events) write_record(zones, e);
            return 0;
        }

        std::signal(SIGINT, on_stop_signal);
        std::signal(SIGTERM, on_stop_signal);

        zmq::context_t ctx(1);
        sim::Simulation simulation(*options, scenario, zones, ctx);
        simulation.run(stop_requested);
        spdlog::info("stopping: every device ends its shift and goes offline");
        simulation.close();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "platslage-sim: " << e.what() << "\n";
        return 1;
    }
}
