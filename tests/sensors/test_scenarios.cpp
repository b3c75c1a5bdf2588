// Scenarios as data: the shipped files read and say what they promise, a misspelt setting
// refuses the file with its line, the simulated clock starts where the scenario says, the
// weather curve and the night shelters follow it, the crowd stays believable, and a
// recorded scenario day is the same for the same seed.
#include <doctest/doctest.h>

#include "day_curve.hpp"
#include "event_record.hpp"
#include "night_shelters.hpp"
#include "recorded_day.hpp"
#include "scenario.hpp"
#include "sim_clock.hpp"
#include "stockholm_time.hpp"
#include "time_text.hpp"
#include "weather.hpp"
#include "zone_map.hpp"

#include <cmath>
#include <set>
#include <stdexcept>

using namespace platslage;
using namespace platslage::sim;

namespace {
const ZoneMap& maps() {
    static const ZoneMap zones = ZoneMap::load_dir(std::string(PLATSLAGE_SOURCE_DIR) + "/maps");
    return zones;
}
const std::string scenarios_dir = std::string(PLATSLAGE_SOURCE_DIR) + "/sensors/scenarios";
const char* const shipped[] = {"weekday", "weekend-night", "extra-cold-night", "crowding"};

Scenario shipped_scenario(const std::string& name) { return load_scenario(scenario_path(name, scenarios_dir), maps()); }

// The message a broken file is refused with.
std::string refusal(const std::string& text) {
    try {
        parse_scenario(text, "broken.toml", maps());
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "(accepted)";
}

const std::string minimal = "[start]\nweekday = \"monday\"\ntime = \"12:00\"\nmonth = 5\n";

// People who pass through a station in a day: the people present, hour by hour, over the
// time each stays. A mean stay of 15 minutes is this estimate's assumption (a change of
// trains, a coffee, a wait for a bus).
double visitors_per_day(const std::string& station, const SiteMix& mix, bool weekend) {
    double person_minutes = 0;
    for (int minute = 0; minute < 24 * 60; ++minute)
        for (const Zone* z : maps().zones_of(station))
            person_minutes += expected_count(*z, DayMoment{minute / 60.0, weekend}, mix);
    return person_minutes / 15.0;
}
} // namespace

TEST_SUITE("scenarios") {
    TEST_CASE("every shipped scenario reads, and starts where it says") {
        for (const char* name : shipped) {
            INFO(name);
            Scenario s = shipped_scenario(name);
            CHECK(s.name == name);
            CHECK_FALSE(s.starts_now);
            CHECK_FALSE(s.description.empty());
            CHECK(s.handhelds > 0);
            CHECK(s.teams.size() >= 3);
            for (const auto& t : s.teams) CHECK_FALSE(t.shifts.empty());
            auto start = moment_of(scenario_start(s, TimePoint{}));
            CHECK(start.day == s.start_day);
            CHECK(start.hour == doctest::Approx(s.start_hour));
            CHECK(start.month == s.month);
        }
    }

    TEST_CASE("extra-cold-night is extra cold from its first minute through the night, and starts in the evening") {
        Scenario s = shipped_scenario("extra-cold-night");
        CHECK((s.start_hour >= 18 || s.start_hour < 4));
        WeatherCurve weather(s.weather, s.month);
        TimePoint start = scenario_start(s, TimePoint{});
        // Through the hub's own rule, minute by minute until the morning.
        for (auto t = start; t < start + std::chrono::hours(10); t += std::chrono::minutes(1)) {
            auto w = weather.at(stockholm_hour(t));
            Weather hub;
            hub.apply(WeatherReading{"sim-smhi", t, w.temperature_c, w.warning_class});
            REQUIRE_MESSAGE(hub.extra_cold(ColdNightRule{}), stockholm_clock_text(t));
        }
        CHECK(weather.at(s.start_hour).temperature_c <= -7.0);
    }

    TEST_CASE("the other scenarios are not extra cold when they start") {
        for (const char* name : {"weekday", "weekend-night", "crowding"}) {
            Scenario s = shipped_scenario(name);
            CHECK_FALSE_MESSAGE(WeatherCurve(s.weather, s.month).at(s.start_hour).extra_cold(), name);
        }
    }

    TEST_CASE("a weekday at Centralen: more than 200,000 visitors, a morning and an evening rush, a quiet night") {
        Scenario s = shipped_scenario("weekday");
        double visitors = visitors_per_day("centralen", s.mix, false);
        MESSAGE("visitors a weekday at Centralen: " << static_cast<int>(visitors));
        CHECK(visitors > 200000);
        CHECK(visitors < 600000);
        auto present = [&](double hour) {
            double n = 0;
            for (const Zone* z : maps().zones_of("centralen")) n += expected_count(*z, DayMoment{hour, false}, s.mix);
            return n;
        };
        CHECK(present(8.0) > 2 * present(11.0) * 0.9);
        CHECK(present(17.0) > present(13.5));
        CHECK(present(8.0) > 8 * present(3.5));
        CHECK(present(17.0) > 8 * present(3.5));
    }

    TEST_CASE("platforms swell when a train arrives and ebb between trains") {
        Scenario s = shipped_scenario("weekday");
        const Zone* platform = maps().find("centralen.spar-1-9");
        REQUIRE(platform);
        double minutes_between = 60.0 / s.mix.train_arrivals_per_hour;
        double at_arrival = expected_count(*platform, DayMoment{12.0, false}, s.mix);
        double before_next = expected_count(*platform, DayMoment{12.0 + (minutes_between - 0.2) / 60.0, false}, s.mix);
        CHECK(at_arrival > 1.2 * before_next);
        // Without trains the platform follows the crowd alone, as it always did.
        CHECK(expected_count(*platform, DayMoment{12.0, false}, SiteMix{}) ==
              doctest::Approx(expected_count("platform", platform->capacity, 12.0)));
    }

    TEST_CASE("crowding: cancelled trains fill platforms and halls past their capacity at the rush") {
        Scenario crowd = shipped_scenario("crowding");
        Scenario usual = shipped_scenario("weekday");
        DayMoment rush{crowd.start_hour, false};
        for (const char* id : {"centralen.spar-1-9", "centralen.spar-10-19", "centralen.centralhallen"}) {
            const Zone* z = maps().find(id);
            REQUIRE(z);
            CHECK_MESSAGE(expected_count(*z, rush, crowd.mix) > z->capacity, id);
            CHECK_MESSAGE(expected_count(*z, rush, usual.mix) < z->capacity, id);
        }
    }

    TEST_CASE("at night people rest in halls and on the lower level more than on platforms, most on a cold night") {
        for (const char* name : shipped) {
            Scenario s = shipped_scenario(name);
            auto sleeping = static_cast<std::size_t>(Category::sleeping);
            double hall = category_weights("hall", 0, 2.0, ReportKind::observation, s.mix)[sleeping];
            double lower = category_weights("hall", -1, 2.0, ReportKind::observation, s.mix)[sleeping];
            double platform = category_weights("platform", 0, 2.0, ReportKind::observation, s.mix)[sleeping];
            CHECK_MESSAGE(hall > 10 * platform, name);
            CHECK_MESSAGE(lower > 10 * platform, name);
        }
        auto cold = shipped_scenario("extra-cold-night");
        auto usual = shipped_scenario("weekday");
        const Zone* lower = maps().find("centralen.nedre-plan");
        CHECK(expected_count(*lower, DayMoment{2.0, false}, cold.mix) > expected_count(*lower, DayMoment{2.0, false}, usual.mix));
    }

    TEST_CASE("a misspelt or unknown setting, a wrong type or value refuses the file, naming the line") {
        CHECK(parse_scenario(minimal, "ok.toml", maps()).start_day == std::chrono::Monday);
        CHECK(refusal(minimal + "[occupancy]\nplatfrom = 1.5\n") == "broken.toml: line 6: unknown setting 'occupancy.platfrom'");
        CHECK(refusal("speed = 3\n" + minimal) == "broken.toml: line 1: unknown setting 'speed'");
        CHECK(refusal(minimal + "speed = 3\n") == "broken.toml: line 5: unknown setting 'start.speed'");
        CHECK(refusal("[start]\nweekday = \"tisdag\"\ntime = \"12:00\"\nmonth = 5\n") ==
              "broken.toml: line 2: 'start.weekday' must be one of: sunday, monday, tuesday, wednesday, thursday, friday, saturday");
        CHECK(refusal("[start]\nweekday = \"monday\"\ntime = \"25:00\"\nmonth = 5\n").find("line 3: 'start.time'") != std::string::npos);
        CHECK(refusal(minimal + "[guards]\nhandhelds = \"four\"\n") == "broken.toml: line 6: 'guards.handhelds' must be a whole number");
        CHECK(refusal(minimal + "[reports]\nincident = -1\n") == "broken.toml: line 6: 'reports.incident' must be between 0 and 20");
        CHECK(refusal(minimal + "[[weather]]\nat = \"12:00\"\ntemperature-c = 1\nwind = 3\n") ==
              "broken.toml: line 8: unknown setting 'weather.wind'");
        CHECK(refusal(minimal + "[[shift]]\nname = \"day\"\ndays = \"weekdays\"\nfrom = \"08:00\"\nto = \"17:00\"\n"
                                "[[team]]\nid = \"team-1\"\nstation = \"centralen\"\norg = \"socialforvaltningen\"\nshifts = [\"dag\"]\n")
                  .find("line 14: 'team.shifts' names a shift") != std::string::npos);
        CHECK(refusal(minimal + "[[shift]]\nname = \"day\"\ndays = \"weekdays\"\nfrom = \"08:00\"\nto = \"17:00\"\n"
                                "[[team]]\nid = \"team-1\"\nstation = \"nowhere\"\norg = \"capio\"\nshifts = [\"day\"]\n")
                  .find("line 12: 'team.station' 'nowhere' is not a station") != std::string::npos);
        CHECK(refusal("[start]\nweekday = \"monday\"\n").find("'start.time' is required") != std::string::npos);
        CHECK(refusal("description = \"no start\"\n").find("[start] is required") != std::string::npos);
        CHECK(refusal(minimal + "[occupancy\n").find("broken.toml: line 5:") == 0); // not TOML at all
    }

    TEST_CASE("a name is looked up in the scenarios folder, a path is taken as it is") {
        CHECK(scenario_path("weekday", "sensors/scenarios") == "sensors/scenarios/weekday.toml");
        CHECK(scenario_path("/tmp/my.toml", "sensors/scenarios") == "/tmp/my.toml");
        CHECK(scenario_path("my.toml", "x") == "my.toml");
        CHECK_THROWS_WITH_AS(load_scenario(scenario_path("weekdya", scenarios_dir), maps()),
                             doctest::Contains("no such scenario file"), std::runtime_error);
    }

    TEST_CASE("--teams picks the first pairs, or repeats their plans under new ids") {
        Scenario s = shipped_scenario("weekday");
        auto first = s.teams.front();
        resize_teams(s, 2);
        CHECK(s.teams.size() == 2);
        resize_teams(s, 5);
        REQUIRE(s.teams.size() == 5);
        std::set<std::string> ids;
        for (const auto& t : s.teams) ids.insert(t.id);
        CHECK(ids.size() == 5);
        CHECK(s.teams[2].organisation == first.organisation);
    }
}

TEST_SUITE("simulated clock") {
    TEST_CASE("the simulated clock runs speed times as fast from the scenario's start") {
        Scenario s = shipped_scenario("weekend-night");
        SimClock clock(scenario_start(s, TimePoint{}), 120);
        auto later = moment_of(clock.at(std::chrono::seconds(60))); // two simulated hours
        CHECK(later.hour == doctest::Approx(0.0).epsilon(0.001));
        CHECK(later.day == std::chrono::Sunday);
        CHECK(later.day_moment().weekend);
    }
    TEST_CASE("a run without a scenario starts now; a date moves a scenario to that day") {
        Scenario now = default_scenario(maps());
        auto wall = *parse_rfc3339("2026-06-03T10:00:00Z");
        CHECK(scenario_start(now, wall) == wall);
        Scenario cold = shipped_scenario("extra-cold-night");
        auto moved = scenario_start(cold, wall, std::chrono::year_month_day{std::chrono::year{2027} / 2 / 11});
        CHECK(format_rfc3339(moved) == "2027-02-11T19:00:00.000Z"); // 20:00 in Stockholm, winter time
    }
    TEST_CASE("shifts past midnight belong to the day they began") {
        ShiftWindow night{"night", 21, 4, ShiftDays::weekdays};
        CHECK(shift_on(night, std::chrono::Friday, 22.0));
        CHECK(shift_on(night, std::chrono::Saturday, 2.0));  // Friday's night shift
        CHECK_FALSE(shift_on(night, std::chrono::Saturday, 22.0));
        CHECK_FALSE(shift_on(night, std::chrono::Monday, 2.0)); // Sunday had none
        ShiftWindow weekend{"weekend", 10, 22, ShiftDays::weekend};
        CHECK(shift_on(weekend, std::chrono::Sunday, 12.0));
        CHECK_FALSE(shift_on(weekend, std::chrono::Monday, 12.0));
        CHECK(on_duty({}, std::chrono::Monday, 3.0)); // no shifts: always
    }
}

TEST_SUITE("weather curve") {
    TEST_CASE("straight lines between the points, across midnight too, and the warning holds until the next point") {
        WeatherCurve w({{22.0, -10.0, 2}, {4.0, -16.0, 3}, {14.0, -4.0, 0}}, 1);
        CHECK(w.at(22.0).temperature_c == doctest::Approx(-10.0));
        CHECK(w.at(1.0).temperature_c == doctest::Approx(-13.0));
        CHECK(w.at(1.0).warning_class == 2);
        CHECK(w.at(9.0).temperature_c == doctest::Approx(-10.0));
        CHECK(w.at(9.0).warning_class == 3);
        CHECK(w.at(18.0).temperature_c == doctest::Approx(-7.0));
        CHECK(w.at(18.0).warning_class == 0);
        w.fix_temperature(-3.0);
        CHECK(w.at(1.0).temperature_c == -3.0);
        CHECK(w.at(1.0).warning_class == 2);
    }
    TEST_CASE("without points, Stockholm's usual weather for the month") {
        WeatherCurve w({}, 11);
        CHECK(w.at(15.0).temperature_c == doctest::Approx(outdoor_temperature(11, 15.0)));
        CHECK(w.at(15.0).warning_class == 0);
    }
}

TEST_SUITE("night shelters") {
    TEST_CASE("115 places; about 80 % taken on average, fuller on extra cold nights; same seed, same nights") {
        NightShelters shelters(3, 0.8), again(3, 0.8), other(4, 0.8);
        int places = 0;
        for (const auto& s : stockholm_night_shelters) places += s.places;
        CHECK(places == 115);
        double usual = 0, cold = 0;
        int differ = 0;
        const int nights = 400;
        for (int n = 0; n < nights; ++n) {
            std::chrono::sys_days night{std::chrono::days{20000 + n}};
            for (std::size_t i = 0; i < stockholm_night_shelters.size(); ++i) {
                int g = shelters.night_guests(i, night, false);
                CHECK(g <= stockholm_night_shelters[i].places);
                CHECK(g == again.night_guests(i, night, false));
                differ += g != other.night_guests(i, night, false);
                usual += g;
                cold += shelters.night_guests(i, night, true);
            }
        }
        double usual_share = usual / (places * nights), cold_share = cold / (places * nights);
        MESSAGE("usual " << usual_share << ", extra cold " << cold_share);
        CHECK(usual_share == doctest::Approx(0.8).epsilon(0.05));
        CHECK(cold_share > usual_share + 0.08);
        CHECK(differ > nights);
    }
    TEST_CASE("guests are in at night, out by day, and the message says so without anyone in it") {
        NightShelters shelters(3, 0.8);
        auto night = moment_of(*parse_rfc3339("2026-01-13T23:30:00Z"));
        auto day = moment_of(*parse_rfc3339("2026-01-14T12:00:00Z"));
        int in_at_night = 0, in_by_day = 0;
        for (const auto& c : shelters.at(night, false)) in_at_night += c.occupied;
        for (const auto& c : shelters.at(day, false)) in_by_day += c.occupied;
        CHECK(in_at_night > 50);
        CHECK(in_by_day == 0);
        auto j = nlohmann::json::parse(shelter_json(shelters.at(night, false).front(), night.at));
        CHECK(j["shelter"] == "filadelfia");
        CHECK(j["places"] == 50);
        // Counts of women and men, and nothing else about anyone.
        CHECK(j.size() == 6);
        CHECK(j["women"].get<int>() + j["men"].get<int>() == j["occupied"].get<int>());
    }
    TEST_CASE("about a third of the guests are women, night by night a little more or less") {
        NightShelters shelters(3, 0.8);
        double women = 0, guests = 0;
        for (int d = 0; d < 60; ++d) {
            auto night = moment_of(*parse_rfc3339("2026-11-01T23:30:00Z") + std::chrono::days(d));
            for (const auto& c : shelters.at(night, false)) {
                women += c.women;
                guests += c.occupied;
                CHECK(c.women <= c.occupied);
            }
        }
        CHECK(women / guests == doctest::Approx(0.33).epsilon(0.1));
    }
}

TEST_SUITE("recorded scenario day") {
    TEST_CASE("a recorded scenario day is the same for the same seed, another for another seed, and the hub reads it") {
        Scenario s = shipped_scenario("extra-cold-night");
        auto start = scenario_start(s, TimePoint{});
        auto text = [&](std::uint32_t seed) {
            std::string out;
            for (const auto& e : record_scenario_day(maps(), s, start, seed)) {
                auto r = to_record(e.event, maps(), e.heard);
                REQUIRE(from_record(r, maps()).ok());
                out += r.kind + " " + r.actor + " " + r.body + " " + format_rfc3339(r.heard) + "\n";
            }
            return out;
        };
        auto a = text(7), b = text(7), c = text(8);
        CHECK(a == b);
        CHECK(a != c);
        CHECK(std::count(a.begin(), a.end(), '\n') > 2000);
        CHECK(a.find("\"warning_class\":2") != std::string::npos);
        CHECK(a.find("outreach_status team-04") != std::string::npos); // the cold-night pair is out
    }
}
