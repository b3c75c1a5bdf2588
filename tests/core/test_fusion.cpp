// The rules as a specification, through the same Situation the hub runs: each rule fires
// at its threshold and not below, conditions clear themselves, and the picture a replay
// builds is the one the live hub built, whenever its clock happened to tick.
#include "fixtures.hpp"
#include "situation.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace platslage;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {
const TimePoint day = test::at("2026-11-24T11:00:00Z");   // 12:00 in Stockholm
const TimePoint night = test::at("2026-11-24T22:00:00Z"); // 23:00

SituationSettings settings() { return SituationSettings{2min, 200, {}}; }

GuardReport report(TimePoint ts, const char* zone, int persons, std::vector<Category> cats, const char* device = "hh-01") {
    static int n = 0;
    GuardReport r;
    r.station = std::string(zone).rfind("centralen", 0) == 0 ? "centralen" : "cityterminalen";
    r.device = device;
    r.id = "r" + std::to_string(++n);
    r.ts = ts;
    r.zone = zone;
    r.kind = persons ? ReportKind::observation : ReportKind::patrol;
    r.persons = persons;
    r.categories = std::move(cats);
    return r;
}

std::vector<json> alerts_of(const Situation& s, const std::string& rule) {
    std::vector<json> out;
    for (const auto& [key, body] : s.state().entries())
        if (key.rfind("alert/", 0) == 0) {
            auto j = json::parse(body);
            if (j["rule"] == rule) out.push_back(j);
        }
    return out;
}
json entry(const Situation& s, const std::string& key) {
    const auto* body = s.state().find(key);
    REQUIRE(body);
    return json::parse(*body);
}
} // namespace

TEST_SUITE("alert rules") {
    TEST_CASE("someone needing care raises a critical alert, in the picture and in the station's count") {
        Situation s(test::real_maps(), settings());
        s.record(report(day, "centralen.vantytor", 1, {Category::needs_care}), 1, day);
        auto alerts = alerts_of(s, "needs_care");
        REQUIRE(alerts.size() == 1);
        CHECK(alerts[0]["severity"] == "critical");
        CHECK(alerts[0]["zone"] == "centralen.vantytor");
        CHECK(alerts[0]["summary"] == "1 needing care");
        CHECK(entry(s, "station/centralen")["alerts_open"]["critical"] == 1);
        CHECK(s.open_alerts() == 1);
        // A patrol that sees no one raises nothing.
        s.record(report(day + 1min, "centralen.toaletter", 0, {}), 2, day + 1min);
        CHECK(s.open_alerts() == 1);
    }

    TEST_CASE("a child is major by day and critical at night") {
        Situation s(test::real_maps(), settings());
        s.record(report(day, "centralen.vantytor", 2, {Category::family_with_children}), 1, day);
        CHECK(alerts_of(s, "child").at(0)["severity"] == "major");
        s.record(report(night, "centralen.nedre-plan", 1, {Category::minor}), 2, night);
        // By night the day's alert has expired and left the view; tonight's is critical.
        auto alerts = alerts_of(s, "child");
        REQUIRE(alerts.size() == 1);
        CHECK(alerts[0]["zone"] == "centralen.nedre-plan");
        CHECK(alerts[0]["severity"] == "critical");
    }

    TEST_CASE("on an extra cold night sleeping rough is raised, also for alerts already open") {
        Situation s(test::real_maps(), settings());
        s.record(report(night, "centralen.centralhallen", 2, {Category::sleeping}), 1, night);
        CHECK(alerts_of(s, "sleeping").at(0)["severity"] == "warning");
        // -6.9 °C is not extra cold; -7.0 is.
        s.record(WeatherReading{"smhi", night + 1min, -6.9, std::nullopt}, night + 1min);
        CHECK(alerts_of(s, "sleeping").at(0)["severity"] == "warning");
        CHECK_FALSE(entry(s, "weather")["extra_cold"].get<bool>());
        s.record(WeatherReading{"smhi", night + 2min, -7.0, std::nullopt}, night + 2min);
        CHECK(entry(s, "weather")["extra_cold"].get<bool>());
        CHECK(alerts_of(s, "sleeping").at(0)["severity"] == "major");
        s.record(report(night + 3min, "cityterminalen.vanthall", 1, {Category::sleeping}), 2, night + 3min);
        auto cold = alerts_of(s, "sleeping");
        REQUIRE(cold.size() == 2);
        CHECK(cold[1]["severity"] == "major");
        // A class 2 warning is enough on a mild night.
        Situation t(test::real_maps(), settings());
        t.record(WeatherReading{"smhi", night, 1.0, 2}, night);
        t.record(report(night + 1min, "centralen.centralhallen", 1, {Category::sleeping}), 1, night + 1min);
        CHECK(alerts_of(t, "sleeping").at(0)["severity"] == "major");
    }

    TEST_CASE("crowding above capacity, and cleared only when well below it") {
        Situation s(test::real_maps(), settings());
        const int cap = test::real_maps().find("centralen.centralhallen")->capacity;
        auto count = [&](int n, TimePoint at) { s.record(OccupancySample{"xovis-1", "centralen.centralhallen", at, n}, at); };
        count(cap, day); // at capacity: not above it
        CHECK(alerts_of(s, "crowding").empty());
        count(cap + 1, day + 1min);
        REQUIRE(alerts_of(s, "crowding").size() == 1);
        CHECK(alerts_of(s, "crowding")[0]["state"] == "raised");
        count(cap * 95 / 100, day + 2min); // still busy: stays open
        CHECK(alerts_of(s, "crowding")[0]["state"] == "raised");
        count(cap * 90 / 100, day + 3min);
        CHECK(alerts_of(s, "crowding")[0]["state"] == "resolved");
        CHECK(alerts_of(s, "crowding")[0]["outcome"] == "cleared");
    }

    TEST_CASE("an operator who resolves a crowding alert is not asked again until the crowd has gone and come back") {
        Situation s(test::real_maps(), settings());
        const int cap = test::real_maps().find("centralen.centralhallen")->capacity;
        auto count = [&](int n, TimePoint at) { s.record(OccupancySample{"xovis-1", "centralen.centralhallen", at, n}, at); };
        count(cap + 100, day);
        auto id = alerts_of(s, "crowding").at(0)["id"].get<std::string>();
        s.record(AlertCommand{AlertOp::resolve, id, "kc-1", "", "handled_by_guard", "", 0}, day + 1min);
        count(cap + 150, day + 2min);
        CHECK(alerts_of(s, "crowding").size() == 1); // the same crowd: no new alert
        count(cap / 2, day + 10min);
        count(cap + 10, day + 20min);
        CHECK(alerts_of(s, "crowding").size() == 2); // a new crowd
    }

    TEST_CASE("a silent counter's old count adds no crowding to the score") {
        Situation s(test::real_maps(), settings());
        const int cap = test::real_maps().find("centralen.centralhallen")->capacity;
        s.record(OccupancySample{"xovis-1", "centralen.centralhallen", day, cap * 2}, day);
        CHECK(entry(s, "zone/centralen.centralhallen")["hotspot"]["score"] == 15);
        s.advance_to(day + 3min);
        CHECK(entry(s, "zone/centralen.centralhallen")["sensor"] == "silent");
        CHECK(entry(s, "zone/centralen.centralhallen")["hotspot"]["score"] == 0);
        CHECK(entry(s, "zone/centralen.centralhallen")["occupancy"] == cap * 2); // still shown, marked silent
    }

    TEST_CASE("repeated presence from the third of the last seven nights, not before") {
        Situation s(test::real_maps(), settings());
        std::int64_t id = 0;
        for (int n = 2; n >= 1; --n) {
            auto t = night - std::chrono::hours(24 * n);
            s.record(report(t, "centralen.nedre-plan", 1, {}), ++id, t);
        }
        CHECK(alerts_of(s, "repeated_presence").empty());
        s.record(report(night, "centralen.nedre-plan", 1, {}), ++id, night);
        auto alerts = alerts_of(s, "repeated_presence");
        REQUIRE(alerts.size() == 1);
        CHECK(alerts[0]["summary"] == "people on 3 of the last 7 nights");
        // By day it does not count toward nights.
        Situation d(test::real_maps(), settings());
        for (int n = 3; n >= 0; --n) {
            auto t = day - std::chrono::hours(24 * n);
            d.record(report(t, "centralen.nedre-plan", 1, {}), n + 1, t);
        }
        CHECK(alerts_of(d, "repeated_presence").empty());
    }

    TEST_CASE("a coverage gap: a hot zone without outreach for three hours, cleared when a team arrives") {
        Situation s(test::real_maps(), settings());
        s.record(report(day, "centralen.vantytor", 2, {Category::needs_care}), 1, day);
        s.advance_to(day + 3h - 10s);
        CHECK(alerts_of(s, "coverage_gap").empty());
        s.advance_to(day + 3h);
        auto gaps = alerts_of(s, "coverage_gap");
        REQUIRE(gaps.size() == 1);
        CHECK(gaps[0]["severity"] == "minor");
        CHECK(entry(s, "zone/centralen.vantytor")["hotspot"]["score"].get<int>() >= 40);
        s.record(OutreachStatus{"centralen", "team-01", day + 3h + 5min, TeamStatus::on_scene, "centralen.vantytor", 2, "capio"},
                 day + 3h + 5min);
        CHECK(alerts_of(s, "coverage_gap")[0]["state"] == "resolved");
        CHECK(entry(s, "zone/centralen.vantytor")["teams_present"][0]["team"] == "team-01");
    }

    TEST_CASE("a zone not hot enough gets no coverage-gap alert however long it waits") {
        Situation s(test::real_maps(), settings());
        s.record(report(day, "centralen.vantytor", 1, {Category::sleeping}), 1, day);
        s.advance_to(day + 8h);
        CHECK(alerts_of(s, "coverage_gap").empty());
    }

    TEST_CASE("a silent sensor raises a warning at the first check after it fell silent, and clears when heard") {
        Situation s(test::real_maps(), settings());
        s.record(OccupancySample{"axis-t1", "cityterminalen.toaletter", day, 4}, day);
        s.advance_to(day + 2min - 1ms);
        CHECK(alerts_of(s, "sensor_silent").empty());
        s.advance_to(day + 2min);
        auto silent = alerts_of(s, "sensor_silent");
        REQUIRE(silent.size() == 1);
        CHECK(silent[0]["subject"] == "axis-t1");
        CHECK(entry(s, "zone/cityterminalen.toaletter")["sensor"] == "silent");
        s.record(OccupancySample{"axis-t1", "cityterminalen.toaletter", day + 5min, 3}, day + 5min);
        CHECK(alerts_of(s, "sensor_silent")[0]["state"] == "resolved");
    }

    TEST_CASE("a handheld lost on shift is an alert; off shift it is not") {
        Situation s(test::real_maps(), settings());
        s.record(DeviceOnline{"centralen", "hh-03", false, std::nullopt}, day);
        CHECK(alerts_of(s, "handheld_offline").empty()); // not on shift
        s.record(ShiftEvent{"centralen", "hh-03", day + 1min, true, 2}, day + 1min);
        s.record(DeviceOnline{"centralen", "hh-03", false, std::nullopt}, day + 2min);
        REQUIRE(alerts_of(s, "handheld_offline").size() == 1);
        CHECK(alerts_of(s, "handheld_offline")[0]["subject"] == "hh-03");
        s.record(DeviceOnline{"centralen", "hh-03", true, day + 3min}, day + 3min);
        CHECK(alerts_of(s, "handheld_offline")[0]["state"] == "resolved");
    }

    TEST_CASE("operators' commands change the alert in the picture; a refused one changes nothing") {
        Situation s(test::real_maps(), settings());
        s.record(report(day, "centralen.vantytor", 1, {Category::needs_care}), 1, day);
        s.record(OutreachStatus{"centralen", "team-01", day, TeamStatus::available, "centralen.centralhallen", 2, "capio"}, day);
        auto id = alerts_of(s, "needs_care").at(0)["id"].get<std::string>();
        AlertCommand ack{AlertOp::acknowledge, id, "kc-1", "", "", "", 0};
        s.advance_to(day + 1min);
        REQUIRE_FALSE(s.check(ack, day + 1min));
        s.record(ack, day + 1min);
        CHECK(entry(s, "alert/" + id)["state"] == "acknowledged");
        AlertCommand assign{AlertOp::assign, id, "kc-1", "team-99", "", "", 0};
        CHECK(s.check(assign, day + 1min)->reason == RejectReason::unknown_team);
        assign.team = "team-01";
        REQUIRE_FALSE(s.check(assign, day + 1min));
        s.record(assign, day + 2min);
        CHECK(entry(s, "alert/" + id)["assigned_to"] == "team-01");
        AlertCommand resolve{AlertOp::resolve, id, "kc-1", "", "support_accepted", "", 0};
        s.record(resolve, day + 20min);
        CHECK(entry(s, "alert/" + id)["state"] == "resolved");
        CHECK(s.open_alerts() == 0);
    }
}

namespace {
// A recorded stretch of events, in the order and at the times the hub heard them.
struct Heard {
    TimePoint at;
    std::function<std::vector<Update>(Situation&)> apply;
};

std::vector<Heard> an_evening() {
    std::vector<Heard> log;
    std::mt19937 rng(11);
    const char* zones[] = {"centralen.vantytor", "centralen.nedre-plan", "centralen.centralhallen", "cityterminalen.vanthall"};
    std::int64_t id = 0;
    TimePoint t = night - 3h;
    for (int i = 0; i < 400; ++i) {
        t += Millis(1000 + static_cast<int>(rng() % 120000));
        const char* zone = zones[rng() % 4];
        switch (rng() % 12) {
        case 0:
        case 1: {
            std::vector<Category> cats;
            for (auto c : all_categories())
                if (rng() % 6 == 0) cats.push_back(c);
            int persons = static_cast<int>(rng() % 4);
            auto r = report(t, zone, persons, persons ? cats : std::vector<Category>{});
            auto log_id = ++id;
            log.push_back({t, [r, log_id, t](Situation& s) { return s.record(r, log_id, t); }});
            break;
        }
        case 2: {
            OccupancySample o{"c-1", zone, t, static_cast<int>(rng() % 2200)};
            log.push_back({t, [o, t](Situation& s) { return s.record(o, t); }});
            break;
        }
        case 3: {
            auto status = static_cast<TeamStatus>(rng() % 5);
            std::string station = std::string(zone).rfind("centralen", 0) == 0 ? "centralen" : "cityterminalen";
            OutreachStatus o{station, "team-0" + std::to_string(rng() % 3 + 1), t, status,
                             status == TeamStatus::off_duty ? "" : zone, 2, "socialforvaltningen"};
            log.push_back({t, [o, t](Situation& s) { return s.record(o, t); }});
            break;
        }
        case 4:
        case 5:
        case 6:
        case 7:
        case 8:
        case 9:
        case 10: break;
        case 11: {
            // Now and then an operator acknowledges whatever is oldest and still raised, as a console would.
            log.push_back({t, [t](Situation& s) {
                               auto out = s.advance_to(t);
                               for (const auto& [aid, a] : s.fusion().alerts().alerts())
                                   if (a.state == AlertState::raised) {
                                       AlertCommand c{AlertOp::acknowledge, aid, "kc-1", "", "", "", 0};
                                       if (!s.check(c, t)) {
                                           auto u = s.record(c, t);
                                           out.insert(out.end(), u.begin(), u.end());
                                       }
                                       break;
                                   }
                               return out;
                           }});
            break;
        }
        }
    }
    return log;
}
} // namespace

TEST_SUITE("replay") {
    TEST_CASE("a replay gives the same picture and the same alerts as the live run, whenever the clock ticked") {
        auto log = an_evening();
        Situation live(test::real_maps(), settings());
        std::mt19937 rng(5);
        TimePoint previous = log.front().at;
        for (const auto& e : log) {
            // The live hub's clock ticks at moments of its own between events.
            auto gap = (e.at - previous).count();
            if (gap > 0) live.advance_to(previous + Millis(static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(gap))));
            e.apply(live);
            previous = e.at;
        }
        Situation replay(test::real_maps(), settings());
        for (const auto& e : log) e.apply(replay);
        auto end = log.back().at + 6h;
        live.advance_to(end);
        replay.advance_to(end);
        CHECK(live.fusion().alerts().alerts().size() == replay.fusion().alerts().alerts().size());
        CHECK(live.fusion().save() == replay.fusion().save());
        CHECK(live.state().entries() == replay.state().entries());
        CHECK(live.fusion().alerts().save()["next_number"].get<int>() > 5); // the evening did raise alerts
        int escalations = 0;
        for (const auto& [id, a] : replay.fusion().alerts().alerts()) escalations += a.escalations;
        CHECK(escalations > 0); // and some went unacknowledged long enough to escalate
    }

    TEST_CASE("carrying on from a saved snapshot gives the same picture as replaying everything") {
        auto log = an_evening();
        Situation whole(test::real_maps(), settings());
        for (const auto& e : log) e.apply(whole);

        Situation first(test::real_maps(), settings());
        std::size_t half = log.size() / 2;
        for (std::size_t i = 0; i < half; ++i) log[i].apply(first);
        auto saved = json::parse(first.save().dump()); // through text, as it is stored
        Situation rest(test::real_maps(), settings());
        rest.load(saved);
        for (std::size_t i = half; i < log.size(); ++i) log[i].apply(rest);

        auto end = log.back().at + 1h;
        whole.advance_to(end);
        rest.advance_to(end);
        CHECK(rest.state().entries() == whole.state().entries());
        CHECK(rest.fusion().save() == whole.fusion().save());
    }
}
