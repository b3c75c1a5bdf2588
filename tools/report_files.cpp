#include "report_files.hpp"

#include <string_view>

namespace platslage::report {

namespace {
// A Markdown table cell: a pipe would end it.
std::string md_cell(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += '\\';
        out += c;
    }
    return out;
}
// The total row's cell under a heading, as the tables show it; ".." when the table or column is missing.
std::string total_of(const std::vector<StatTable>& tables, std::string_view id, std::string_view column) {
    for (const auto& t : tables) {
        if (t.id != id || t.rows.empty()) continue;
        for (std::size_t c = 1; c < t.columns.size(); ++c)
            if (t.columns[c] == column) return cell_text(t.rows.back().cells[c - 1]);
    }
    return "..";
}
} // namespace

std::string summary_markdown(const std::vector<StatTable>& tables, const std::vector<std::string>& charts,
                             const SummaryHeading& heading) {
    std::string out = "# Platsläge: uppföljning för " + heading.place + ", " + heading.span + "\n\n";
    out += "Framtagen " + heading.made_at +
           " ur Platslägets händelselogg. Siffrorna räknar situationer, aldrig personer som kan pekas ut: ingen "
           "uppgift om vem någon är finns i systemet. Antal personer från 1 till " +
           std::to_string(small_count_threshold - 1) + " visas som \"<" + std::to_string(small_count_threshold) +
           "\", och en andel eller tid som bygger på så få visas som \"..\". Andelar kvinnor och män är av dem vars kön "
           "angavs. Varje tabell finns också som CSV-fil i samma mapp.\n";
    // What the steering group reads first: the goal, the outreach, the shelters, the alerts.
    auto key = [&](std::string_view id, std::string_view column) { return total_of(tables, id, column); };
    out += "\n## Nyckeltal för perioden\n\n";
    out += "- **Stöd erbjudet** i " + key("malet", "Andel %") + " % av de " + key("malet", "Behövde stöd") +
           " larm om personer som kunde behöva stöd; där det erbjöds, i hälften av fallen inom " +
           key("malet", "Till stöd median (min)") + " minuter från larmet och i nio av tio inom " +
           key("malet", "Till stöd p90 (min)") + ".\n";
    out += "- **Uppsökarna** gjorde " + key("uppsokande", "Besök") + " besök (" + key("uppsokande", "Egna rundor") +
           " på egna rundor) och mötte " + key("uppsokande", "Personer") + " personer, " +
           key("uppsokande", "Kvinnor %") + " % kvinnor av dem vars kön angavs; " + key("uppsokande", "Hänvisade") +
           " hänvisades vidare.\n";
    out += "- **Natthärbärgena**: " + key("nattharbargen", "Nätter") + " övernattningar, " +
           key("nattharbargen", "Kvinnor %") + " % kvinnor, beläggning " + key("nattharbargen", "Beläggning %") + " %.\n";
    out += "- **Larm**: " + key("larm", "Larm") + ", varav " + key("larm", "Kvitterade %") + " % kvitterade av en operatör.\n";
    for (std::size_t i = 0; i < tables.size(); ++i) {
        const auto& t = tables[i];
        out += "\n## " + t.title + "\n\n" + t.note + "\n\n";
        out += "|";
        for (const auto& c : t.columns) out += " " + md_cell(c) + " |";
        out += "\n|";
        for (std::size_t c = 0; c < t.columns.size(); ++c) out += c == 0 ? " :-- |" : " --: |";
        out += "\n";
        for (const auto& row : t.rows) {
            bool total = row.period.empty();
            out += "| " + (total ? "**" + row.label + "**" : row.label) + " |";
            for (const auto& c : row.cells) out += " " + md_cell(cell_text(c)) + " |";
            out += "\n";
        }
        if (i < charts.size() && !charts[i].empty())
            out += "\n![" + t.title + ": " + t.columns[*t.chart_column + 1] + " per period](" + charts[i] + ")\n";
    }
    return out;
}

} // namespace platslage::report
