#include "stats_query.hpp"

#include "json_fields.hpp"
#include "stockholm_time.hpp"

namespace platslage {

namespace {
// A query is a handful of short fields; anything longer is not one.
constexpr std::size_t max_query_bytes = 512;

std::optional<std::chrono::year_month> month_field(FieldReader& f, const char* key) {
    auto text = f.text(key, 7);
    if (!text) return std::nullopt;
    auto ym = parse_month(*text);
    if (!ym) f.fail(RejectReason::bad_value, std::string(key) + " is a month like 2026-11");
    return ym;
}
} // namespace

Checked<StatsQuery> parse_stats_query(std::string_view json) {
    auto parsed = parse_object(json, max_query_bytes);
    if (!parsed) return parsed.rejection();
    FieldReader f(*parsed);
    f.only({"from", "to", "station", "zone", "by"});
    StatsQuery q;
    auto from = month_field(f, "from");
    auto to = month_field(f, "to");
    auto station = f.text("station", 64, false);
    auto zone = f.text("zone", 64, false);
    auto by = f.one_of("by", {"month", "week"}, false);
    if (f.failed()) return f.failure();
    q.from = *from;
    q.to = *to;
    if (q.to < q.from) return Rejection{RejectReason::bad_value, "to is before from"};
    auto months = (q.to - q.from).count() + 1;
    if (months > max_stats_months)
        return Rejection{RejectReason::bad_value, "the span is " + std::to_string(months) + " months; at most " +
                                                      std::to_string(max_stats_months)};
    q.station = station.value_or("");
    q.zone = zone.value_or("");
    if (!q.zone.empty() && q.station.empty()) return Rejection{RejectReason::bad_value, "a zone needs its station"};
    q.by = by && *by == "week" ? Granularity::week : Granularity::month;
    return q;
}

std::string stats_query_json(const StatsQuery& q) {
    return nlohmann::json{{"from", month_label(q.from)},
                          {"to", month_label(q.to)},
                          {"station", q.station},
                          {"zone", q.zone},
                          {"by", granularity_name(q.by)}}
        .dump();
}

std::string station_name(std::string_view id) {
    std::string s(id);
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string stats_place(const StatsQuery& q, const ZoneMap& zones) {
    std::string place = q.station.empty() ? "Centralen och Cityterminalen" : station_name(q.station);
    if (!q.zone.empty()) {
        const Zone* z = zones.find(q.zone);
        place += ", " + (z ? z->name : q.zone);
    }
    return place;
}

StatsSpan stats_span(const StatsQuery& q) {
    using namespace std::chrono;
    StatsSpan s{month_start(q.from), month_start(q.to + months{1}), {}};
    if (q.by == Granularity::week) {
        auto monday_of = [](TimePoint t) {
            auto day = local_days{stockholm_date(t)};
            return day - (weekday{day} - Monday);
        };
        s.start = from_stockholm_local(local_time<Millis>{monday_of(s.start).time_since_epoch()});
        s.until =
            from_stockholm_local(local_time<Millis>{(monday_of(s.until - Millis{1}) + days{7}).time_since_epoch()});
    }
    s.periods = periods_between(s.start, s.until - Millis{1}, q.by);
    return s;
}

} // namespace platslage
