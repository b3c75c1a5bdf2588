// The console's decisions that need no window: the colour scale, the map projection, what
// is under the mouse, labels, and how the hub's entries become the picture on screen.
#include "../core/fixtures.hpp"
#include "alert_command.hpp"
#include "alert_history.hpp"
#include "alert_queue.hpp"
#include "dispatch_view.hpp"
#include "feed_filter.hpp"
#include "guard_report.hpp"
#include "picture.hpp"
#include "team_suggestion.hpp"
#include "stockholm_time.hpp"
#include "time_text.hpp"
#include "zone_history.hpp"
#include "view_logic.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace platslage;
using namespace platslage::console;

namespace {
bool same(Rgba a, Rgba b) {
    return std::abs(a.r - b.r) < 1e-6f && std::abs(a.g - b.g) < 1e-6f && std::abs(a.b - b.b) < 1e-6f;
}
// Redness: how far red is above green; the scale runs green → amber → red.
float redness(Rgba c) { return c.r - c.g; }
} // namespace

TEST_SUITE("occupancy colours") {
    TEST_CASE("the scale rises with occupancy against capacity") {
        auto quiet = occupancy_colour(10, 100, false);
        auto half = occupancy_colour(50, 100, false);
        auto busy = occupancy_colour(80, 100, false);
        auto full = occupancy_colour(100, 100, false);
        CHECK(quiet.g > quiet.r); // green when calm
        CHECK(redness(quiet) < redness(half));
        CHECK(redness(half) < redness(busy));
        CHECK(redness(busy) < redness(full));
        CHECK(same(full, occupancy_colour(250, 100, false))); // over capacity is still "at capacity"
    }
    TEST_CASE("no count and no capacity are grey, whatever the number") {
        auto none = occupancy_colour(std::nullopt, 100, false);
        CHECK(same(none, occupancy_colour(5, 0, false)));
        CHECK(std::abs(none.r - none.g) < 0.05f); // grey: no hue
    }
    TEST_CASE("a silent sensor keeps its hue but is dimmed towards grey") {
        auto live = occupancy_colour(100, 100, false);
        auto silent = occupancy_colour(100, 100, true);
        CHECK_FALSE(same(live, silent));
        CHECK(redness(silent) > 0);               // still reads as "full"
        CHECK(redness(silent) < redness(live));   // but visibly old
    }
}

TEST_SUITE("map projection") {
    TEST_CASE("screen and lon/lat round-trip, north is up and east is right") {
        MapProjection proj({18.0575, 59.3303}, 2.0, {400, 300});
        LonLat p{18.0581, 59.3309};
        auto s = proj.to_screen(p);
        auto back = proj.to_lonlat(s);
        CHECK(back.lon == doctest::Approx(p.lon).epsilon(1e-12));
        CHECK(back.lat == doctest::Approx(p.lat).epsilon(1e-12));
        CHECK(s.x > 400); // east
        CHECK(s.y < 300); // north
    }
    TEST_CASE("metres are metres in both directions at 59 degrees north") {
        MapProjection proj({18.0575, 59.3303}, 1.0, {0, 0});
        // 100 m east and 100 m north must be the same number of pixels.
        double deg_lat_100m = 100.0 / 111320.0;
        double deg_lon_100m = deg_lat_100m / std::cos(59.3303 * 3.14159265358979 / 180.0);
        auto east = proj.to_screen({18.0575 + deg_lon_100m, 59.3303});
        auto north = proj.to_screen({18.0575, 59.3303 + deg_lat_100m});
        CHECK(east.x == doctest::Approx(100.0).epsilon(1e-9));
        CHECK(-north.y == doctest::Approx(100.0).epsilon(1e-9));
    }
    TEST_CASE("fit puts every zone of a station inside the canvas") {
        const auto& maps = test::real_maps();
        for (const auto& station : maps.stations()) {
            auto zones = maps.zones_of(station);
            auto proj = MapProjection::fit(zones, {10, 20}, {800, 500});
            for (const auto* z : zones)
                for (const auto& ll : z->outline) {
                    auto s = proj.to_screen(ll);
                    CHECK(s.x >= 10);
                    CHECK(s.x <= 810);
                    CHECK(s.y >= 20);
                    CHECK(s.y <= 520);
                }
        }
    }
    TEST_CASE("the zone under a point is found on the real map, and nothing outside it") {
        const auto& maps = test::real_maps();
        std::vector<const Zone*> street;
        for (const auto* z : maps.zones_of("centralen"))
            if (z->level == 0) street.push_back(z);
        const Zone* hall = maps.find("centralen.centralhallen");
        REQUIRE(hall);
        auto at_centre = zone_at(street, centroid(hall->outline));
        REQUIRE(at_centre);
        CHECK(at_centre->id == "centralen.centralhallen");
        CHECK(zone_at(street, {18.2, 59.5}) == nullptr); // kilometres away
    }
}

TEST_SUITE("labels") {
    auto ten_per_char = [](const std::string& s) { return 10.0f * static_cast<float>(s.size()); };
    TEST_CASE("a name that fits stays whole") {
        CHECK(label_lines("Toaletter", 100, ten_per_char) == std::vector<std::string>{"Toaletter"});
    }
    TEST_CASE("a long name breaks at the space that balances the lines") {
        auto lines = label_lines("Plattformar spår 10-19", 120, ten_per_char);
        CHECK(lines == std::vector<std::string>{"Plattformar", "spår 10-19"});
    }
    TEST_CASE("no label rather than one that spills over a neighbour") {
        CHECK(label_lines("Biljett- och informationshall", 60, ten_per_char).empty());
        CHECK(label_lines("Förvaringsboxar", 60, ten_per_char).empty());
    }
    TEST_CASE("span across and down a screen polygon") {
        std::vector<Point> square{{0, 0}, {100, 0}, {100, 50}, {0, 50}};
        CHECK(span_across(square, 25) == doctest::Approx(100));
        CHECK(span_down(square, 30) == doctest::Approx(50));
        CHECK(span_across(square, 80) == 0);
    }
}

TEST_SUITE("picture") {
    TEST_CASE("the hub's entries become zones, stations, teams and reports, newest report first") {
        std::map<std::string, std::string> entries{
            {"zone/centralen.toaletter",
             R"({"id":"centralen.toaletter","station":"centralen","capacity":40,"occupancy":12,"sensor":"silent",
                 "last_report":{"ts":"2026-11-23T23:01:00+01:00","persons":2,"categories":["sleeping"]}})"},
            {"station/centralen", R"({"id":"centralen","occupancy":12,"zones":12,"zones_counted":1,"sensors_silent":1,
                                      "guards_on_shift":3,"teams_on_site":1})"},
            {"report/000000000007", R"({"station":"centralen","device":"hh-01","id":"r-7","zone":"centralen.toaletter",
                                        "kind":"observation","persons":2,"categories":["sleeping"]})"},
            {"report/000000000012", R"({"station":"centralen","device":"hh-02","id":"r-12","zone":"centralen.vantytor",
                                        "kind":"patrol","persons":0,"categories":[]})"},
            {"team/team-01", R"({"id":"team-01","station":"centralen","status":"engaged","zone":"centralen.vantytor",
                                           "org":"capio","members":2})"},
            {"device/centralen/hh-01", "{not json"},
        };
        auto p = make_picture(entries);
        REQUIRE(p.zones.count("centralen.toaletter"));
        const auto& z = p.zones.at("centralen.toaletter");
        CHECK(z.occupancy == 12);
        CHECK(z.sensor == "silent");
        CHECK(z.last_report_persons == 2);
        CHECK(z.last_report_categories == std::vector<std::string>{"sleeping"});
        REQUIRE(p.stations.size() == 1);
        CHECK(p.stations[0].guards_on_shift == 3);
        REQUIRE(p.reports.size() == 2);
        CHECK(p.reports[0].id == "r-12"); // the later log id is on top
        CHECK(p.reports[1].id == "r-7");
        REQUIRE(p.teams.size() == 1);
        CHECK(p.teams[0].org == "capio");
        CHECK(p.undecodable == 1); // counted and shown, not silently dropped
    }
    TEST_CASE("a zone without a count has no occupancy, not zero") {
        auto p = make_picture({{"zone/centralen.vantytor", R"({"id":"centralen.vantytor","station":"centralen","capacity":250,"sensor":"none"})"}});
        CHECK_FALSE(p.zones.at("centralen.vantytor").occupancy.has_value());
    }
}

TEST_SUITE("ages") {
    TEST_CASE("how long ago, in words people read at a glance") {
        CHECK(age_text(-3) == "0 s");
        CHECK(age_text(42) == "42 s");
        CHECK(age_text(300) == "5 min");
        CHECK(age_text(7500) == "2 h 5 min");
    }
}

TEST_SUITE("alert queue") {
    AlertView alert(const char* id, const char* severity, int rank, const char* state, const char* raised, const char* station = "centralen") {
        AlertView a;
        a.id = id;
        a.severity = severity;
        a.severity_rank = rank;
        a.state = state;
        a.raised_at = raised;
        a.raised_ms = to_epoch_ms(*parse_rfc3339(raised));
        a.station = station;
        a.rule = "sleeping";
        return a;
    }

    TEST_CASE("the most severe open alert that has waited longest comes first; closed ones last or hidden") {
        std::vector<std::shared_ptr<const AlertView>> alerts;
        for (auto a : {alert("A-000001", "warning", 0, "raised", "2026-11-24T21:00:00.000Z"),
                       alert("A-000002", "critical", 3, "acknowledged", "2026-11-24T21:30:00.000Z"),
                       alert("A-000003", "critical", 3, "raised", "2026-11-24T21:10:00.000Z"),
                       alert("A-000004", "major", 2, "resolved", "2026-11-24T20:00:00.000Z"),
                       alert("A-000005", "major", 2, "raised", "2026-11-24T21:40:00.000Z", "cityterminalen")})
            alerts.push_back(std::make_shared<const AlertView>(a));
        auto ids = [](const std::vector<const AlertView*>& q) {
            std::vector<std::string> out;
            for (const auto* a : q) out.push_back(a->id);
            return out;
        };
        CHECK(ids(alert_queue(alerts, {})) == std::vector<std::string>{"A-000003", "A-000002", "A-000005", "A-000001"});
        AlertFilter all{"", 0, "all"};
        CHECK(ids(alert_queue(alerts, all)).back() == "A-000004");
        CHECK(ids(alert_queue(alerts, {"cityterminalen", 0, "open"})) == std::vector<std::string>{"A-000005"});
        CHECK(ids(alert_queue(alerts, {"", 3, "open"})) == std::vector<std::string>{"A-000003", "A-000002"});
        CHECK(ids(alert_queue(alerts, {"", 0, "closed"})) == std::vector<std::string>{"A-000004"});
        CHECK(ids(alert_queue(alerts, {"", 0, "acknowledged"})) == std::vector<std::string>{"A-000002"});
        CHECK(ids(alert_queue(alerts, {"", 0, "raised"})) == std::vector<std::string>{"A-000003", "A-000005", "A-000001"});
        auto q = alert_queue(alerts, {});
        CHECK(neighbour(q, "A-000003", +1) == "A-000002");
        CHECK(neighbour(q, "A-000003", -1) == "A-000003"); // stays at the top
        CHECK(neighbour(q, "A-000001", +1) == "A-000001"); // and at the bottom
        CHECK(neighbour(q, "gone", +1) == "A-000003");
        CHECK(needs_attention(*alerts[2]));
        CHECK_FALSE(needs_attention(*alerts[1])); // acknowledged: someone is on it
        CHECK_FALSE(needs_attention(*alerts[0]));
    }

    TEST_CASE("open alerts are counted by station and by level, for the tabs and level buttons") {
        auto entry = [](const char* id, const char* state, const char* station, const char* zone) {
            nlohmann::json j{{"id", id}, {"rule", "needs_care"}, {"station", station}, {"severity", "major"}, {"state", state}};
            j["zone"] = *zone ? nlohmann::json(zone) : nlohmann::json(nullptr);
            return std::make_pair(std::string("alert/") + id, j.dump());
        };
        auto p = make_picture({entry("A-000001", "raised", "centralen", "centralen.vantytor"),
                               entry("A-000002", "acknowledged", "centralen", "centralen.nedre-plan"),
                               entry("A-000003", "resolved", "centralen", "centralen.nedre-plan"), // closed: not counted
                               entry("A-000004", "raised", "cityterminalen", "cityterminalen.vanthall"),
                               entry("A-000005", "raised", "centralen", "")}); // equipment: the station's, no level's
        REQUIRE(p.alerts.size() == 5);
        const auto& maps = test::real_maps();
        auto n = open_alert_counts(p, maps);
        CHECK(n.station("centralen") == 3);
        CHECK(n.station("cityterminalen") == 1);
        CHECK(n.station("nowhere") == 0);
        CHECK(open_alert_total(p) == 4);
        const int vantytor = maps.find("centralen.vantytor")->level, nedre = maps.find("centralen.nedre-plan")->level;
        REQUIRE(vantytor != nedre);
        CHECK(n.level("centralen", vantytor) == 1);
        CHECK(n.level("centralen", nedre) == 1);
        CHECK(n.level("cityterminalen", maps.find("cityterminalen.vanthall")->level) == 1);
        CHECK(n.level("cityterminalen", -1) == 0);
    }

    TEST_CASE("the queue's Raised column gives the Stockholm clock time beside the age") {
        auto t = std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now()) - std::chrono::minutes(3);
        auto text = raised_text(format_rfc3339(t));
        CHECK(text == stockholm_clock_text(t).substr(0, 5) + " (3 min)");
        CHECK(raised_text("not a time") == "?");
    }

    TEST_CASE("a command is the protocol's JSON, leaving out what is empty") {
        auto j = nlohmann::json::parse(command_json("resolve", "A-000007", "kc-2", {{"outcome", "referred"}, {"note", ""}}));
        CHECK(j == nlohmann::json{{"op", "resolve"}, {"alert", "A-000007"}, {"by", "kc-2"}, {"outcome", "referred"}});
        auto parsed = parse_alert_command(j.dump()); // the hub's own check accepts it
        CHECK(parsed.ok());
        CHECK(rule_title("needs_care") == "Needs care");
    }

    TEST_CASE("the hotspot scale runs from grey through amber to deep red") {
        CHECK(redness(hotspot_colour(0)) < redness(hotspot_colour(30)));
        CHECK(redness(hotspot_colour(30)) < redness(hotspot_colour(60)));
        CHECK(redness(hotspot_colour(60)) < redness(hotspot_colour(100)));
        CHECK(same(hotspot_colour(100), hotspot_colour(250)));
        CHECK(std::abs(hotspot_colour(0).r - hotspot_colour(0).b) < 0.15f); // no hue for nothing
    }

    TEST_CASE("alerts, hotspots and the weather are read from the hub's entries") {
        auto p = make_picture({
            {"alert/A-000009", R"({"id":"A-000009","rule":"needs_care","station":"centralen","zone":"centralen.vantytor",
                "subject":null,"severity":"critical","state":"raised","raised_at":"2026-11-24T21:00:00.000Z","summary":"1 needing care",
                "signals":2,"persons":1,"escalations":0,"assigned_to":null,"outcome":null,"categories":["needs_care"],
                "history":[{"at":"2026-11-24T21:00:00.000Z","what":"raised","by":"hub","severity":"critical","detail":"1 needing care"}]})"},
            {"zone/centralen.vantytor", R"({"id":"centralen.vantytor","station":"centralen","capacity":250,"sensor":"none",
                "hotspot":{"score":42,"parts":["1 needing care","night"]},"teams_present":[{"team":"team-01","since":"x"}],
                "reported":{"needs_care":1},"incidents":0,"last_outreach":null})"},
            {"weather", R"({"temperature_c":-9.5,"warning_class":0,"extra_cold":true,"ts":"2026-11-24T21:00:00.000Z"})"},
            {"shelter/convictus", R"j({"id":"convictus","name":"Convictus (Hjorthagen)","places":20,"occupied":18,"free":2,
                "ts":"2026-11-24T21:00:00.000Z"})j"},
        });
        REQUIRE(p.alerts.size() == 1);
        CHECK(p.alerts[0]->severity_rank == 3);
        CHECK(p.alerts[0]->signals == 2);
        CHECK(p.alerts[0]->history.size() == 1);
        CHECK(p.alerts[0]->subject.empty());
        const auto& z = p.zones.at("centralen.vantytor");
        CHECK(z.hotspot == 42);
        CHECK(z.hotspot_parts == std::vector<std::string>{"1 needing care", "night"});
        CHECK(z.teams_present == std::vector<std::string>{"team-01"});
        CHECK_FALSE(z.last_outreach.has_value());
        REQUIRE(p.weather);
        CHECK(p.weather->extra_cold);
        CHECK(p.weather->temperature_c == -9.5);
        REQUIRE(p.shelters.size() == 1);
        CHECK(p.shelters[0].free == 2);
        CHECK(p.shelters[0].places == 20);
        CHECK(p.undecodable == 0);
    }
}

namespace {
TeamView team(const char* id, const char* status, const char* zone) {
    TeamView t;
    t.id = id;
    t.status = status;
    t.zone = zone;
    return t;
}
} // namespace

TEST_SUITE("team suggestion") {
    TEST_CASE("the nearest available team is offered first; busy teams after; off duty never") {
        const auto& maps = test::real_maps();
        Picture p;
        p.teams = {team("team-far", "available", "cityterminalen.flygbussar"),
                   team("team-busy", "engaged", "centralen.vantytor"),
                   team("team-near", "available", "centralen.centralhallen"),
                   team("team-home", "off_duty", "centralen.vantytor")};
        auto choices = teams_for(p, maps, "centralen.vantytor");
        REQUIRE(choices.size() == 3);
        CHECK(choices[0].team->id == "team-near");
        CHECK(choices[1].team->id == "team-far");
        CHECK(choices[2].team->id == "team-busy"); // right there, but busy
        CHECK(choices[0].metres < choices[1].metres);
        CHECK(choices[0].metres > 0);
        CHECK(choices[0].metres < 300); // two zones of the same hall are a short walk apart
    }
    TEST_CASE("the Dispatch dialog's offer stays as it opened; a team no longer free says why") {
        const auto& maps = test::real_maps();
        Picture p;
        p.teams = {team("team-01", "available", "centralen.centralhallen"), team("team-02", "available", "cityterminalen.flygbussar"),
                   team("team-03", "engaged", "centralen.vantytor")};
        auto offer = make_offer(teams_for(p, maps, "centralen.vantytor"));
        CHECK(offer.teams == std::vector<std::string>{"team-01", "team-02"}); // the busy team is not offered
        CHECK(offer.suggested == "team-01");

        // While the dialog is open team-02 walks over to Väntytor and team-01 takes another
        // job: the fresh ranking would now suggest team-02 first. The offer does not change
        // order or suggestion; team-01 is shown as no longer free, with why.
        p.teams[0].status = "engaged";
        p.teams[1].zone = "centralen.vantytor";
        auto fresh = teams_for(p, maps, "centralen.vantytor");
        REQUIRE(fresh.front().team->id == "team-02");
        auto now = offer_now(offer, fresh);
        REQUIRE(now.size() == 2);
        CHECK(now[0].team == "team-01");
        CHECK(now[0].suggested);
        CHECK_FALSE(now[0].free);
        CHECK(now[0].why_not == "engaged");
        CHECK(now[1].team == "team-02");
        CHECK_FALSE(now[1].suggested);
        CHECK(now[1].free);
        CHECK(now[1].zone == "centralen.vantytor");

        // A team that goes off duty meanwhile is no longer free either.
        p.teams[1].status = "off_duty";
        now = offer_now(offer, teams_for(p, maps, "centralen.vantytor"));
        CHECK_FALSE(now[1].free);
        CHECK(now[1].why_not == "off duty");

        // The team that did not take the order is offered, but never suggested.
        p.teams = {team("team-01", "available", "centralen.vantytor")};
        auto again = make_offer(teams_for(p, maps, "centralen.vantytor", "", "team-01"), "team-01");
        CHECK(again.teams == std::vector<std::string>{"team-01"});
        CHECK(again.suggested.empty());
    }
}

TEST_SUITE("one answer on screen") {
    TEST_CASE("a team the Teams table puts in a zone is the Zone panel's outreach there too") {
        Picture p;
        p.teams = {team("team-01", "available", "centralen.vantytor"), team("team-02", "on_scene", "centralen.vantytor"),
                   team("team-03", "off_duty", "centralen.vantytor"), team("team-04", "available", "centralen.centralhallen")};
        ZoneView z;
        z.id = "centralen.vantytor";
        CHECK(outreach_here(p, z) == "team-01 (available), team-02 (on scene)");
        // One the fused picture saw arrive, and whose status has not said so yet, is named too, once.
        z.teams_present = {"team-02", "team-05"};
        CHECK(outreach_here(p, z) == "team-01 (available), team-02 (on scene), team-05");
        ZoneView empty;
        empty.id = "centralen.toaletter";
        CHECK(outreach_here(p, empty) == "none here");
    }
    TEST_CASE("Counted and Silent never both claim a zone: counted is the counters reporting now") {
        StationView st;
        st.zones = 12;
        st.zones_counted = 12;
        st.sensors_silent = 12;
        CHECK(zones_counting_now(st) == 0);
        st.sensors_silent = 3;
        CHECK(zones_counting_now(st) == 9);
        st.zones_counted = 2; // never below zero, whatever a hub sends
        CHECK(zones_counting_now(st) == 0);
    }
}

TEST_SUITE("words for people") {
    TEST_CASE("reported categories are shown in words, never as protocol codes") {
        CHECK(category_words("family_with_children") == "family with children");
        CHECK(category_words("needs_care") == "needs care");
        CHECK(category_words("distress") == "in distress");
        CHECK(category_words("elderly") == "elderly (65+)");
        CHECK(category_words("something_new") == "something_new"); // a newer hub's: shown as it came
        CHECK(categories_text({"needs_care", "family_with_children"}) == "needs care, family with children");
        CHECK(categories_text({}).empty());
        for (auto c : all_categories()) CHECK(category_words(std::string(category_name(c))).find('_') == std::string::npos);
    }
}

TEST_SUITE("zone history") {
    TEST_CASE("a day's counts become one value per bucket, holding the last count through gaps") {
        auto h = parse_history(R"({"zone":"centralen.vantytor","capacity":250,"bucket_ms":300000,
            "from_ms":1000000200000,"to_ms":1000001700000,"counts":[[1000000500000,12],[1000001100000,30]]})");
        REQUIRE(h);
        auto v = chart_values(*h);
        // Buckets start at 1000000200000 (already on a 5-minute boundary) and run to 1000001700000.
        REQUIRE(v.size() == 6);
        CHECK(v == std::vector<float>{0, 12, 12, 30, 30, 30});
    }
    TEST_CASE("an answer that is not a history is not drawn") {
        CHECK_FALSE(parse_history("not json"));
        CHECK_FALSE(parse_history(R"({"zone":"x"})"));
        CHECK_FALSE(parse_history(R"({"zone":"x","capacity":1,"bucket_ms":0,"from_ms":0,"to_ms":1,"counts":[]})"));
    }
}

TEST_SUITE("picture builder") {
    TEST_CASE("building again decodes only what changed and gives what a fresh build gives") {
        std::map<std::string, std::string> entries{
            {"alert/A-000001", R"({"id":"A-000001","rule":"sleeping","station":"centralen","zone":"centralen.vantytor","severity":"warning","state":"raised"})"},
            {"alert/A-000002", R"({"id":"A-000002","rule":"needs_care","station":"centralen","zone":"centralen.vantytor","severity":"critical","state":"raised"})"},
            {"zone/centralen.vantytor", R"({"id":"centralen.vantytor","station":"centralen","capacity":250,"sensor":"none"})"},
        };
        PictureBuilder builder;
        auto first = builder.build(entries);
        CHECK(first.worst_alert.at("centralen.vantytor") == 3);
        entries["alert/A-000002"] = R"({"id":"A-000002","rule":"needs_care","station":"centralen","zone":"centralen.vantytor","severity":"critical","state":"resolved"})";
        entries.erase("alert/A-000001");
        entries["report/000000000004"] = R"({"station":"centralen","id":"r-4","zone":"centralen.vantytor","persons":1})";
        auto second = builder.build(entries);
        auto fresh = make_picture(entries);
        CHECK(second.build == first.build + 1);
        REQUIRE(second.alerts.size() == 1);
        CHECK(second.alerts[0]->state == "resolved");
        CHECK(second.alerts.size() == fresh.alerts.size());
        CHECK(second.reports.size() == 1);
        CHECK(second.zones.size() == fresh.zones.size());
        CHECK(second.worst_alert.empty()); // nothing open any more
    }
}

TEST_SUITE("feed") {
    TEST_CASE("the feed shows what its filters ask for") {
        auto report = [](const char* station, const char* zone, int persons, std::vector<std::string> cats) {
            ReportView r;
            r.station = station;
            r.zone = zone;
            r.persons = persons;
            r.categories = std::move(cats);
            return r;
        };
        std::vector<ReportView> reports{report("centralen", "centralen.vantytor", 0, {}),
                                        report("centralen", "centralen.vantytor", 2, {"sleeping"}),
                                        report("cityterminalen", "cityterminalen.vanthall", 1, {"minor", "sleeping"}),
                                        report("centralen", "centralen.nedre-plan", 1, {"distress"})};
        CHECK(feed(reports, {}).size() == 4);
        CHECK(feed(reports, {"", true, "", ""}).size() == 3);
        CHECK(feed(reports, {"centralen", false, "", ""}).size() == 3);
        CHECK(feed(reports, {"", false, "sleeping", ""}).size() == 2);
        CHECK(feed(reports, {"centralen", false, "sleeping", ""}).size() == 1);
        CHECK(feed(reports, {"", true, "", "centralen.vantytor"}).size() == 1);
    }
}

TEST_SUITE("alert steps") {
    AlertView::Step step(const char* at, const char* what, const char* by, const char* detail) {
        return {at, what, by, "critical", detail};
    }

    TEST_CASE("each step on a line in Stockholm time; the hub's own steps name nobody") {
        AlertView a;
        a.history = {step("2026-11-24T21:00:00.000Z", "raised", "hub", "1 needing care"),
                     step("2026-11-24T21:01:30.000Z", "acknowledged", "kc-1", ""),
                     step("2026-11-24T21:03:00.000Z", "dispatched", "kc-1", "team-02")};
        a.steps = 3;
        CHECK(history_lines(a) == std::vector<std::string>{"22:00:00  raised: 1 needing care", "22:01:30  acknowledged by kc-1",
                                                           "22:03:00  dispatched by kc-1: team-02"});
    }

    TEST_CASE("steps and outcomes in words, never protocol codes; an operator's note as written") {
        AlertView a;
        a.history = {step("2026-11-24T21:05:00.000Z", "team_accepted", "team-02", "D-000004"),
                     step("2026-11-24T21:12:00.000Z", "on_scene", "team-02", ""),
                     step("2026-11-24T21:30:00.000Z", "team_outcome", "team-02", "support_accepted"),
                     step("2026-11-24T21:31:00.000Z", "resolved", "kc-1", "handled_by_guard: walked_out together")};
        a.steps = 4;
        CHECK(history_lines(a) == std::vector<std::string>{"22:05:00  team accepted by team-02: D-000004",
                                                           "22:12:00  on scene by team-02",
                                                           "22:30:00  team's outcome by team-02: support accepted",
                                                           "22:31:00  resolved by kc-1: handled by guard: walked_out together"});
    }

    TEST_CASE("when the hub sent only the newest steps, the left-out ones are counted after the first") {
        auto p = make_picture({{"alert/A-000009", R"({"id":"A-000009","rule":"sleeping","station":"centralen","severity":"major",
            "state":"raised","steps":40,"history":[
              {"at":"2026-11-24T21:00:00.000Z","what":"raised","by":"hub","severity":"major","detail":"2 sleeping"},
              {"at":"2026-11-24T23:40:00.000Z","what":"joined","by":"hub","severity":"major","detail":"3 sleeping"}]})"}});
        REQUIRE(p.alerts.size() == 1);
        CHECK(p.alerts[0]->steps == 40);
        auto lines = history_lines(*p.alerts[0]);
        REQUIRE(lines.size() == 3);
        CHECK(lines[1] == "  … 38 earlier steps not shown (every step is in the log)");
        CHECK(lines[2] == "00:40:00  joined: 3 sleeping");
    }

    TEST_CASE("an alert from a hub that does not count its steps shows what it has") {
        auto p = make_picture({{"alert/A-000010", R"({"id":"A-000010","rule":"sleeping","station":"centralen","severity":"major",
            "state":"raised","history":[{"at":"2026-11-24T21:00:00.000Z","what":"raised","by":"hub","severity":"major","detail":""}]})"}});
        REQUIRE(p.alerts.size() == 1);
        CHECK(p.alerts[0]->steps == 1);
        CHECK(history_lines(*p.alerts[0]) == std::vector<std::string>{"22:00:00  raised"});
    }
}

TEST_CASE("an alert ring stands out on every zone fill, and a flashing row's text is readable") {
    const Rgba white{1, 1, 1, 1}, black{0, 0, 0, 1};
    CHECK(contrast_ratio(white, black) == doctest::Approx(21.0));
    CHECK(contrast_ratio(white, white) == doctest::Approx(1.0));

    std::vector<Rgba> fills;
    for (int score = 0; score <= 100; score += 5) fills.push_back(over(hotspot_colour(score), zone_fill_opacity, panel_background));
    for (int people = 0; people <= 120; people += 10)
        for (bool silent : {false, true}) fills.push_back(over(occupancy_colour(people, 100, silent), zone_fill_opacity, panel_background));
    fills.push_back(over(occupancy_colour(std::nullopt, 100, false), zone_fill_opacity, panel_background));

    // The defect: a major alert's red alone on an orange hotspot hardly differs from it.
    const Rgba orange = over(hotspot_colour(60), zone_fill_opacity, panel_background);
    CHECK(contrast_ratio(severity_colour(2), orange) < 3.0);
    for (int severity = 0; severity <= 3; ++severity)
        for (const auto& fill : fills) {
            auto ring = alert_ring(severity, fill);
            // A line must reach 3:1 against what is around it: the halo does where the colour does not.
            CHECK(std::max(contrast_ratio(ring.halo, fill), contrast_ratio(ring.colour, fill)) >= 3.0);
            CHECK(contrast_ratio(ring.halo, ring.colour) >= 1.5); // the colour stays visible on its halo
            CHECK(ring.halo_width > ring.width);
        }

    for (int severity = 0; severity <= 3; ++severity) {
        const Rgba lit = over(severity_colour(severity), lit_row_opacity, panel_background);
        CHECK(contrast_ratio(text_colour_on(lit), lit) >= 4.5);
    }
    // The defect: "critical" written in its own colour on its flashing row.
    const Rgba critical_row = over(severity_colour(3), lit_row_opacity, panel_background);
    CHECK(contrast_ratio(severity_colour(3), critical_row) < 4.5);
}

TEST_CASE("a zone's counter in words: nothing while it counts, what is wrong with the count otherwise") {
    CHECK(counter_words("ok").empty());
    CHECK(counter_words("none").empty());
    CHECK(counter_words("silent") == "counter silent: the count shown may be old");
    CHECK(counter_words("clock_wrong") == "counter's clock wrong: its counts are refused, the one shown may be old");
    CHECK(counter_faulty("clock_wrong"));
    CHECK(counter_faulty("silent"));
    CHECK_FALSE(counter_faulty("ok"));
}
