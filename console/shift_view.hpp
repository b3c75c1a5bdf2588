#pragma once
// What the Shift log (L) and Tip (I) windows decide, apart from drawing: the commands their
// forms make, checked here as the hub will check them, so a form says what is wrong before
// anything is sent, and which handover the console still has to show its operator.
#include "clock.hpp"
#include "form_command.hpp"
#include "log_search.hpp"
#include "shift_log.hpp"
#include "zone_map.hpp"

#include <optional>
#include <string>
#include <vector>

namespace platslage::console {

Command shift_note_command(const std::string& text, const std::string& zone, const std::string& alert, const std::string& by);
Command handover_command(const std::string& text, const std::string& by);

struct TipForm {
    std::string from;                    // a kind of source (tip_sources())
    std::string zone;
    int minutes_ago = 0;                 // when it was seen, counted back from now
    int persons = 1;
    std::vector<std::string> categories; // by protocol name
    std::string note;
};
// `id`: unique for this console's tips (tip_id), so a resend after a lost answer is one tip.
Command tip_command(const TipForm& f, const std::string& by, const ZoneMap& zones, TimePoint now, const std::string& id);
std::string tip_id(TimePoint now);

// The Shift log's search: the last so many hours (or an alert's whole story), a zone, a category.
struct SearchForm {
    int hours = 12;       // 1 to 744 (31 days)
    std::string zone;     // "" for both stations
    std::string category; // "" for any
    std::string alert;    // "A-000042", or "" (then hours, zone and category count)
};
// The query to send, or why not (`problem` set).
std::optional<LogQuery> search_query(const SearchForm& f, TimePoint now, std::string& problem);
// "report" → "Report", "shift_note" → "Shift note": a hit's source as the table shows it.
std::string hit_source_words(const std::string& source);

// The handover every console shows once: at log-in, or when it is written. Its id when
// `log` holds one other than `shown`, else none.
std::optional<std::string> handover_to_show(const std::optional<ShiftLog>& log, const std::string& shown);

// Where a report came from, as the reports table says it: "hh-01"; a tip entered at the console
// "tip: the police"; one a guard relayed "hh-01 (tip)".
std::string report_source(const std::string& device, const std::string& tip_from);

// "22:14 kc-1: text (about Vänthallen)": one note as the window lists it.
std::string note_line(const ShiftNote& n, const ZoneMap& zones);

} // namespace platslage::console
