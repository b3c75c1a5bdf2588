#pragma once
// A table as a CSV file for a spreadsheet set up for Sweden: what platslage-report writes
// and what the console's Statistics window exports, byte for byte the same.
#include "tables.hpp"

#include <string>

namespace platslage {

// UTF-8 with a byte-order mark (so a spreadsheet takes å, ä and ö as UTF-8), semicolons
// between fields, decimal commas, CRLF line ends; a field holding a semicolon, a quote or a
// line end is quoted, its quotes doubled. First the headings, then a row per period and the
// total row.
std::string table_csv(const StatTable& t);

} // namespace platslage
