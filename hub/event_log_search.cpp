// The event log searched as an operator looks back (core/protocol/log_search.hpp): the guard
// reports, the alerts' steps, the orders and the shift log, each read newest first through an
// index on its time (or its alert), merged, and cut to the query's limit. Run by the hub's
// follow-up thread on a connection of its own, never on the loop.
#include "event_log.hpp"

#include "field_entries.hpp"
#include "sqlite_statement.hpp"
#include "time_text.hpp"

#include <algorithm>

namespace platslage {

using namespace sql;

namespace {
std::vector<std::string> names_in(const std::string& json_array) {
    std::vector<std::string> out;
    auto j = nlohmann::json::parse(json_array, nullptr, /*allow_exceptions=*/false);
    if (j.is_array())
        for (const auto& v : j)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

// ?1 from, ?2 to, ?3 station, ?4 zone, ?5 category, ?6 alert, ?7 limit: every statement below
// names its parameters so, and binds only those it uses.
void bind_query(sqlite3_stmt* st, const LogQuery& q) {
    auto bind = [&](const char* name, auto value) {
        int i = sqlite3_bind_parameter_index(st, name);
        if (i == 0) return;
        if constexpr (std::is_same_v<decltype(value), std::int64_t>) sqlite3_bind_int64(st, i, value);
        else bind_text(st, i, value);
    };
    bind("?1", to_epoch_ms(q.from));
    bind("?2", to_epoch_ms(q.to));
    bind("?3", q.station);
    bind("?4", q.zone);
    bind("?5", q.category);
    bind("?6", q.alert);
    bind("?7", static_cast<std::int64_t>(q.limit) + 1);
}
} // namespace

EventLog::SearchResult EventLog::search(const LogQuery& q) const {
    std::vector<LogHit> hits;
    const bool by_alert = !q.alert.empty();
    const bool by_category = !q.category.empty();
    // Reports are not tied to an alert's id; a search by category finds reports and orders.
    if (!by_alert) {
        auto st = prepare_once(db_, "SELECT g.event_id,g.device,g.station,g.zone,g.ts_ms,g.kind,g.persons,g.categories,"
                                    "coalesce(g.note,''),coalesce(json_extract(e.body,'$.tip_from'),'') "
                                    "FROM guard_reports g JOIN events e ON e.id=g.event_id "
                                    "WHERE g.ts_ms>=?1 AND g.ts_ms<?2 AND (?3='' OR g.station=?3) AND (?4='' OR g.zone=?4) "
                                    "AND (?5='' OR EXISTS(SELECT 1 FROM json_each(g.categories) WHERE value=?5)) "
                                    "ORDER BY g.ts_ms DESC LIMIT ?7");
        bind_query(st.get(), q);
        while (sqlite3_step(st.get()) == SQLITE_ROW) {
            auto* s = st.get();
            hits.push_back(LogHit{from_epoch_ms(sqlite3_column_int64(s, 4)), "report", report_key(sqlite3_column_int64(s, 0)),
                                  column_text(s, 2), column_text(s, 3), column_text(s, 1),
                                  report_hit_text(column_text(s, 5), sqlite3_column_int(s, 6), names_in(column_text(s, 7)),
                                                  column_text(s, 8), column_text(s, 9))});
        }
    }
    if (!by_category) {
        // Each report that joined an open alert is a step of it: by time, the reports say so already.
        auto st = prepare_once(db_, by_alert ? "SELECT alert_id,at_ms,what,by,severity,detail,rule,station,coalesce(zone,'') "
                                               "FROM alert_steps WHERE alert_id=?6 ORDER BY step DESC LIMIT ?7"
                                             : "SELECT alert_id,at_ms,what,by,severity,detail,rule,station,coalesce(zone,'') "
                                               "FROM alert_steps WHERE at_ms>=?1 AND at_ms<?2 AND what!='joined' "
                                               "AND (?3='' OR station=?3) AND (?4='' OR zone=?4) ORDER BY at_ms DESC LIMIT ?7");
        bind_query(st.get(), q);
        while (sqlite3_step(st.get()) == SQLITE_ROW) {
            auto* s = st.get();
            hits.push_back(LogHit{from_epoch_ms(sqlite3_column_int64(s, 1)), "alert", column_text(s, 0), column_text(s, 7),
                                  column_text(s, 8), column_text(s, 3),
                                  alert_step_hit_text(column_text(s, 0), column_text(s, 2), column_text(s, 6), column_text(s, 4),
                                                      column_text(s, 5))});
        }
    }
    {
        auto st = prepare_once(db_, by_alert ? "SELECT dispatch_id,alert_id,team,station,zone,state,coalesce(outcome,''),"
                                               "coalesce(referred_to,''),dispatched_ms FROM dispatches WHERE alert_id=?6 "
                                               "ORDER BY dispatched_ms DESC LIMIT ?7"
                                             : "SELECT dispatch_id,alert_id,team,station,zone,state,coalesce(outcome,''),"
                                               "coalesce(referred_to,''),dispatched_ms FROM dispatches "
                                               "WHERE dispatched_ms>=?1 AND dispatched_ms<?2 AND (?3='' OR station=?3) "
                                               "AND (?4='' OR zone=?4) "
                                               "AND (?5='' OR EXISTS(SELECT 1 FROM json_each(categories) WHERE value=?5)) "
                                               "ORDER BY dispatched_ms DESC LIMIT ?7");
        bind_query(st.get(), q);
        while (sqlite3_step(st.get()) == SQLITE_ROW) {
            auto* s = st.get();
            hits.push_back(LogHit{from_epoch_ms(sqlite3_column_int64(s, 8)), "order", column_text(s, 0), column_text(s, 3),
                                  column_text(s, 4), column_text(s, 2),
                                  order_hit_text(column_text(s, 0), column_text(s, 2), column_text(s, 1), column_text(s, 5),
                                                 column_text(s, 6), column_text(s, 7))});
        }
    }
    if (!by_category) {
        // A note without a zone is about the whole control room: found unless a place is asked for.
        auto st = prepare_once(db_, by_alert ? "SELECT entry_id,kind,at_ms,by,text,coalesce(zone,'') FROM shift_log WHERE alert=?6 "
                                               "ORDER BY at_ms DESC LIMIT ?7"
                                             : "SELECT entry_id,kind,at_ms,by,text,coalesce(zone,'') FROM shift_log "
                                               "WHERE at_ms>=?1 AND at_ms<?2 "
                                               "AND (?3='' OR substr(zone,1,length(?3)+1)=?3||'.') AND (?4='' OR zone=?4) "
                                               "ORDER BY at_ms DESC LIMIT ?7");
        bind_query(st.get(), q);
        while (sqlite3_step(st.get()) == SQLITE_ROW) {
            auto* s = st.get();
            const std::string kind = column_text(s, 1);
            const std::string zone = column_text(s, 5);
            hits.push_back(LogHit{from_epoch_ms(sqlite3_column_int64(s, 2)), kind == "note" ? "shift_note" : "handover",
                                  column_text(s, 0), zone.substr(0, zone.find('.')), zone, column_text(s, 3),
                                  (kind == "note" ? "" : "Handover: ") + column_text(s, 4)});
        }
    }
    std::stable_sort(hits.begin(), hits.end(), [](const LogHit& a, const LogHit& b) { return a.at > b.at; });
    SearchResult out;
    out.more = hits.size() > static_cast<std::size_t>(q.limit);
    if (out.more) hits.resize(static_cast<std::size_t>(q.limit));
    out.hits = std::move(hits);
    return out;
}

} // namespace platslage
