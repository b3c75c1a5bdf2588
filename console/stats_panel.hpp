#pragma once
// The Statistics window (S): the partnership's follow-up tables for a span of months, a
// station and a zone the operator picks, in the partnership's own layout (months or weeks as
// rows, counts and percentages, a total row, small counts shown "<3"), each with its bar
// chart, counted by the hub from the event log. E exports the tables shown as the same CSV
// files platslage-report writes. docs/statistics.md says what every column counts.
#include "panel.hpp"
#include "stats_query.hpp"
#include "table_codec.hpp"
#include "zone_map.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace platslage::console {

class HubLink;

class StatsPanel final : public Panel {
public:
    // `first`: the query the window opens on (--stats-period), else the last six months.
    StatsPanel(const ZoneMap& zones, HubLink& link, std::filesystem::path export_dir, std::optional<StatsQuery> first);
    void draw(const Picture& p, ConsoleState& s) override;

    // The feedback lines since the last call, oldest first, for the log: what came of each
    // count and export.
    std::vector<std::string> take_feedback() { return std::exchange(unlogged_, {}); }

private:
    void take_answer();
    void ask();
    void export_csv();
    // The pickers; a changed choice is counted again at once.
    void choices(bool live);
    void table_view(const StatTable& t);
    void chart_view(const StatTable& t);
    void say(std::string text, bool ok);

    const ZoneMap& zones_;
    HubLink& link_;
    std::filesystem::path export_dir_;
    std::optional<StatsQuery> first_;
    StatsQuery query_;   // what the pickers show
    bool asked_ = false; // the window has asked at least once
    bool export_when_ready_ = false;
    std::uint64_t seen_ = 0; // the link's statistics number last taken
    std::shared_ptr<const StatsAnswer> shown_;
    std::size_t table_ = 0;     // the table whose tab is selected
    bool select_table_ = false; // Left / Right chose it: select its tab
    long moves_ = 0;            // Left / Right pressed before any tables came
    std::string feedback_;
    std::vector<std::string> unlogged_;
    bool feedback_ok_ = true;
};

} // namespace platslage::console
