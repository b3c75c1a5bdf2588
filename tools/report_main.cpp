// platslage-report: the partnership's follow-up tables for a span of months, from the hub's
// event log, as files for the steering group: one CSV per table (for a spreadsheet set up for
// Sweden) and a Markdown summary with the charts as PNG. docs/statistics.md describes every
// table; docs/privacy.md why none of it needs to know who anyone is.
//
// Exit codes: 0 written; 1 failed (the reason is printed); 2 bad command line.
#include "event_log.hpp"
#include "follow_up.hpp"
#include "period.hpp"
#include "report_charts.hpp"
#include "report_files.hpp"
#include "stockholm_time.hpp"
#include "system_clock.hpp"
#include "tables.hpp"
#include "zone_map.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

using namespace platslage;

namespace {


void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

std::string local_now_text(TimePoint now) {
    auto d = stockholm_date(now);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u %s", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()), stockholm_clock_text(now).substr(0, 5).c_str());
    return text;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"platslage-report: the partnership's follow-up tables as CSV and a Markdown summary with charts"};
    std::string db = "platslage.db", maps = "maps", from_text, to_text, station = "all", zone, by = "month", out_dir;
    app.add_option("--db", db, "the hub's event log (read; the hub may be running)")->capture_default_str();
    app.add_option("--maps", maps, "the stations' maps")->capture_default_str();
    app.add_option("--from", from_text, "first month, YYYY-MM")->required();
    app.add_option("--to", to_text, "last month, YYYY-MM (included)")->required();
    app.add_option("--station", station, "centralen, cityterminalen, or all")->capture_default_str();
    app.add_option("--zone", zone, "one zone of the station, by id");
    app.add_option("--by", by, "rows per month or per week")->check(CLI::IsMember({"month", "week"}))->capture_default_str();
    app.add_option("--out", out_dir, "folder to write the files to (made if missing)")->required();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2; // --help is 0; every bad command line is 2, as documented
    }

    auto from = parse_month(from_text);
    auto to = parse_month(to_text);
    if (!from || !to) {
        std::cerr << "platslage-report: --from and --to are months like 2026-11\n";
        return 2;
    }
    if (*to < *from) {
        std::cerr << "platslage-report: --to is before --from\n";
        return 2;
    }
    try {
        ZoneMap zones = ZoneMap::load_dir(maps);
        if (station == "all") station.clear();
        if (!station.empty() && !zones.has_station(station)) {
            std::cerr << "platslage-report: no station '" << station << "' in the maps\n";
            return 2;
        }
        if (!zone.empty()) {
            const Zone* z = zones.find(zone);
            if (!z || station.empty() || z->station != station) {
                std::cerr << "platslage-report: --zone must be a zone of --station\n";
                return 2;
            }
        }
        if (!std::filesystem::exists(db)) {
            std::cerr << "platslage-report: no event log at " << db << "\n";
            return 1;
        }
        EventLog log(db);
        SystemClock clock;
        auto now = clock.now();
        StatsQuery query{*from, *to, station, zone, by == "week" ? Granularity::week : Granularity::month};
        const std::string place = stats_place(query, zones);
        auto counted = follow_up_tables(log, zones, query, now);
        const auto& tables = counted.tables;

        std::filesystem::path out(out_dir);
        std::filesystem::create_directories(out);
        std::vector<std::string> charts;
        for (const auto& t : tables) {
            write_file(out / (t.id + ".csv"), table_csv(t));
            if (t.chart_column) {
                report::write_bar_chart(t, *t.chart_column, (out / (t.id + ".png")).string());
                charts.push_back(t.id + ".png");
            } else {
                charts.emplace_back();
            }
        }
        report::SummaryHeading heading{place, period_title(month_label(*from)) + " – " + period_title(month_label(*to)),
                                       local_now_text(now)};
        write_file(out / "sammanfattning.md", report::summary_markdown(tables, charts, heading));
        std::cout << "platslage-report: " << tables.size() << " tables for " << place << ", " << heading.span << ", in "
                  << out.string() << "\n";
        if (counted.unreadable > 0)
            std::cerr << "platslage-report: " << counted.unreadable << " rows of the log did not read back and are in no figure\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "platslage-report: " << e.what() << "\n";
        return 1;
    }
}
