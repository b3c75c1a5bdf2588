#pragma once
// The partnership's tables, in the layout of its own monthly reports (the IOP report's
// shelter nights: months as rows, women and men as counts and percentages, a total row):
// built once here from the figures and shown the same way in the console, in CSV and in the
// Markdown summary. Small counts of people are hidden here, so no export can forget to.
// docs/statistics.md describes every table and column.
#include "figures.hpp"

#include <optional>
#include <string>
#include <vector>

namespace platslage {

// Counts of people from 1 to this minus one are shown as "<3": a cell of one or two people in
// a zone and a month could point at someone (docs/privacy.md).
inline constexpr int small_count_threshold = 3;

enum class CellKind {
    count,   // things: reports, alerts, meetings
    people,  // people or nights of people: hidden when small
    percent, // a share, 0-100
    minutes, // a time, hidden when fewer than small_count_threshold alerts are behind it
};

struct Cell {
    CellKind kind = CellKind::count;
    std::optional<double> value; // none: nothing to compute it from (a share of nothing)
    bool hidden = false;         // a small count, or a figure drawn from one
    bool operator==(const Cell&) const = default;
};

struct StatRow {
    std::string period; // "2026-11", or "" for the total row
    std::string label;  // "nov 2026", "Totalt"
    std::vector<Cell> cells;
};

struct StatTable {
    std::string id;    // "nattharbargen": the CSV's file name, ASCII
    std::string title; // "Övernattningar på natthärbärgena"
    std::string note;  // what it counts, in a sentence
    std::vector<std::string> columns; // the period column's heading first
    std::vector<StatRow> rows;        // one per period, then the total row
    // The bar chart per period shows cells[chart_column] of each row, headed columns[chart_column + 1].
    std::optional<std::size_t> chart_column;
};

struct StatsZone {
    std::string id;
    std::string name; // "Väntytor"
};

struct StatsRequest {
    std::vector<std::string> periods; // in order (period.hpp periods_between)
    std::string station;              // "" for both
    std::string zone;                 // "" for every zone
    std::vector<StatsZone> zones = {}; // the zones a table shows one by one (the hotspot hours)
};

std::vector<StatTable> partnership_tables(const Figures& figures, const StatsRequest& request);

// A cell as a spreadsheet set up for Sweden reads it: "1032", "34,6", "<3" for a hidden
// count, ".." for a hidden or missing share or time (Statistics Sweden's sign).
std::string cell_text(const Cell& c);

} // namespace platslage
