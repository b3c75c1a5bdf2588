#include "tables.hpp"

#include "period.hpp"
#include "person_counts.hpp"

#include <cmath>
#include <cstdio>
#include <functional>

namespace platslage {

namespace {

// What one column is: how to read it for a filter, or how to derive it from columns before it.
struct ColumnSpec {
    std::string heading;
    CellKind kind;
    std::function<std::optional<double>(const Figures&, const std::vector<FigureFilter>&)> read; // count and people
    int numerator = -1, denominator = -1; // percent: columns of this table, 100 * num / (den + also)
    int also = -1;
    const char* histogram = nullptr;      // minutes: a histogram measure…
    double q = 0.5;                       // …and its quantile
};

using Filters = std::vector<FigureFilter>;

std::int64_t sum(const Figures& f, const Filters& filters, std::string_view measure, std::string_view key) {
    std::int64_t n = 0;
    for (const auto& filter : filters) n += f.get(filter, measure, key);
    return n;
}

ColumnSpec count_of(std::string heading, CellKind kind, std::string measure, std::string key) {
    return {std::move(heading), kind, [measure, key](const Figures& f, const Filters& fs) -> std::optional<double> {
                return static_cast<double>(sum(f, fs, measure, key));
            }};
}
// One zone's count, whatever zone the request is for.
ColumnSpec zone_count_of(std::string heading, std::string zone, std::string measure, std::string key) {
    return {std::move(heading), CellKind::count, [zone, measure, key](const Figures& f, const Filters& fs) -> std::optional<double> {
                std::int64_t n = 0;
                for (auto filter : fs) {
                    filter.zone = zone;
                    n += f.get(filter, measure, key);
                }
                return static_cast<double>(n);
            }};
}
// The people neither counted as women nor as men.
ColumnSpec unknown_of(std::string heading, std::string measure, std::string prefix = "", std::string total = "persons") {
    return {std::move(heading), CellKind::people, [measure, prefix, total](const Figures& f, const Filters& fs) -> std::optional<double> {
                return static_cast<double>(sum(f, fs, measure, prefix + total) - sum(f, fs, measure, prefix + "women") -
                                           sum(f, fs, measure, prefix + "men"));
            }};
}
ColumnSpec percent_of(std::string heading, int numerator, int denominator, int also = -1) {
    return {std::move(heading), CellKind::percent, nullptr, numerator, denominator, also};
}
// A share of women or men, as the IOP report gives it: of those whose gender is known.
ColumnSpec gender_share(std::string heading, int numerator, int women, int men) {
    return percent_of(std::move(heading), numerator, women, men);
}
ColumnSpec minutes_of(std::string heading, const char* histogram, double q) {
    return {std::move(heading), CellKind::minutes, nullptr, -1, -1, -1, histogram, q};
}

bool small(const Cell& c) {
    return c.kind == CellKind::people && c.value && *c.value > 0 && *c.value < small_count_threshold;
}

std::vector<Cell> row_cells(const std::vector<ColumnSpec>& spec, const Figures& figures, const Filters& filters) {
    std::vector<Cell> cells;
    for (const auto& col : spec) {
        Cell c{col.kind, std::nullopt, false};
        if (col.kind == CellKind::percent) {
            const Cell& num = cells[static_cast<std::size_t>(col.numerator)];
            const Cell& den = cells[static_cast<std::size_t>(col.denominator)];
            const Cell none{};
            const Cell& also = col.also >= 0 ? cells[static_cast<std::size_t>(col.also)] : none;
            double whole = den.value.value_or(0) + also.value.value_or(0);
            if (num.value && whole > 0) c.value = 100.0 * *num.value / whole;
            c.hidden = num.hidden || den.hidden || also.hidden;
        } else if (col.kind == CellKind::minutes) {
            std::map<std::int64_t, std::int64_t> merged;
            for (const auto& filter : filters)
                for (const auto& [m, n] : figures.histogram(filter, col.histogram)) merged[m] += n;
            std::int64_t behind = 0;
            for (const auto& [m, n] : merged) behind += n;
            c.value = quantile(merged, col.q);
            c.hidden = behind > 0 && behind < small_count_threshold;
        } else {
            c.value = col.read(figures, filters);
            c.hidden = small(c);
        }
        cells.push_back(c);
    }
    return cells;
}

StatTable build(std::string id, std::string title, std::string note, std::string first_column,
                const std::vector<ColumnSpec>& spec, const Figures& figures, const StatsRequest& request,
                bool every_station, std::optional<std::size_t> chart) {
    StatTable t{std::move(id), std::move(title), std::move(note), {std::move(first_column)}, {}, chart};
    for (const auto& col : spec) t.columns.push_back(col.heading);
    // The night shelters are the city's: they belong to no station or zone.
    auto filter = [&](const std::string& period) {
        return every_station ? FigureFilter{period, "", ""} : FigureFilter{period, request.station, request.zone};
    };
    Filters all;
    for (const auto& period : request.periods) {
        all.push_back(filter(period));
        t.rows.push_back(StatRow{period, period_title(period), row_cells(spec, figures, {filter(period)})});
    }
    t.rows.push_back(StatRow{"", "Totalt", row_cells(spec, figures, all)});
    return t;
}

constexpr std::array<std::pair<const char*, const char*>, 7> category_headings{{
    {"sleeping", "Sovande"},
    {"intoxicated", "Påverkade"},
    {"distress", "I kris"},
    {"needs_care", "Behöver vård"},
    {"minor", "Minderåriga"},
    {"family_with_children", "Barnfamiljer"},
    {"elderly", "Äldre (65+)"},
}};

} // namespace

std::vector<StatTable> partnership_tables(const Figures& f, const StatsRequest& r) {
    std::vector<StatTable> out;
    const std::string first = r.periods.empty() || r.periods.front().find('W') == std::string::npos ? "Månad" : "Vecka";

    out.push_back(build("rapporter", "Väktarnas rapporter och personer de såg",
                        "Rapporter från väktarnas handenheter, efter slag, och hur många personer de gällde; kvinnor och "
                        "män som väktaren uppfattade dem, resten okänt. Andelarna är av dem vars kön angavs.",
                        first,
                        {count_of("Observationer", CellKind::count, "reports", "observation"),
                         count_of("Incidenter", CellKind::count, "reports", "incident"),
                         count_of("Ronder", CellKind::count, "reports", "patrol"),
                         count_of("Personer", CellKind::people, "reported", "persons"),
                         count_of("Kvinnor", CellKind::people, "reported", "women"),
                         count_of("Män", CellKind::people, "reported", "men"),
                         unknown_of("Okänt", "reported"), gender_share("Kvinnor %", 4, 4, 5),
                         gender_share("Män %", 5, 4, 5)},
                        f, r, false, 3));

    std::vector<ColumnSpec> by_category;
    for (const auto& [cat, heading] : category_headings)
        by_category.push_back(count_of(heading, CellKind::people, "category", std::string(cat) + ":persons"));
    out.push_back(build("situationer", "Personer i situationer efter kategori",
                        "Personer i väktarnas rapporter efter vad som rapporterades; en rapport med två kategorier räknas "
                        "under båda, så raderna summerar inte till antalet personer.",
                        first, by_category, f, r, false, std::nullopt));

    std::vector<ColumnSpec> category_gender;
    for (const auto& [cat, heading] : category_headings) {
        std::string c(cat);
        category_gender.push_back(count_of(std::string(heading) + " kvinnor", CellKind::people, "category", c + ":women"));
        category_gender.push_back(count_of(std::string(heading) + " män", CellKind::people, "category", c + ":men"));
        category_gender.push_back(unknown_of(std::string(heading) + " okänt", "category", c + ":"));
    }
    out.push_back(build("situationer-kon", "Personer i situationer efter kategori, kvinnor, män och okänt",
                        "Samma personer som föregående tabell, fördelade på kvinnor, män och okänt inom varje kategori.",
                        first, category_gender, f, r, false, std::nullopt));

    out.push_back(build("larm", "Larm",
                        "Larm efter den månad de restes, och hur det gick med dem: kvitterade av en operatör, lösta, eller "
                        "utgångna utan åtgärd.",
                        first,
                        {count_of("Larm", CellKind::count, "alerts", "raised"),
                         count_of("Kvitterade", CellKind::count, "alerts", "acknowledged"),
                         count_of("Lösta", CellKind::count, "alerts", "resolved"),
                         count_of("Utgångna", CellKind::count, "alerts", "expired"), percent_of("Kvitterade %", 1, 0)},
                        f, r, false, 0));

    // Hotspot hours, in all the zones asked for and then zone by zone.
    std::vector<ColumnSpec> hours{count_of("Timmar ≥ 30", CellKind::count, "hotspot_hours", "from_30"),
                                  count_of("Timmar ≥ 60", CellKind::count, "hotspot_hours", "from_60")};
    for (const auto& z : r.zones) hours.push_back(zone_count_of(z.name + " ≥ 30", z.id, "hotspot_hours", "from_30"));
    out.push_back(build("hotspottimmar", "Hotspottimmar per zon",
                        "Timmar då en zons hotspotpoäng nådde 30 (gul på kartan: värd en titt) eller 60 (orange: behöver "
                        "någon på plats), räknat per klocktimme och zon; sedan zon för zon. Två zoner samma timme är två "
                        "timmar.",
                        first, hours, f, r, false, 0));

    out.push_back(build("malet", "Målet: stöd erbjudet",
                        "Larm om personer som kan behöva vård eller stöd (behöver vård, barn, sovande, "
                        "återkommande närvaro), hur många av dem där stöd erbjöds (erbjudet, accepterat eller hänvisat), och "
                        "hur snart: minuter från larm till uppsökare på plats och till erbjudet stöd, median och 90:e "
                        "percentil.",
                        first,
                        {count_of("Behövde stöd", CellKind::people, "goal", "needed"),
                         count_of("Stöd erbjudet", CellKind::people, "goal", "offered"), percent_of("Andel %", 1, 0),
                         count_of("På plats", CellKind::people, "goal", "reached"),
                         minutes_of("Till plats median (min)", "to_scene", 0.5),
                         minutes_of("Till plats p90 (min)", "to_scene", 0.9),
                         minutes_of("Till stöd median (min)", "to_support", 0.5),
                         minutes_of("Till stöd p90 (min)", "to_support", 0.9)},
                        f, r, false, 2));

    out.push_back(build("uppsokande", "Uppsökande kontakter och vad de ledde till",
                        "Uppsökarnas besök efter larm och på egna rundor, personer de mötte (kvinnor, män, okänt) och vad "
                        "mötet ledde till, i personer; ett besök kan ha flera resultat.",
                        first,
                        {count_of("Besök", CellKind::count, "outreach", "visits"),
                         count_of("Efter larm", CellKind::count, "outreach", "after_order"),
                         count_of("Egna rundor", CellKind::count, "outreach", "own_round"),
                         count_of("Ingen påträffad", CellKind::count, "outreach", "nobody_found"),
                         count_of("Personer", CellKind::people, "outreach", "persons"),
                         count_of("Kvinnor", CellKind::people, "outreach", "women"),
                         count_of("Män", CellKind::people, "outreach", "men"), unknown_of("Okänt", "outreach"),
                         gender_share("Kvinnor %", 5, 5, 6), gender_share("Män %", 6, 5, 6),
                         count_of("Kontakt", CellKind::people, "results", "contact_made"),
                         count_of("Stöd erbjudet", CellKind::people, "results", "support_offered"),
                         count_of("Stöd accepterat", CellKind::people, "results", "support_accepted"),
                         count_of("Hänvisade", CellKind::people, "results", "referred"),
                         count_of("Avböjde", CellKind::people, "results", "declined")},
                        f, r, false, 4));

    std::vector<ColumnSpec> referred;
    for (auto target : referral_targets)
        referred.push_back(count_of(std::string(referral_title(target)), CellKind::people, "referrals", std::string(target)));
    referred.push_back(count_of("Totalt", CellKind::people, "results", "referred"));
    out.push_back(build("hanvisningar", "Hänvisningar efter mottagare", "Personer som uppsökarna hänvisade, efter vart.", first,
                        std::move(referred), f, r, false, referral_targets.size()));

    out.push_back(build("operatorer", "Larm som operatörer löste, med personer",
                        "Personer i larm som en operatör löste och angav antal för (till exempel väktare som hanterade "
                        "situationen), kvinnor, män och okänt.",
                        first,
                        {count_of("Personer", CellKind::people, "resolved", "persons"),
                         count_of("Kvinnor", CellKind::people, "resolved", "women"),
                         count_of("Män", CellKind::people, "resolved", "men"), unknown_of("Okänt", "resolved")},
                        f, r, false, 0));

    out.push_back(build("nattharbargen", "Övernattningar på natthärbärgena",
                        "Antal övernattningar fördelat på kvinnor och män, och total beläggning: nätter använda av "
                        "platserna som fanns (Filadelfia 50, Frälsningsarmén 45, Convictus 20), som i IOP-rapporten. Gäller "
                        "staden, inte en station.",
                        first,
                        {count_of("Kvinnor", CellKind::people, "shelter", "women"),
                         count_of("Män", CellKind::people, "shelter", "men"), unknown_of("Okänt", "shelter", "", "nights"),
                         gender_share("Kvinnor %", 0, 0, 1), gender_share("Män %", 1, 0, 1),
                         count_of("Nätter", CellKind::people, "shelter", "nights"),
                         count_of("Platsnätter", CellKind::count, "shelter", "places"), percent_of("Beläggning %", 5, 6)},
                        f, r, true, 5));
    out.push_back(build("moten", "Gemensamma utsättningsmöten",
                        "Möten som hölls, åtgärdspunkter som öppnades och stängdes, och stängda senast sitt datum.", first,
                        {count_of("Möten", CellKind::count, "meetings", "held"),
                         count_of("Åtgärder öppnade", CellKind::count, "meetings", "actions_opened"),
                         count_of("Åtgärder stängda", CellKind::count, "meetings", "actions_closed"),
                         count_of("Stängda i tid", CellKind::count, "meetings", "actions_closed_on_time"),
                         percent_of("I tid %", 3, 2)},
                        f, r, false, 0));
    return out;
}

std::string cell_text(const Cell& c) {
    if (c.hidden) return c.kind == CellKind::people ? "<3" : "..";
    if (!c.value) return "..";
    char text[32];
    if (c.kind == CellKind::percent) std::snprintf(text, sizeof text, "%.1f", *c.value);
    else std::snprintf(text, sizeof text, "%.0f", *c.value);
    std::string s = text;
    for (auto& ch : s)
        if (ch == '.') ch = ',';
    return s;
}

} // namespace platslage
