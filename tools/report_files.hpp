#pragma once
// The follow-up report's files: one CSV per table for a spreadsheet set up for Sweden, and a
// Markdown summary for the steering group that shows the charts (report_charts.hpp).
#include "table_csv.hpp"
#include "tables.hpp"

#include <string>
#include <vector>

namespace platslage::report {

struct SummaryHeading {
    std::string place;   // "Centralen", "Centralen och Cityterminalen", "Centralen, Väntytor"
    std::string span;    // "nov 2026 – apr 2027"
    std::string made_at; // "2026-12-03 15:04" Stockholm time
};

// `charts[i]` is the PNG file of tables[i]'s chart, or empty for none.
std::string summary_markdown(const std::vector<StatTable>& tables, const std::vector<std::string>& charts,
                             const SummaryHeading& heading);

} // namespace platslage::report
