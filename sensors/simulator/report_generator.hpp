#pragma once
// The reports one simulated handheld produces: patrol rounds, observations and now and
// then an incident, drawn from a seeded generator so a seed replays the same shift.
// Pure: the caller hands in the time stamp and the local hour.
#include "day_curve.hpp"
#include "guard_report.hpp"
#include "zone_map.hpp"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace platslage::sim {

// This run's start, "20261123T232634Z": keeps report ids of reruns apart. The Z ends the
// time's digits: without it a run started between 00:00 and 00:59 UTC wrote ids such as
// "hh-01-20261205T000353-000001", whose "000353-000001" reads as an international phone
// number, and the hub refused every report of that run.
std::string run_tag(TimePoint start);

class ReportGenerator {
public:
    // `zones` are the handheld's station's zones; they must outlive the generator.
    // `run` goes into every id ("hh-01-<run>-000042"): the hub keeps ids for good and takes
    // a reused one as a duplicate, so a rerun with the same seed must not repeat them.
    // `mix` is the scenario's bend on what is seen and how often; it must outlive the
    // generator. Without one, the usual day.
    ReportGenerator(std::string station, std::string device, std::vector<const Zone*> zones, std::uint32_t seed,
                    std::string run = {}, const SiteMix* mix = nullptr);

    // The next report, stamped `ts`; `local_hour` (0..24) shapes what is seen where.
    GuardReport next(TimePoint ts, double local_hour);
    // Simulated time until the handheld reports again.
    Millis gap_after(double local_hour);

    const std::string& station() const { return station_; }
    const std::string& device() const { return device_; }

private:
    const Zone& pick_zone(ReportKind kind, double hour);
    std::string pick_note(const GuardReport& r);
    static void count_women_and_men(GuardReport& r);

    std::string station_;
    std::string device_;
    std::string id_prefix_;
    std::vector<const Zone*> zones_;
    std::mt19937 rng_;
    const SiteMix* mix_;
    std::uint64_t sequence_ = 0;
};

} // namespace platslage::sim
