// The partnership's tables from a known month: every figure of every table checked by hand,
// with the percentages, the total row, small counts hidden, and the local-time month edge.
#include "fixtures.hpp"
#include "period.hpp"
#include "stats_query.hpp"
#include "table_codec.hpp"
#include "table_csv.hpp"
#include "tables.hpp"
#include "tally.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace platslage;
using platslage::test::at;

namespace {

GuardReport report(const char* zone, ReportKind kind, int persons, std::optional<int> women, std::optional<int> men,
                   std::vector<Category> categories) {
    GuardReport r;
    r.station = std::string(zone).substr(0, std::string(zone).find('.'));
    r.device = "hh-01";
    r.id = std::string("r-") + zone;
    r.zone = zone;
    r.kind = kind;
    r.persons = persons;
    r.women = women;
    r.men = men;
    r.categories = std::move(categories);
    return r;
}

DispatchOutcome outcome(const char* station, const char* dispatch, const char* what, int persons) {
    DispatchOutcome o;
    o.station = station;
    o.team = "team-01";
    o.dispatch = dispatch;
    o.outcome = what;
    o.persons = persons;
    return o;
}

Dispatch order(const char* id, const char* station, const char* zone) {
    Dispatch d;
    d.id = id;
    d.station = station;
    d.zone = zone;
    return d;
}

AlertStepFact step(const char* alert, const char* when, const char* what, const char* detail, const char* rule,
                   const char* zone) {
    std::string z = zone;
    return AlertStepFact{alert, at(when), what, "kc-1", detail, rule, z.substr(0, z.find('.')), z};
}

ShelterReading shelter(const char* id, const char* when, int places, int occupied, int women, int men) {
    return ShelterReading{id, at(when), places, occupied, women, men};
}

// A month of Centralen (and a little of Cityterminalen, which the station's tables must leave
// out), with a report that falls in December on the Stockholm clock.
Tally known_month(Granularity g = Granularity::month, bool alerts = true) {
    Tally t(g, alerts);
    t.add(order("D-000001", "centralen", "centralen.centralhallen"));
    t.add(order("D-000002", "centralen", "centralen.vantytor"));

    for (auto s : {step("A-000001", "2026-11-10T03:00:30Z", "raised", "", "needs_care", "centralen.centralhallen"),
                   step("A-000001", "2026-11-10T03:02:00Z", "acknowledged", "", "needs_care", "centralen.centralhallen"),
                   step("A-000001", "2026-11-10T03:20:00Z", "on_scene", "centralen.centralhallen", "needs_care",
                        "centralen.centralhallen"),
                   step("A-000001", "2026-11-10T03:40:00Z", "resolved", "support_accepted", "needs_care",
                        "centralen.centralhallen"),
                   step("A-000002", "2026-11-05T22:01:00Z", "raised", "", "sleeping", "centralen.vantytor"),
                   step("A-000002", "2026-11-05T22:05:00Z", "acknowledged", "", "sleeping", "centralen.vantytor"),
                   step("A-000002", "2026-11-05T22:31:00Z", "on_scene", "", "sleeping", "centralen.vantytor"),
                   step("A-000002", "2026-11-05T22:50:00Z", "resolved", "contact_made: talked a while", "sleeping",
                        "centralen.vantytor"),
                   step("A-000003", "2026-11-15T08:00:00Z", "raised", "", "crowding", "centralen.centralhallen"),
                   step("A-000003", "2026-11-15T10:00:00Z", "expired", "", "crowding", "centralen.centralhallen"),
                   step("A-000004", "2026-11-20T09:00:00Z", "raised", "", "child", "centralen.vantytor"),
                   step("A-000004", "2026-11-20T09:05:00Z", "acknowledged", "", "child", "centralen.vantytor"),
                   step("A-000004", "2026-11-20T09:45:00Z", "resolved", "referred", "child", "centralen.vantytor"),
                   step("A-000005", "2026-11-20T09:00:00Z", "raised", "", "needs_care", "cityterminalen.vanthall"),
                   step("A-000006", "2026-11-25T21:00:00Z", "raised", "", "sleeping", "centralen.nedre-plan"),
                   step("A-000006", "2026-11-25T21:01:00Z", "acknowledged", "", "sleeping", "centralen.nedre-plan"),
                   step("A-000006", "2026-11-25T21:10:00Z", "on_scene", "", "sleeping", "centralen.nedre-plan"),
                   step("A-000006", "2026-11-25T21:30:00Z", "resolved", "support_offered", "sleeping", "centralen.nedre-plan")})
        t.add(s);

    t.add(report("centralen.vantytor", ReportKind::observation, 3, 1, 2, {Category::sleeping}), at("2026-11-05T22:00:00Z"));
    t.add(report("centralen.centralhallen", ReportKind::incident, 2, std::nullopt, std::nullopt,
                 {Category::needs_care, Category::intoxicated}),
          at("2026-11-10T03:00:00Z"));
    t.add(report("cityterminalen.vanthall", ReportKind::observation, 4, 2, 1, {Category::sleeping}), at("2026-11-12T01:00:00Z"));
    // 00:30 on 1 December in Stockholm: December's, although it is still November in UTC.
    t.add(report("centralen.vantytor", ReportKind::patrol, 0, std::nullopt, std::nullopt, {}), at("2026-11-30T23:30:00Z"));
    t.add(report("centralen.toaletter", ReportKind::observation, 5, 2, 3, {Category::distress}), at("2026-12-03T10:00:00Z"));

    auto visit = outcome("centralen", "D-000001", "support_accepted", 3);
    visit.women = 1;
    visit.men = 2;
    visit.results = {{"support_accepted", 2, ""}, {"declined", 1, ""}};
    t.add(visit, at("2026-11-10T03:40:00Z"));
    t.add(outcome("centralen", "D-000002", "nobody_found", 0), at("2026-11-20T10:00:00Z"));
    auto round = outcome("centralen", "", "referred", 1);
    round.contact = "c-1";
    round.zone = "centralen.vantytor";
    round.referred_to = "night_shelter";
    round.gender = "woman"; // the older descriptor: one woman
    t.add(round, at("2026-11-21T20:00:00Z"));
    auto elsewhere = outcome("cityterminalen", "", "referred", 2);
    elsewhere.contact = "c-2";
    elsewhere.zone = "cityterminalen.vanthall";
    elsewhere.referred_to = "capio";
    elsewhere.men = 2;
    t.add(elsewhere, at("2026-11-22T20:00:00Z"));

    AlertCommand resolve{AlertOp::resolve, "A-000004", "kc-1", "", "referred", "", 0};
    resolve.persons = 3;
    resolve.women = 1;
    resolve.men = 1;
    t.add(resolve, at("2026-11-20T09:45:00Z"));

    t.add(shelter("filadelfia", "2026-11-05T19:00:00Z", 50, 20, 6, 14), at("2026-11-05T19:00:00Z"));
    t.add(shelter("filadelfia", "2026-11-05T22:30:00Z", 50, 45, 15, 30), at("2026-11-05T22:30:00Z"));
    t.add(shelter("filadelfia", "2026-11-06T06:00:00Z", 50, 30, 10, 20), at("2026-11-06T06:00:00Z"));
    t.add(shelter("convictus", "2026-11-30T21:00:00Z", 20, 18, 4, 14), at("2026-11-30T21:00:00Z"));
    // 03:00 on 1 December: still the night of 30 November, and its fullest reading.
    t.add(shelter("convictus", "2026-12-01T02:00:00Z", 20, 19, 5, 13), at("2026-12-01T02:00:00Z"));

    // Hotspot hours: two in Väntytor on the evening of 5 November, one in Centralhallen, one at
    // the other station, and one that is December's on the Stockholm clock.
    t.add(HotspotHour{"centralen.vantytor", "centralen", at("2026-11-05T22:00:00Z"), 72});
    t.add(HotspotHour{"centralen.vantytor", "centralen", at("2026-11-05T23:00:00Z"), 45});
    t.add(HotspotHour{"centralen.centralhallen", "centralen", at("2026-11-10T03:00:00Z"), 35});
    t.add(HotspotHour{"cityterminalen.vanthall", "cityterminalen", at("2026-11-12T01:00:00Z"), 90});
    t.add(HotspotHour{"centralen.vantytor", "centralen", at("2026-11-30T23:00:00Z"), 60});

    MeetingPlan plan;
    plan.id = "M-000001";
    plan.station = "centralen";
    plan.first = at("2026-11-04T09:00:00Z");
    plan.repeat = Repeat::weekly;
    plan.cancelled_at = at("2026-11-26T00:00:00Z");
    MeetingNote on_time{"N-000001", NoteKind::action, "M-000001", at("2026-11-04T09:00:00Z"), "", "capio", "2026-11-11", "kc-1",
                        at("2026-11-04T10:00:00Z"), at("2026-11-10T12:00:00Z"), "kc-1", ""};
    MeetingNote late{"N-000002", NoteKind::action, "M-000001", at("2026-11-11T09:00:00Z"), "", "capio", "2026-11-18", "kc-1",
                     at("2026-11-11T10:00:00Z"), at("2026-12-02T12:00:00Z"), "kc-1", ""};
    MeetingNote decision{"N-000003", NoteKind::decision, "M-000001", at("2026-11-11T09:00:00Z"), "", "", "", "kc-1",
                         at("2026-11-11T10:00:00Z"), std::nullopt, "", ""};
    t.add_meetings({plan}, {on_time, late, decision}, month_start(std::chrono::year{2026} / std::chrono::November),
                   month_start(std::chrono::year{2027} / std::chrono::January));
    return t;
}

const StatTable& table(const std::vector<StatTable>& tables, std::string_view id) {
    auto it = std::find_if(tables.begin(), tables.end(), [&](const StatTable& t) { return t.id == id; });
    REQUIRE(it != tables.end());
    return *it;
}

// The cells of one row, as the CSV shows them.
std::vector<std::string> texts(const StatTable& t, std::string_view label) {
    auto it = std::find_if(t.rows.begin(), t.rows.end(), [&](const StatRow& r) { return r.label == label; });
    REQUIRE(it != t.rows.end());
    std::vector<std::string> out;
    for (const auto& c : it->cells) out.push_back(cell_text(c));
    return out;
}

using Texts = std::vector<std::string>;

} // namespace

TEST_CASE("periods are Stockholm's months and ISO weeks") {
    CHECK(period_of(at("2026-11-30T22:59:59Z"), Granularity::month) == "2026-11");
    CHECK(period_of(at("2026-11-30T23:00:00Z"), Granularity::month) == "2026-12");
    CHECK(period_of(at("2026-11-30T23:00:00Z"), Granularity::week) == "2026-W49"); // a Monday
    CHECK(period_of(at("2027-01-01T12:00:00Z"), Granularity::week) == "2026-W53"); // 2026 has 53 weeks
    CHECK(period_of(at("2027-01-04T12:00:00Z"), Granularity::week) == "2027-W01");
    CHECK(periods_between(at("2026-11-15T12:00:00Z"), at("2027-04-30T12:00:00Z"), Granularity::month) ==
          std::vector<std::string>{"2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04"});
    CHECK(parse_month("2026-11") == std::chrono::year{2026} / std::chrono::November);
    CHECK_FALSE(parse_month("2026-13"));
    CHECK_FALSE(parse_month("26-11"));
    CHECK(month_start(std::chrono::year{2026} / std::chrono::November) == at("2026-10-31T23:00:00Z"));
    CHECK(period_title("2026-11") == "nov 2026");
    CHECK(period_title("2026-W05") == "v. 5 2026");
}

TEST_CASE("a known month: every table, its percentages, its total row and its small counts") {
    auto figures = known_month().figures();
    StatsRequest request{{"2026-11", "2026-12"}, "centralen", ""};
    auto tables = partnership_tables(figures, request);

    SUBCASE("guards' reports: kinds, people, women and men as shares of the known") {
        const auto& t = table(tables, "rapporter");
        CHECK(t.columns == Texts{"Månad", "Observationer", "Incidenter", "Ronder", "Personer", "Kvinnor", "Män", "Okänt",
                                 "Kvinnor %", "Män %"});
        // November: 3 + 2 people, of them 1 woman and 2 men; the report without counts is unknown.
        CHECK(texts(t, "nov 2026") == Texts{"1", "1", "0", "5", "<3", "<3", "<3", "..", ".."});
        CHECK(texts(t, "dec 2026") == Texts{"1", "0", "1", "5", "<3", "3", "0", "..", ".."});
        CHECK(texts(t, "Totalt") == Texts{"2", "1", "1", "10", "3", "5", "<3", "37,5", "62,5"});
        // Hidden is not lost: the value is there for whoever may see it.
        CHECK(*t.rows[0].cells[4].value == 1);
        CHECK(t.rows[0].cells[4].hidden);
    }
    SUBCASE("people by category, and by women, men and unknown") {
        const auto& t = table(tables, "situationer");
        CHECK(texts(t, "nov 2026") == Texts{"3", "<3", "0", "<3", "0", "0", "0"});
        CHECK(texts(t, "dec 2026") == Texts{"0", "0", "5", "0", "0", "0", "0"});
        CHECK(texts(t, "Totalt") == Texts{"3", "<3", "5", "<3", "0", "0", "0"});
        const auto& g = table(tables, "situationer-kon");
        auto nov = texts(g, "nov 2026");
        CHECK(Texts(nov.begin(), nov.begin() + 3) == Texts{"<3", "<3", "0"}); // sleeping: 1 woman, 2 men
        CHECK(Texts(nov.begin() + 9, nov.begin() + 12) == Texts{"0", "0", "<3"}); // needing care: 2 unknown
        auto dec = texts(g, "dec 2026");
        CHECK(Texts(dec.begin() + 6, dec.begin() + 9) == Texts{"<3", "3", "0"}); // in distress: 2 women, 3 men
    }
    SUBCASE("alerts, counted in the month they were raised") {
        const auto& t = table(tables, "larm");
        CHECK(texts(t, "nov 2026") == Texts{"5", "4", "4", "1", "80,0"});
        CHECK(texts(t, "dec 2026") == Texts{"0", "0", "0", "0", ".."});
        CHECK(texts(t, "Totalt") == Texts{"5", "4", "4", "1", "80,0"});
    }
    SUBCASE("hotspot hours, in all the station's zones and zone by zone") {
        CHECK(texts(table(tables, "hotspottimmar"), "nov 2026") == Texts{"3", "1"});
        auto zoned = partnership_tables(figures, StatsRequest{{"2026-11", "2026-12"},
                                                              "centralen",
                                                              "",
                                                              {{"centralen.vantytor", "Väntytor"},
                                                               {"centralen.centralhallen", "Centralhallen"}}});
        const auto& t = table(zoned, "hotspottimmar");
        CHECK(t.columns == Texts{"Månad", "Timmar ≥ 30", "Timmar ≥ 60", "Väntytor ≥ 30", "Centralhallen ≥ 30"});
        CHECK(texts(t, "nov 2026") == Texts{"3", "1", "2", "1"});
        CHECK(texts(t, "dec 2026") == Texts{"1", "1", "1", "0"});
        CHECK(texts(t, "Totalt") == Texts{"4", "2", "3", "1"});
        CHECK(t.chart_column == 0);
    }
    SUBCASE("the goal: support offered, and how soon") {
        const auto& t = table(tables, "malet");
        // Needing support: A1 needs care, A2 and A6 sleeping, A4 a child (A3 is crowding, A5 the other station).
        // Offered in A1 (accepted, 39 min), A4 (referred, 45 min), A6 (offered, 30 min); on scene 19, 30, 10 min.
        CHECK(texts(t, "nov 2026") == Texts{"4", "3", "75,0", "3", "19", "30", "39", "45"});
        CHECK(texts(t, "dec 2026") == Texts{"0", "0", "..", "0", "..", "..", "..", ".."});
        CHECK(texts(t, "Totalt") == Texts{"4", "3", "75,0", "3", "19", "30", "39", "45"});
    }
    SUBCASE("outreach: visits after orders and on rounds, people, results") {
        const auto& t = table(tables, "uppsokande");
        // Visits: D-000001 (3 people: 2 accepted, 1 declined), D-000002 (nobody), round c-1 (1 woman, referred).
        CHECK(texts(t, "nov 2026") ==
              Texts{"3", "2", "1", "1", "4", "<3", "<3", "0", "..", "..", "0", "0", "<3", "<3", "<3"});
        const auto& row = t.rows[0].cells;
        CHECK(*row[5].value == 2);  // women: 1 counted + 1 from the older descriptor
        CHECK(*row[8].value == 50); // of the four known
        const auto& r = table(tables, "hanvisningar");
        CHECK(texts(r, "nov 2026") == Texts{"0", "0", "0", "<3", "0", "0", "0", "0", "0", "0", "<3"});
    }
    SUBCASE("people in alerts that operators resolved with counts") {
        CHECK(texts(table(tables, "operatorer"), "nov 2026") == Texts{"3", "<3", "<3", "<3"});
    }
    SUBCASE("night shelters in the IOP report's layout, for the whole city") {
        const auto& t = table(tables, "nattharbargen");
        CHECK(t.columns == Texts{"Månad", "Kvinnor", "Män", "Okänt", "Kvinnor %", "Män %", "Nätter", "Platsnätter",
                                 "Beläggning %"});
        // Filadelfia's night of 5 Nov at its fullest (45: 15 women, 30 men) and Convictus' night of 30 Nov,
        // whose fullest reading came after midnight (19: 5 women, 13 men, 1 not known).
        CHECK(texts(t, "nov 2026") == Texts{"20", "43", "<3", "31,7", "68,3", "64", "70", "91,4"});
        CHECK(texts(t, "dec 2026") == Texts{"0", "0", "0", "..", "..", "0", "0", ".."});
        CHECK(texts(t, "Totalt") == Texts{"20", "43", "<3", "31,7", "68,3", "64", "70", "91,4"});
    }
    SUBCASE("joint deployment meetings and their action items") {
        const auto& t = table(tables, "moten");
        CHECK(texts(t, "nov 2026") == Texts{"4", "2", "1", "1", "100,0"});
        CHECK(texts(t, "dec 2026") == Texts{"0", "0", "1", "0", "0,0"});
        CHECK(texts(t, "Totalt") == Texts{"4", "2", "2", "1", "50,0"});
    }
}

TEST_CASE("both stations together, and one zone") {
    auto figures = known_month().figures();
    auto both = partnership_tables(figures, StatsRequest{{"2026-11"}, "", ""});
    CHECK(texts(table(both, "rapporter"), "nov 2026") == Texts{"2", "1", "0", "9", "3", "3", "3", "50,0", "50,0"});
    CHECK(texts(table(both, "larm"), "nov 2026")[0] == "6");
    CHECK(texts(table(both, "hanvisningar"), "nov 2026") == Texts{"<3", "0", "0", "<3", "0", "0", "0", "0", "0", "0", "3"});
    auto zone = partnership_tables(figures, StatsRequest{{"2026-11"}, "centralen", "centralen.vantytor"});
    CHECK(texts(table(zone, "rapporter"), "nov 2026") == Texts{"1", "0", "0", "3", "<3", "<3", "0", "..", ".."});
    // The shelters are the city's: a station's or a zone's tables show them whole.
    CHECK(texts(table(zone, "nattharbargen"), "nov 2026")[5] == "64");
}

TEST_CASE("weekly figures add up to the month's") {
    auto weeks = known_month(Granularity::week).figures();
    auto months = known_month().figures();
    auto weekly = partnership_tables(
        weeks, StatsRequest{periods_between(at("2026-11-01T12:00:00Z"), at("2026-11-29T12:00:00Z"), Granularity::week),
                            "centralen", ""});
    CHECK(table(weekly, "rapporter").columns[0] == "Vecka");
    CHECK(table(weekly, "rapporter").rows.front().label == "v. 44 2026");
    auto monthly = partnership_tables(months, StatsRequest{{"2026-11"}, "centralen", ""});
    for (const char* id : {"rapporter", "uppsokande", "larm"})
        CHECK(texts(table(weekly, id), "Totalt") == texts(table(monthly, id), "nov 2026"));
}

TEST_CASE("figures add up across any split of the events: what a purge keeps plus what remains") {
    // Everything but the alerts (their steps are kept, and counted from there) tallied whole,
    // and tallied in two parts whose figures are merged.
    auto whole = known_month(Granularity::month, /*alerts=*/false).figures();
    Tally first(Granularity::month, false), second(Granularity::month, false);
    first.add(report("centralen.vantytor", ReportKind::observation, 3, 1, 2, {Category::sleeping}), at("2026-11-05T22:00:00Z"));
    second.add(report("centralen.toaletter", ReportKind::observation, 5, 2, 3, {Category::distress}), at("2026-12-03T10:00:00Z"));
    Tally both(Granularity::month, false);
    both.add(report("centralen.vantytor", ReportKind::observation, 3, 1, 2, {Category::sleeping}), at("2026-11-05T22:00:00Z"));
    both.add(report("centralen.toaletter", ReportKind::observation, 5, 2, 3, {Category::distress}), at("2026-12-03T10:00:00Z"));
    auto merged = first.figures();
    merged.merge(second.figures());
    CHECK(merged == both.figures());
    CHECK_FALSE(whole.empty());
}

TEST_CASE("quantiles by nearest rank") {
    CHECK_FALSE(quantile({}, 0.5));
    CHECK(quantile({{10, 1}}, 0.9) == 10);
    CHECK(quantile({{10, 1}, {19, 1}, {30, 1}}, 0.5) == 19);
    CHECK(quantile({{10, 1}, {19, 1}, {30, 1}}, 0.9) == 30);
    CHECK(quantile({{1, 9}, {100, 1}}, 0.9) == 1);
    CHECK(quantile({{1, 9}, {100, 1}}, 0.91) == 100);
}

TEST_CASE("cells as a Swedish spreadsheet reads them") {
    CHECK(cell_text(Cell{CellKind::count, 1032, false}) == "1032");
    CHECK(cell_text(Cell{CellKind::percent, 34.56, false}) == "34,6");
    CHECK(cell_text(Cell{CellKind::people, 2, true}) == "<3");
    CHECK(cell_text(Cell{CellKind::percent, 40, true}) == "..");
    CHECK(cell_text(Cell{CellKind::percent, std::nullopt, false}) == "..");
    CHECK(cell_text(Cell{CellKind::minutes, 17, false}) == "17");
}

TEST_CASE("a table as CSV: BOM, semicolons, decimal commas, CRLF, quoted where it must be") {
    StatTable t{"prov", "Prov", "", {"Månad", "Antal; totalt", "Andel \"kvinnor\" %"}, {}, std::nullopt};
    t.rows.push_back({"2026-11", "nov 2026", {Cell{CellKind::people, 2, true}, Cell{CellKind::percent, 37.5, false}}});
    t.rows.push_back({"", "Totalt", {Cell{CellKind::people, 12, false}, Cell{CellKind::percent, std::nullopt, false}}});
    CHECK(table_csv(t) == "\xEF\xBB\xBF" "Månad;\"Antal; totalt\";\"Andel \"\"kvinnor\"\" %\"\r\n"
                          "nov 2026;<3;37,5\r\n"
                          "Totalt;12;..\r\n");
}

TEST_CASE("a STATS query: months, station, zone, by; each wrong field refused with its name") {
    auto q = parse_stats_query(R"({"from":"2026-11","to":"2027-04","station":"centralen","zone":"centralen.vantytor","by":"week"})");
    REQUIRE(q);
    CHECK(q->from == std::chrono::year{2026} / std::chrono::November);
    CHECK(q->to == std::chrono::year{2027} / std::chrono::April);
    CHECK(q->station == "centralen");
    CHECK(q->zone == "centralen.vantytor");
    CHECK(q->by == Granularity::week);
    // What it writes, it reads back the same.
    auto again = parse_stats_query(stats_query_json(*q));
    REQUIRE(again);
    CHECK(*again == *q);

    auto both = parse_stats_query(R"({"from":"2026-11","to":"2026-11"})");
    REQUIRE(both);
    CHECK(both->station.empty());
    CHECK(both->by == Granularity::month);

    auto refused = [](const char* json) {
        auto r = parse_stats_query(json);
        REQUIRE_FALSE(r);
        return std::string(reason_name(r.rejection().reason)) + ": " + r.rejection().detail;
    };
    CHECK(refused(R"({"to":"2026-11"})").find("from") != std::string::npos);
    CHECK(refused(R"({"from":"2026-13","to":"2027-01"})") == "bad_value: from is a month like 2026-11");
    CHECK(refused(R"({"from":"2026-12","to":"2026-11"})") == "bad_value: to is before from");
    CHECK(refused(R"({"from":"2024-01","to":"2027-01"})") == "bad_value: the span is 37 months; at most 36");
    CHECK(parse_stats_query(R"({"from":"2024-02","to":"2027-01"})"));
    CHECK(refused(R"({"from":"2026-11","to":"2026-12","zone":"centralen.vantytor"})") == "bad_value: a zone needs its station");
    CHECK(refused(R"({"from":"2026-11","to":"2026-12","by":"day"})").rfind("bad_value", 0) == 0);
    CHECK(refused(R"({"from":"2026-11","to":"2026-12","name":"x"})").rfind("unknown_field", 0) == 0);
    CHECK(refused(R"({"from":2026,"to":"2026-12"})").rfind("wrong_type", 0) == 0);
    CHECK(refused("[1]").rfind("not_an_object", 0) == 0);
    CHECK(refused(("{\"from\":\"" + std::string(600, 'x') + "\"}").c_str()).rfind("oversize", 0) == 0);
}

TEST_CASE("a query's span: whole months on the Stockholm clock, or widened to whole ISO weeks") {
    StatsQuery q{std::chrono::year{2026} / std::chrono::November, std::chrono::year{2026} / std::chrono::December, "", "",
                 Granularity::month};
    auto months = stats_span(q);
    CHECK(months.start == at("2026-10-31T23:00:00Z"));
    CHECK(months.until == at("2026-12-31T23:00:00Z"));
    CHECK(months.periods == std::vector<std::string>{"2026-11", "2026-12"});
    q.by = Granularity::week;
    auto weeks = stats_span(q);
    // 1 November 2026 is a Sunday: its week began on Monday 26 October. 31 December is a
    // Thursday: its week ends on Sunday 3 January.
    CHECK(weeks.start == at("2026-10-25T23:00:00Z"));
    CHECK(weeks.until == at("2027-01-03T23:00:00Z"));
    CHECK(weeks.periods.front() == "2026-W44");
    CHECK(weeks.periods.back() == "2026-W53");
    CHECK(weeks.periods.size() == 10);
}

TEST_CASE("the tables travel to a console as they are, but a hidden cell without its value") {
    auto tables = partnership_tables(known_month().figures(), StatsRequest{{"2026-11", "2026-12"}, "centralen", ""});
    StatsQuery q{std::chrono::year{2026} / std::chrono::November, std::chrono::year{2026} / std::chrono::December,
                 "centralen", "", Granularity::month};
    auto text = encode_stats_answer(StatsAnswer{q, at("2026-12-03T10:00:00Z"), tables});
    auto back = decode_stats_answer(text);
    REQUIRE_MESSAGE(back, (back ? std::string() : back.rejection().detail));
    CHECK(back->query == q);
    CHECK(back->counted_at == at("2026-12-03T10:00:00Z"));
    REQUIRE(back->tables.size() == tables.size());
    std::size_t hidden = 0;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        const auto& a = tables[i];
        const auto& b = back->tables[i];
        CHECK(b.id == a.id);
        CHECK(b.title == a.title);
        CHECK(b.note == a.note);
        CHECK(b.columns == a.columns);
        CHECK(b.chart_column == a.chart_column);
        // Every cell reads the same in a spreadsheet: the console's CSV is the report's.
        CHECK(table_csv(b) == table_csv(a));
        REQUIRE(b.rows.size() == a.rows.size());
        for (std::size_t r = 0; r < a.rows.size(); ++r)
            for (std::size_t c = 0; c < a.rows[r].cells.size(); ++c) {
                const auto& sent = b.rows[r].cells[c];
                if (a.rows[r].cells[c].hidden) {
                    ++hidden;
                    CHECK(sent.hidden);
                    CHECK_FALSE(sent.value); // a small count never leaves the hub
                } else {
                    CHECK(sent == a.rows[r].cells[c]);
                }
            }
    }
    CHECK(hidden > 0);
    // No value of a hidden cell is in the text at all: November's one woman is sent as hidden.
    auto j = nlohmann::json::parse(text);
    for (const auto& t : j["tables"])
        for (const auto& r : t["rows"])
            for (const auto& c : r["cells"]) CHECK((c.contains("hidden") != c.contains("value")));

    CHECK_FALSE(decode_stats_answer("not json"));
    CHECK_FALSE(decode_stats_answer(R"({"query":{"from":"2026-11","to":"2026-12"},"counted_at":"2026-12-03T10:00:00Z"})"));
    auto broken = j;
    broken["tables"][0]["rows"][0]["cells"].erase(0);
    auto refused = decode_stats_answer(broken.dump());
    REQUIRE_FALSE(refused);
    CHECK(refused.rejection().detail == "a row of rapporter does not fit its columns");
    broken = j;
    broken["tables"][0]["rows"][0]["cells"][3] = {{"kind", "people"}, {"hidden", true}, {"value", 1}};
    CHECK_FALSE(decode_stats_answer(broken.dump()));
}
