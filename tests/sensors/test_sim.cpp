// The simulator's pure parts, as specifications: the day curve and the
// reports and statuses it sends, checked against the real maps with the hub's own parsers.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "day_curve.hpp"
#include "guard_report.hpp"
#include "occupancy.hpp"
#include "occupancy_feed.hpp"
#include "presence.hpp"
#include "privacy_scrub.hpp"
#include "report_generator.hpp"
#include "seeded_draw.hpp"
#include "team_round.hpp"
#include "time_text.hpp"
#include "zone_map.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

using namespace platslage;
using namespace platslage::sim;

namespace {

// The repository's maps; PLATSLAGE_MAPS_DIR in the environment points the tests at another set.
const ZoneMap& real_maps() {
    static const ZoneMap zones = [] {
        const char* dir = std::getenv("PLATSLAGE_MAPS_DIR");
        return ZoneMap::load_dir(dir && *dir ? dir : PLATSLAGE_MAPS_DIR);
    }();
    return zones;
}

TimePoint at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

const TimePoint some_night = at("2026-11-23T02:15:00Z");
const double hours_to_try[] = {0.5, 3.0, 7.5, 8.0, 12.0, 17.0, 22.5};

std::vector<GuardReport> reports_of(std::uint32_t seed, const std::string& station, int n, double hour) {
    ReportGenerator gen(station, "hh-01", real_maps().zones_of(station), seed);
    std::vector<GuardReport> out;
    for (int i = 0; i < n; ++i) out.push_back(gen.next(some_night + Millis(i * 1000), hour));
    return out;
}

} // namespace

TEST_SUITE("weather") {
    TEST_CASE("Stockholm's outdoor temperature: the month's mean, coldest at five, warmest at three") {
        CHECK(outdoor_temperature(11, 5.0) == doctest::Approx(0.0));   // November: 3 °C mean
        CHECK(outdoor_temperature(11, 15.0) == doctest::Approx(6.0));
        CHECK(outdoor_temperature(1, 5.0) == doctest::Approx(-6.0));   // January nights are cold, not extra cold
        CHECK(outdoor_temperature(7, 15.0) == doctest::Approx(21.0));
        // No jumps around the turning points or midnight.
        for (double h : {4.99, 14.99, 23.99})
            CHECK(std::abs(outdoor_temperature(11, h) - outdoor_temperature(11, h + 0.02)) < 0.05);
        CHECK(std::abs(outdoor_temperature(11, 23.999) - outdoor_temperature(11, 0.0)) < 0.01);
    }
}

TEST_SUITE("day curve") {
    TEST_CASE("a hall is far quieter at night than at rush hour") {
        CHECK(expected_count("hall", 1500, 3.0) * 5 < expected_count("hall", 1500, 8.0));
        CHECK(expected_count("hall", 1500, 3.0) * 5 < expected_count("hall", 1500, 17.0));
        std::mt19937 rng(7);
        CountNoise night_noise, rush_noise;
        CHECK(sample_count("hall", 1500, 3.0, night_noise, rng) < sample_count("hall", 1500, 8.0, rush_noise, rng));
    }
    TEST_CASE("people rest in halls and waiting areas at night, not on platforms") {
        CHECK(resting_count("waiting", 250, 3.0) > 0);
        CHECK(resting_count("waiting", 250, 12.0) == 0);
        CHECK(resting_count("platform", 2000, 3.0) == 0);
    }
    TEST_CASE("a platform's peak is higher than a restroom's, in people and in share") {
        CHECK(expected_count("platform", 2000, 8.0) > expected_count("restroom", 60, 8.0));
        CHECK(peak_share("platform") > peak_share("restroom"));
    }
    TEST_CASE("counts are never negative, and above capacity only rarely at rush, never at night") {
        std::mt19937 rng(3);
        const char* kinds[] = {"hall", "entrance", "waiting", "platform", "restroom", "service", "tunnel", "passage"};
        for (const char* kind : kinds) {
            CountNoise noise;
            for (int step = 0; step < 24 * 20; ++step) {
                double hour = step / 20.0;
                int count = sample_count(kind, 60, hour, noise, rng);
                CHECK(count >= 0);
                if (hour >= 1 && hour < 5) CHECK(count <= 60);
            }
        }
        CountNoise noise;
        int over = 0;
        for (int i = 0; i < 10000; ++i) over += sample_count("platform", 2000, 17.0, noise, rng) > 2000;
        CHECK(over < 500);
    }
    TEST_CASE("the same seed gives the same counts") {
        std::mt19937 a(42), b(42);
        CountNoise na, nb;
        for (int i = 0; i < 100; ++i) CHECK(sample_count("hall", 1500, 8.0, na, a) == sample_count("hall", 1500, 8.0, nb, b));
    }
    TEST_CASE("sleeping is seen at night in halls, seldom on platforms") {
        auto hall_night = category_weights("hall", 0, 3.0, ReportKind::observation);
        auto hall_day = category_weights("hall", 0, 12.0, ReportKind::observation);
        auto platform_night = category_weights("platform", 0, 3.0, ReportKind::observation);
        auto sleeping = static_cast<std::size_t>(Category::sleeping);
        CHECK(hall_night[sleeping] > 3 * hall_day[sleeping]);
        CHECK(hall_night[sleeping] > 10 * platform_night[sleeping]);
        auto lower_level = category_weights("service", -1, 3.0, ReportKind::observation);
        CHECK(lower_level[sleeping] > platform_night[sleeping]);
    }
}

TEST_SUITE("seeded draws") {
    TEST_CASE("weighted picks never choose a zero weight") {
        std::mt19937 rng(1);
        const double w[] = {0.0, 1.0, 0.0, 2.0};
        for (int i = 0; i < 1000; ++i) {
            auto k = pick_weighted(rng, w);
            CHECK((k == 1 || k == 3));
        }
    }
    TEST_CASE("actors get their own streams") {
        CHECK(actor_seed(1, 1, 0) != actor_seed(1, 1, 1));
        CHECK(actor_seed(1, 1, 0) != actor_seed(1, 2, 0));
        CHECK(actor_seed(1, 1, 0) == actor_seed(1, 1, 0));
    }
}

TEST_SUITE("guard reports") {
    TEST_CASE("the real maps hold both stations") {
        REQUIRE(real_maps().has_station("centralen"));
        REQUIRE(real_maps().has_station("cityterminalen"));
    }
    TEST_CASE("the same seed gives the same reports; another seed other reports") {
        auto a = reports_of(5, "centralen", 200, 3.0);
        auto b = reports_of(5, "centralen", 200, 3.0);
        auto c = reports_of(6, "centralen", 200, 3.0);
        int differ = 0;
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(to_json(a[i]).dump() == to_json(b[i]).dump());
            differ += to_json(a[i]).dump() != to_json(c[i]).dump();
        }
        CHECK(differ > 100);
        ReportGenerator ga("centralen", "hh-01", real_maps().zones_of("centralen"), 5);
        ReportGenerator gb("centralen", "hh-01", real_maps().zones_of("centralen"), 5);
        for (int i = 0; i < 50; ++i) CHECK(ga.gap_after(3.0) == gb.gap_after(3.0));
    }
    TEST_CASE("every report passes the hub's own check, at every hour, at both stations") {
        for (const std::string station : {"centralen", "cityterminalen"}) {
            Topic topic{station, TopicKind::guard_report, "hh-01"};
            for (double hour : hours_to_try) {
                for (const auto& r : reports_of(11, station, 300, hour)) {
                    auto payload = to_json(r).dump();
                    auto parsed = parse_guard_report(topic, payload, real_maps(), r.ts);
                    INFO(payload);
                    REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.rejection().detail));
                    CHECK(parsed->zone == r.zone);
                    CHECK(parsed->note == r.note);            // nothing for the scrubber to take out
                    CHECK(parsed->note_redactions == 0);
                }
            }
        }
    }
    TEST_CASE("no people without categories, no categories without people; patrols count no one") {
        for (const auto& r : reports_of(13, "centralen", 1000, 2.0)) {
            CHECK((r.persons == 0) == r.categories.empty());
            CHECK((r.kind == ReportKind::patrol) == (r.persons == 0));
            CHECK(r.persons <= 4);
            if (std::find(r.categories.begin(), r.categories.end(), Category::family_with_children) != r.categories.end())
                CHECK(r.persons >= 2);
        }
    }
    TEST_CASE("ids are unique per device, numbered, and carry the run so reruns do not repeat them") {
        auto rs = reports_of(2, "cityterminalen", 100, 12.0);
        CHECK(rs.front().id == "hh-01-000001");
        std::set<std::string> ids;
        for (const auto& r : rs) ids.insert(r.id);
        CHECK(ids.size() == rs.size());
        ReportGenerator rerun("cityterminalen", "hh-01", real_maps().zones_of("cityterminalen"), 2,
                              run_tag(*parse_rfc3339("2026-11-23T23:26:34.512Z")));
        CHECK(rerun.next(some_night, 12.0).id == "hh-01-20261123T232634Z-000001");
    }
    TEST_CASE("a run started at any second of the day writes ids the hub takes: none reads as an identity or phone number") {
        // Found by a run at 00:03:53 UTC: "…T000353-000001" read as an international number.
        auto day = *parse_rfc3339("2026-12-05T00:00:00Z");
        int refused = 0;
        for (int s = 0; s < 24 * 3600; s += 7) {
            auto tag = run_tag(day + std::chrono::seconds(s));
            for (int device : {1, 7, 12})
                for (const char* seq : {"000001", "000353", "999999"}) {
                    char id[64];
                    std::snprintf(id, sizeof id, "hh-%02d-%s-%s", device, tag.c_str(), seq);
                    if (reads_as_identity(id)) ++refused;
                }
        }
        CHECK(refused == 0);
        CHECK(reads_as_identity("hh-01-20261205T000353-000001")); // the id that showed it
    }
    TEST_CASE("a shift is mostly patrols and observations, with some incidents and few notes") {
        int patrol = 0, observation = 0, incident = 0, notes = 0;
        for (const auto& r : reports_of(17, "centralen", 2000, 12.0)) {
            patrol += r.kind == ReportKind::patrol;
            observation += r.kind == ReportKind::observation;
            incident += r.kind == ReportKind::incident;
            notes += !r.note.empty();
        }
        CHECK(incident > 0);
        CHECK(incident * 5 < patrol);
        CHECK(incident * 5 < observation);
        CHECK(notes < 2000 / 4);
    }
    TEST_CASE("at night, sleeping is reported far more in halls and waiting areas than on platforms") {
        int resting_places = 0, platforms = 0;
        for (const auto& r : reports_of(19, "centralen", 3000, 3.0)) {
            if (std::find(r.categories.begin(), r.categories.end(), Category::sleeping) == r.categories.end()) continue;
            const Zone* z = real_maps().find(r.zone);
            if (z->kind == "platform") ++platforms;
            if (z->kind == "hall" || z->kind == "waiting") ++resting_places;
        }
        CHECK(resting_places > 10 * platforms);
    }
}

TEST_SUITE("outreach teams") {
    TEST_CASE("every status passes the hub's check, the team moves, and the same seed repeats") {
        for (const std::string station : {"centralen", "cityterminalen"}) {
            Topic topic{station, TopicKind::outreach_status, "team-01"};
            TeamRound a(station, "team-01", "capio", real_maps().zones_of(station), 3);
            TeamRound b(station, "team-01", "capio", real_maps().zones_of(station), 3);
            std::set<std::string> zones_visited, statuses;
            auto check = [&](const OutreachStatus& s) {
                auto payload = to_json(s).dump();
                INFO(payload);
                auto parsed = parse_outreach_status(topic, payload, real_maps(), s.ts);
                REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.rejection().detail));
                CHECK(parsed->members == 2);
                CHECK(parsed->organisation == "capio");
            };
            auto s = a.first(some_night);
            CHECK(to_json(s).dump() == to_json(b.first(some_night)).dump());
            check(s);
            for (int i = 0; i < 100; ++i) {
                s = a.next(some_night, 22.0);
                CHECK(to_json(s).dump() == to_json(b.next(some_night, 22.0)).dump());
                CHECK(a.gap_after() == b.gap_after());
                check(s);
                zones_visited.insert(s.zone);
                statuses.insert(std::string(status_name(s.status)));
            }
            CHECK(zones_visited.size() > 3);
            CHECK(statuses.size() == 4);
            auto home = a.off_duty(some_night);
            CHECK(home.zone.empty());
            check(home);
        }
    }
}

TEST_SUITE("counters") {
    TEST_CASE("every zone gets a counter id of its own that the hub accepts, and samples pass its check") {
        std::vector<std::string> taken;
        std::mt19937 rng(1);
        for (const Zone& z : real_maps().zones()) {
            auto id = sensor_id(z.id, taken);
            CHECK(is_actor_id(id));
            CountNoise noise;
            OccupancySample s{id, z.id, some_night, sample_count(z.kind, z.capacity, 8.0, noise, rng)};
            auto parsed = parse_occupancy_sample(to_json(s).dump(), real_maps(), some_night);
            REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.rejection().detail));
        }
        CHECK(std::set<std::string>(taken.begin(), taken.end()).size() == real_maps().zones().size());
        CHECK(taken.size() == real_maps().zones().size());
    }
    TEST_CASE("long zone ids are cut to 32 characters and kept apart") {
        std::vector<std::string> taken;
        auto a = sensor_id("cityterminalen.entre-klarabergsviadukten-norra", taken);
        auto b = sensor_id("cityterminalen.entre-klarabergsviadukten-sodra", taken);
        CHECK(a.size() == 32);
        CHECK(b.size() == 32);
        CHECK(a != b);
        CHECK(sensor_id("centralen.toaletter", taken) == "sim-cent-toaletter");
    }
}
