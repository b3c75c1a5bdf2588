#pragma once
// The partnership's tables as the hub sends them in reply to STATS (docs/protocol.md): the
// query they answer and every table, row and cell as tables.hpp builds them. A hidden cell
// travels without its value, so a small count never leaves the hub, not even to a console.
#include "checked.hpp"
#include "clock.hpp"
#include "stats_query.hpp"
#include "tables.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace platslage {

struct StatsAnswer {
    StatsQuery query;
    TimePoint counted_at{}; // when the hub counted them
    std::vector<StatTable> tables;
};

std::string encode_stats_answer(const StatsAnswer& a);
// Refused when it is not the shape encode_stats_answer writes (a reply from another version,
// or damaged): the console then says so instead of showing part of a table.
Checked<StatsAnswer> decode_stats_answer(std::string_view json);

} // namespace platslage
