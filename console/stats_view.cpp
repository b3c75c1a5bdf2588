#include "stats_view.hpp"

#include "stockholm_time.hpp"

#include <nlohmann/json.hpp>

namespace platslage::console {

std::vector<std::chrono::year_month> stats_months(TimePoint now) {
    auto d = stockholm_date(now);
    std::chrono::year_month last{d.year(), d.month()};
    std::vector<std::chrono::year_month> out;
    for (int back = max_stats_months - 1; back >= 0; --back)
        out.push_back(last - std::chrono::months{back});
    return out;
}

StatsQuery default_stats_query(TimePoint now) {
    auto months = stats_months(now);
    StatsQuery q;
    q.to = months.back();
    q.from = q.to - std::chrono::months{5};
    return q;
}

std::optional<StatsQuery> stats_period_query(const std::string& text) {
    auto dots = text.find("..");
    if (dots == std::string::npos) return std::nullopt;
    nlohmann::json q{{"from", text.substr(0, dots)}, {"to", text.substr(dots + 2)}};
    auto parsed = parse_stats_query(q.dump());
    if (!parsed) return std::nullopt;
    return *parsed;
}

std::string stats_heading(const StatsQuery& q, const ZoneMap& zones) {
    const std::string place = stats_place(q, zones);
    auto span = stats_span(q);
    std::string when = span.periods.empty()
                           ? std::string()
                           : period_title(span.periods.front()) + " – " + period_title(span.periods.back());
    return place + ", " + when;
}

StatChart stat_chart(const StatTable& t) {
    StatChart chart;
    if (!t.chart_column || *t.chart_column + 1 >= t.columns.size()) return chart;
    const std::size_t col = *t.chart_column;
    chart.heading = t.columns[col + 1];
    for (const auto& row : t.rows) {
        if (row.period.empty()) continue; // the total row
        if (col >= row.cells.size()) continue;
        const Cell& c = row.cells[col];
        StatBar bar{row.label, 0, false, cell_text(c)};
        if (!c.hidden && c.value) {
            bar.value = *c.value;
            bar.drawn = true;
            chart.max = std::max(chart.max, bar.value);
        }
        chart.bars.push_back(std::move(bar));
    }
    return chart;
}

std::string stats_export_folder(const StatsQuery& q) {
    std::string name = "statistik-" + month_label(q.from) + "--" + month_label(q.to);
    if (!q.station.empty()) name += "-" + q.station;
    if (!q.zone.empty()) name += "-" + q.zone;
    if (q.by == Granularity::week) name += "-vecka";
    return name;
}

} // namespace platslage::console
