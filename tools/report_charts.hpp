#pragma once
// The summary's charts: one column of a table as a bar per period, drawn with Cairo and
// written as PNG. A hidden small count gets no bar, only its "<3", so no chart shows what
// the table hides.
#include "tables.hpp"

#include <string>

namespace platslage::report {

// Throws std::runtime_error when the file cannot be written.
void write_bar_chart(const StatTable& t, std::size_t column, const std::string& path);

} // namespace platslage::report
