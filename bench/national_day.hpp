#pragma once
// A national day: one hub carrying twelve stations. The stations are copies of Centralen's and
// Cityterminalen's maps under new ids; every zone's counter sends a sample each second while
// the same burst of guard reports as the two-station run is spread over all their zones. The
// receipts' delays are set beside those of a hub with the two real stations under the same
// kind of load, in the same run.
#include "measure.hpp"

#include <filesystem>
#include <string>

namespace platslage::bench {

struct NationalDay {
    int stations = 0;
    std::size_t zones = 0;      // counters sending every second
    Result two_stations;        // report → receipt, the two real stations
    Result all_stations;        // report → receipt, `stations` stations
    std::int64_t samples = 0;   // counters' samples stored during the twelve stations' run
};

NationalDay national_day(const std::filesystem::path& dir, int stations, std::size_t reports, int window, int devices);

} // namespace platslage::bench
