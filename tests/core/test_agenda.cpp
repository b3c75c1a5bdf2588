// The agenda of a joint deployment meeting, from a week of recorded situations worked out
// by hand: every number below can be recounted from the data in this file.
#include "agenda_markdown.hpp"
#include "fixtures.hpp"

#include <doctest/doctest.h>

#include <cstdio>

using namespace platslage;
using namespace std::chrono_literals;

namespace {
const TimePoint previous = test::at("2026-10-20T07:00:00Z"); // Tuesday 09:00
const TimePoint held = test::at("2026-10-27T08:00:00Z");     // the next Tuesday 09:00 (winter time)

AgendaReport report(const char* zone, const char* at, int persons, std::vector<std::string> cats) {
    return {zone, test::at(at), persons, std::move(cats)};
}

AgendaAlert alert(const char* id, const char* zone, const char* severity, const char* raised, bool escalated,
                  std::optional<const char*> closed) {
    AgendaAlert a{id, "needs_care", zone, severity, test::at(raised), escalated, std::nullopt, "2 sleeping", ""};
    if (closed) a.closed = test::at(*closed);
    return a;
}

Dispatch dispatch(const char* id, const char* alert_id, const char* zone, TimePoint raised) {
    Dispatch d;
    d.id = id;
    d.alert = alert_id;
    d.team = "team-1";
    d.station = "centralen";
    d.zone = zone;
    d.raised_at = raised;
    return d;
}

AgendaInput recorded_week() {
    AgendaInput in;
    in.plan.id = "M-000001";
    in.plan.title = "Utsättningsmöte Centralen";
    in.plan.station = "centralen";
    in.plan.zone = "centralen.vantytor";
    in.plan.organisations = {"jernhusen", "capio"};
    in.plan.first = previous;
    in.plan.repeat = Repeat::weekly;
    in.held_at = held;
    in.previous = previous;
    // Väntytor: someone resting on four different nights.
    in.reports.push_back(report("centralen.vantytor", "2026-10-20T23:30:00+02:00", 2, {"sleeping"}));
    in.reports.push_back(report("centralen.vantytor", "2026-10-22T01:10:00+02:00", 2, {"sleeping", "intoxicated"}));
    in.reports.push_back(report("centralen.vantytor", "2026-10-23T02:00:00+02:00", 2, {"sleeping"}));
    in.reports.push_back(report("centralen.vantytor", "2026-10-26T03:00:00+01:00", 2, {"sleeping"}));
    // Nedre plan: three reports on one afternoon, more people.
    for (const char* at : {"2026-10-21T13:00:00+02:00", "2026-10-21T14:00:00+02:00", "2026-10-21T15:00:00+02:00"})
        in.reports.push_back(report("centralen.nedre-plan", at, 3, {"distress"}));
    in.reports.push_back(report("centralen.spar-1-9", "2026-10-24T12:00:00+02:00", 1, {}));
    // Before the previous meeting: not counted.
    in.reports.push_back(report("centralen.spar-1-9", "2026-10-19T12:00:00+02:00", 40, {"sleeping"}));

    in.alerts.push_back(alert("A-000003", "centralen.toaletter", "minor", "2026-10-15T12:00:00+02:00", false, std::nullopt));
    in.alerts.push_back(alert("A-000011", "centralen.vantytor", "major", "2026-10-21T23:00:00+02:00", true,
                              "2026-10-22T00:00:00+02:00"));
    in.alerts.push_back(alert("A-000012", "centralen.nedre-plan", "minor", "2026-10-22T10:00:00+02:00", false, std::nullopt));
    in.alerts.push_back(alert("A-000013", "centralen.vantytor", "minor", "2026-10-23T22:00:00+02:00", false,
                              "2026-10-23T23:00:00+02:00"));

    auto a11 = test::at("2026-10-21T23:00:00+02:00");
    Dispatch d1 = dispatch("D-000001", "A-000011", "centralen.vantytor", a11);
    d1.acknowledged_at = a11 + 2min;
    d1.dispatched_at = a11 + 3min;
    d1.answered_at = a11 + 4min;
    d1.on_scene_at = a11 + 10min;
    d1.finished_at = a11 + 40min;
    d1.state = DispatchState::completed;
    d1.outcome = "referred";
    d1.referred_to = "capio";
    d1.gender = "woman";
    d1.outcome_persons = 1;
    auto a13 = test::at("2026-10-23T22:00:00+02:00");
    Dispatch d2 = dispatch("D-000002", "A-000013", "centralen.vantytor", a13);
    d2.dispatched_at = a13 + 1min;
    d2.state = DispatchState::unanswered;
    Dispatch d3 = dispatch("D-000003", "A-000013", "centralen.vantytor", a13);
    d3.dispatched_at = a13 + 5min;
    d3.answered_at = a13 + 6min;
    d3.on_scene_at = a13 + 12min;
    d3.finished_at = a13 + 20min;
    d3.state = DispatchState::completed;
    d3.outcome = "support_accepted";
    d3.gender = "man";
    d3.outcome_persons = 2;
    in.dispatches = {d1, d2, d3};

    MeetingNote late;
    late.id = "N-000001";
    late.kind = NoteKind::action;
    late.meeting = "M-000001";
    late.held_at = previous;
    late.text = "Nattpatrull nedre plan";
    late.owner = "jernhusen";
    late.due = "2026-10-26";
    MeetingNote later = late;
    later.id = "N-000002";
    later.text = "Capio på plats tisdagar";
    later.owner = "capio";
    later.due = "2026-11-30";
    in.open_actions = {late, later};
    MeetingNote decided = later;
    decided.id = "N-000003";
    decided.kind = NoteKind::decision;
    decided.text = "Fler rundor efter 22";
    decided.owner.clear();
    decided.due.clear();
    in.last_notes = {decided};
    return in;
}
} // namespace

TEST_CASE("the agenda counts the week since the previous meeting as the data says") {
    auto a = build_agenda(recorded_week(), test::real_maps(), NightHours{});
    CHECK(a.since == previous);
    CHECK_FALSE(a.first_meeting);
    CHECK(a.zone_name == "Väntytor");

    REQUIRE(a.hottest.size() == 3);
    CHECK(a.hottest[0].zone == "centralen.nedre-plan");
    CHECK(a.hottest[0].persons == 9);
    CHECK(a.hottest[0].reports == 3);
    CHECK(a.hottest[0].at_night == 0);
    CHECK(a.hottest[0].alerts == 1);
    CHECK(a.hottest[0].serious_alerts == 0);
    CHECK(a.hottest[1].zone == "centralen.vantytor");
    CHECK(a.hottest[1].persons == 8);
    CHECK(a.hottest[1].at_night == 4);
    CHECK(a.hottest[1].alerts == 2);
    CHECK(a.hottest[1].serious_alerts == 1);
    REQUIRE(a.hottest[1].categories.size() == 2);
    CHECK(a.hottest[1].categories[0] == std::pair<std::string, int>{"sleeping", 4});
    CHECK(a.hottest[1].why == "8 people in 4 reports, mostly sleeping (4), intoxicated (1); 4 of 4 at night; 2 alerts, 1 major or critical");
    CHECK(a.hottest[2].persons == 1); // the 40 before the previous meeting are not in this period

    REQUIRE(a.repeated.size() == 1);
    CHECK(a.repeated[0].zone == "centralen.vantytor");
    CHECK(a.repeated[0].days == 4);

    REQUIRE(a.gaps.size() == 2);
    CHECK(a.gaps[0].zone == "centralen.nedre-plan");
    CHECK(a.gaps[0].alerts == 1);
    CHECK(a.gaps[0].reached == 0);
    CHECK(a.gaps[1].zone == "centralen.vantytor");
    CHECK(a.gaps[1].reached == 2);
    CHECK(a.gaps[1].unanswered == 1);

    REQUIRE(a.open_alerts.size() == 2);
    CHECK(a.open_alerts[0].id == "A-000003"); // raised before the period, still open
    CHECK(a.open_alerts[1].id == "A-000012");
    REQUIRE(a.escalated.size() == 1);
    CHECK(a.escalated[0].id == "A-000011");

    CHECK(a.dispatches == 3);
    CHECK(a.completed == 2);
    CHECK(a.unanswered == 1);
    REQUIRE(a.response.size() == 6);
    auto& to_ack = a.response[0];
    CHECK(to_ack.measured == 1);
    CHECK(to_ack.median == Millis(2min));
    CHECK(a.response[2].measured == 2); // dispatched → accepted: D-1 and D-3, not the unanswered one
    CHECK(a.response[2].median == Millis(1min));
    CHECK(a.response[4].median == Millis(8min)); // on scene → resolved: 30 and 8 minutes
    CHECK(a.response[4].p90 == Millis(30min));
    CHECK(a.response[5].median == Millis(20min)); // raised → resolved: 40 and 20 minutes
    CHECK(a.response[5].p90 == Millis(40min));

    REQUIRE(a.outcomes.size() == 2);
    CHECK(a.outcomes[0].outcome == "support_accepted");
    CHECK(a.outcomes[0].men == 2);
    CHECK(a.outcomes[1].outcome == "referred");
    CHECK(a.outcomes[1].women == 1);
    REQUIRE(a.referrals.size() == 1);
    CHECK(a.referrals[0] == std::pair<std::string, int>{"capio", 1});

    CHECK(a.open_actions.size() == 2);
    CHECK(a.overdue == std::vector<std::string>{"N-000001"});
}

TEST_CASE("the first meeting looks back a week, and an empty week says so") {
    auto in = recorded_week();
    in.previous.reset();
    in.reports.clear();
    in.alerts.clear();
    in.dispatches.clear();
    in.open_actions.clear();
    in.last_notes.clear();
    auto a = build_agenda(in, test::real_maps(), NightHours{});
    CHECK(a.first_meeting);
    CHECK(a.since == held - agenda_default_window);
    CHECK(a.hottest.empty());
    CHECK(a.response[0].measured == 0);
    auto md = agenda_markdown(a);
    CHECK(md.find("No guard reports in the period.") != std::string::npos);
    CHECK(md.find("This is the first meeting.") != std::string::npos);
    CHECK(md.find("| raised → acknowledged | 0 | – | – |") != std::string::npos);
}

TEST_CASE("the Markdown handout carries the agenda's numbers in tables") {
    auto md = agenda_markdown(build_agenda(recorded_week(), test::real_maps(), NightHours{}));
    CHECK(md.rfind("# Utsättningsmöte Centralen\n", 0) == 0);
    CHECK(md.find("- **When:** 2026-10-27 09:00 (60 min)") != std::string::npos);
    CHECK(md.find("- **Where:** Väntytor") != std::string::npos);
    CHECK(md.find("- **Who:** Jernhusen, Capio Vård för hemlösa") != std::string::npos);
    CHECK(md.find("- **Period:** 2026-10-20 09:00 to 2026-10-27 09:00 (since the previous meeting)") != std::string::npos);
    // Action items under the organisation that owns each.
    const auto jernhusen = md.find("### Jernhusen\n"), capio = md.find("### Capio Vård för hemlösa\n");
    REQUIRE(jernhusen != std::string::npos);
    REQUIRE(capio != std::string::npos);
    const auto n1 = md.find("| N-000001 | Nattpatrull nedre plan | 2026-10-26 **overdue** | 2026-10-20 09:00 |");
    const auto n2 = md.find("| N-000002 | Capio på plats tisdagar | 2026-11-30 |");
    CHECK((n1 > jernhusen && (n1 < capio || jernhusen > capio)));
    CHECK((n2 > capio && (n2 < jernhusen || capio > jernhusen)));
    CHECK(md.find("| Nedre plan | 9 | 3 | 0 | 1 |") != std::string::npos);
    CHECK(md.find("| Väntytor | 4 | 8 |") != std::string::npos);
    // People's words, not the system's codes: the rule, the zone's name, the outcome, where they were referred.
    CHECK(md.find("| A-000012 | Needs care | Nedre plan | minor | 2026-10-22 10:00 | 2 sleeping |") != std::string::npos);
    CHECK(md.find(" alert: 1 needs care.") != std::string::npos);
    CHECK(md.find("centralen.") == std::string::npos);
    CHECK(md.find("_") == std::string::npos);
    CHECK(md.find("3 orders sent: 2 completed, 0 declined, 1 unanswered, 0 withdrawn.") != std::string::npos);
    CHECK(md.find("| on scene → resolved | 2 | 8.0 min | 30.0 min |") != std::string::npos);
    CHECK(md.find("| **total** | 1 | 2 | 0 | 3 |") != std::string::npos);
    CHECK(md.find("Referred to: Capio Vård för hemlösa 1.") != std::string::npos);
    CHECK(md.find("| support accepted |") != std::string::npos);
    CHECK(md.find("- Decision N-000003: Fler rundor efter 22") != std::string::npos);
    // A pipe in free text cannot break a table row.
    auto in = recorded_week();
    in.open_actions[0].text = "a | b";
    CHECK(agenda_markdown(build_agenda(in, test::real_maps(), NightHours{})).find("a \\| b") != std::string::npos);
}

TEST_CASE("a flood of open alerts is counted by kind in the handout, and only the first few are listed") {
    auto in = recorded_week();
    for (int i = 0; i < 12; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "A-0001%02d", i);
        in.alerts.push_back(alert(id, "centralen.vantytor", "major", "2026-10-25T12:00:00+01:00", false, std::nullopt));
    }
    auto md = agenda_markdown(build_agenda(in, test::real_maps(), NightHours{}));
    CHECK(md.find("14 alerts: 14 needs care.") != std::string::npos);
    CHECK(md.find("And 9 more, in the console's alert queue.") != std::string::npos);
    std::size_t rows = 0;
    for (auto at = md.find("| A-0001"); at != std::string::npos; at = md.find("| A-0001", at + 1)) ++rows;
    CHECK(rows == 3); // five rows of the fourteen, two of them the week's own
}

TEST_CASE("an agenda counts its own station, and the city's shelters and weather night by night") {
    AgendaInput in = recorded_week();
    const auto base = build_agenda(in, test::real_maps(), NightHours{});
    // Cityterminalen's week is not Centralen's meeting's business.
    in.reports.push_back(report("cityterminalen.vanthall", "2026-10-22T01:00:00+02:00", 30, {"sleeping"}));
    auto elsewhere = alert("A-000099", "cityterminalen.vanthall", "critical", "2026-10-22T01:05:00+02:00", true, std::nullopt);
    in.alerts.push_back(elsewhere);
    Dispatch there = dispatch("D-000099", "A-000099", "cityterminalen.vanthall", test::at("2026-10-22T01:05:00+02:00"));
    there.station = "cityterminalen";
    there.dispatched_at = there.raised_at + 2min;
    in.dispatches.push_back(there);

    // Filadelfia: the night of the 21st read twice (the last counts: full), the 24th once.
    in.shelter_readings.push_back(ShelterReading{"filadelfia", test::at("2026-10-21T20:00:00+02:00"), 50, 41, std::nullopt, std::nullopt});
    in.shelter_readings.push_back(ShelterReading{"filadelfia", test::at("2026-10-22T02:00:00+02:00"), 50, 50, std::nullopt, std::nullopt});
    in.shelter_readings.push_back(ShelterReading{"filadelfia", test::at("2026-10-24T22:00:00+02:00"), 52, 47, std::nullopt, std::nullopt});
    // Before the period: not counted.
    in.shelter_readings.push_back(ShelterReading{"convictus", test::at("2026-10-19T22:00:00+02:00"), 20, 20, std::nullopt, std::nullopt});
    in.weather_readings.push_back(WeatherReading{"smhi", test::at("2026-10-22T01:00:00+02:00"), -8.5, 0});
    in.weather_readings.push_back(WeatherReading{"smhi", test::at("2026-10-22T04:00:00+02:00"), -9.0, 0}); // the same night
    in.weather_readings.push_back(WeatherReading{"smhi", test::at("2026-10-25T23:00:00+01:00"), -2.0, 2});
    in.weather_readings.push_back(WeatherReading{"smhi", test::at("2026-10-26T12:00:00+01:00"), 3.0, std::nullopt});

    auto a = build_agenda(in, test::real_maps(), NightHours{}, ColdNightRule{});
    CHECK(a.hottest.size() == base.hottest.size());
    for (const auto& h : a.hottest) CHECK(h.zone.rfind("centralen.", 0) == 0);
    CHECK(a.open_alerts.size() == base.open_alerts.size());
    CHECK(a.escalated.size() == base.escalated.size());
    CHECK(a.dispatches == base.dispatches);

    REQUIRE(a.shelters.size() == 3);
    const auto& filadelfia = a.shelters[0];
    CHECK(filadelfia.id == "filadelfia");
    CHECK(filadelfia.nights == 2);
    CHECK(filadelfia.full_nights == 1);
    CHECK(filadelfia.occupied == 97);
    CHECK(filadelfia.places == 52);
    CHECK(filadelfia.last_free == 5);
    CHECK(a.shelters[2].nights == 0);
    CHECK(a.weather.readings == 4);
    CHECK(*a.weather.coldest_c == -9.0);
    CHECK(a.weather.extra_cold_nights == 2); // the night of the 21st (-9), and the warning of the 25th
    CHECK(a.weather.worst_warning == 2);

    auto md = agenda_markdown(a);
    CHECK(md.find("| Filadelfia (Slakthusområdet) | 52 | 2 | 1 | 97 | 5 |") != std::string::npos);
    CHECK(md.find("coldest -9.0 °C; 2 extra cold nights; SMHI warning class 2 at worst.") != std::string::npos);
    auto j = to_json(a);
    CHECK(j["shelters"][0]["full_nights"] == 1);
    CHECK(j["weather"]["extra_cold_nights"] == 2);
}
