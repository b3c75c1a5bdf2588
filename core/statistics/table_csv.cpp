#include "table_csv.hpp"

namespace platslage {

namespace {
// A field as RFC 4180 quotes it, with the semicolon as the separator.
std::string csv_field(const std::string& s) {
    if (s.find_first_of(";\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}
} // namespace

std::string table_csv(const StatTable& t) {
    std::string out = "\xEF\xBB\xBF";
    auto line = [&](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i)
            out += (i ? ";" : "") + csv_field(fields[i]);
        out += "\r\n";
    };
    line(t.columns);
    for (const auto& row : t.rows) {
        std::vector<std::string> fields{row.label};
        for (const auto& c : row.cells)
            fields.push_back(cell_text(c));
        line(fields);
    }
    return out;
}

} // namespace platslage
