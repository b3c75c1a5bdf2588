// The Statistics window without a window: the months an operator can pick, the query it opens
// on, its heading, the bars of a table's chart (hidden figures drawn as their text, not as
// bars), and the folder its CSV files go to.
#include "stats_view.hpp"
#include "time_text.hpp"

#include <doctest/doctest.h>

using namespace platslage;
using namespace platslage::console;
using namespace std::chrono;

namespace {
TimePoint at(const char* text) {
    return *parse_rfc3339(text);
}

const ZoneMap& maps() {
    static const ZoneMap m = ZoneMap::load_dir(PLATSLAGE_MAPS_DIR);
    return m;
}
} // namespace

TEST_CASE("the months to pick end with this Stockholm month; the window opens on the last six") {
    // 23:30 UTC on 31 December is already January in Stockholm.
    auto months = stats_months(at("2026-12-31T23:30:00Z"));
    REQUIRE(months.size() == static_cast<std::size_t>(max_stats_months));
    CHECK(months.back() == year{2027} / January);
    CHECK(months.front() == year{2024} / February);
    auto q = default_stats_query(at("2026-12-03T10:00:00Z"));
    CHECK(q.from == year{2026} / July);
    CHECK(q.to == year{2026} / December);
    CHECK(q.station.empty());
    CHECK(q.zone.empty());
    CHECK(q.by == Granularity::month);
}

TEST_CASE("--stats-period reads a span of months, and nothing else") {
    auto q = stats_period_query("2026-11..2027-04");
    REQUIRE(q);
    CHECK(q->from == year{2026} / November);
    CHECK(q->to == year{2027} / April);
    CHECK_FALSE(stats_period_query("2026-11"));
    CHECK_FALSE(stats_period_query("2027-04..2026-11"));
    CHECK_FALSE(stats_period_query("2026-11..2026-13"));
    CHECK_FALSE(stats_period_query("2020-01..2026-01")); // more than 36 months
}

TEST_CASE("the heading says where and when; the export folder names the query") {
    StatsQuery q{year{2026} / November, year{2027} / April, "", "", Granularity::month};
    CHECK(stats_heading(q, maps()) == "Centralen och Cityterminalen, nov 2026 – apr 2027");
    CHECK(stats_export_folder(q) == "statistik-2026-11--2027-04");
    q.station = "centralen";
    q.zone = "centralen.vantytor";
    q.by = Granularity::week;
    CHECK(stats_heading(q, maps()) == "Centralen, Väntytor, v. 44 2026 – v. 17 2027");
    CHECK(stats_export_folder(q) == "statistik-2026-11--2027-04-centralen-centralen.vantytor-vecka");
}

TEST_CASE("a chart has a bar per period of its column; hidden and missing figures have none") {
    StatTable t{"prov", "Prov", "", {"Månad", "Rapporter", "Personer"}, {}, 1};
    t.rows.push_back({"2026-11", "nov 2026", {Cell{CellKind::count, 7, false}, Cell{CellKind::people, 40, false}}});
    t.rows.push_back(
        {"2026-12", "dec 2026", {Cell{CellKind::count, 3, false}, Cell{CellKind::people, std::nullopt, true}}});
    t.rows.push_back(
        {"2027-01", "jan 2027", {Cell{CellKind::count, 0, false}, Cell{CellKind::people, std::nullopt, false}}});
    t.rows.push_back({"", "Totalt", {Cell{CellKind::count, 10, false}, Cell{CellKind::people, 41, false}}});
    auto chart = stat_chart(t);
    CHECK(chart.heading == "Personer");
    REQUIRE(chart.bars.size() == 3); // the total row is no bar
    CHECK(chart.bars[0].drawn);
    CHECK(chart.bars[0].value == 40);
    CHECK(chart.bars[0].label == "nov 2026");
    CHECK_FALSE(chart.bars[1].drawn);
    CHECK(chart.bars[1].text == "<3");
    CHECK_FALSE(chart.bars[2].drawn);
    CHECK(chart.bars[2].text == "..");
    CHECK(chart.max == 40);
    t.chart_column = std::nullopt;
    CHECK(stat_chart(t).bars.empty());
    t.chart_column = 2; // past the last column: no chart rather than a wrong one
    CHECK(stat_chart(t).bars.empty());
}
