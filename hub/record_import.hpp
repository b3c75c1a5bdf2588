#pragma once
// platslage-hub --import FILE: event records as platslage-sim --record-day and
// --record-period write them (one JSON object a line: heard, kind, station, actor, zone,
// body), taken through the hub's own checks and fusion into a new event log, with every
// alert's steps and every order as the running hub would have stored them; then the hub
// exits. Time is the records' own: each is judged and fused at the moment it was heard.
#include "event_log.hpp"
#include "hub_config.hpp"
#include "zone_map.hpp"

#include <cstddef>
#include <istream>
#include <map>
#include <string>

namespace platslage {

inline constexpr std::size_t max_import_line_bytes = 64 * 1024;

struct ImportSummary {
    std::size_t lines = 0, stored = 0, duplicates = 0, refused = 0;
    std::map<std::string, std::size_t> refused_by_reason; // a refusal's reason name → how many
};

// "bad_value=2 unknown_zone=1", for the hub's log line.
std::string refusal_counts_text(const std::map<std::string, std::size_t>& by_reason);

// Throws std::runtime_error when the log already holds events: the records' alerts and orders
// are numbered from the first, as they were when recorded.
ImportSummary import_records(std::istream& in, const HubConfig& cfg, const ZoneMap& zones, EventLog& log);

} // namespace platslage
