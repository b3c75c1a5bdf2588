// The simulator against the real broker and hub: the extra cold night scenario puts the hub
// in extra cold mode from its first minute and its sleeping alerts at the cold night's
// severity; and a simulated outreach pair answers an operator's dispatch, goes, and closes
// the alert with its outcome. platslage-sim runs as a child process, ended by its own PID.
#include "system_under_test.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <sstream>
#include <thread>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {
// platslage-sim playing a shipped scenario at 120 × speed against this broker and hub.
std::unique_ptr<ChildProcess> simulator(const std::filesystem::path& dir, const Broker& broker, Hub& hub,
                                        const std::string& scenario, const std::string& seed) {
    std::vector<std::string> argv{PLATSLAGE_SIM_BIN, "--scenario", scenario, "--scenarios", PLATSLAGE_SCENARIOS_DIR,
                                  "--speed", "120", "--seed", seed, "--maps", PLATSLAGE_MAPS_DIR, "--mqtt", broker.url(),
                                  "--ingest", loopback(hub.ports().ingest), "--sample-every-s", "2",
                                  "--summary-every-s", "5", "--key", key_file("sensor"), "--hub-key", hub_key_file()};
    auto login = TestSite::get().login_args("sim");
    argv.insert(argv.end(), login.begin(), login.end());
    return std::make_unique<ChildProcess>(argv, dir / ("sim-" + scenario + ".log"));
}

// Ends the simulator with SIGTERM, as an operator would, and expects a clean goodbye.
void stop(ChildProcess& sim) {
    sim.signal(SIGTERM);
    CHECK(sim.wait(10s) == 0);
}

std::int64_t mqtt_refusals(Hub& hub) { return sql_count(hub.db(), "SELECT count(*) FROM refusals WHERE source='mqtt'"); }
} // namespace

TEST_CASE("scenario extra-cold-night: the hub is in extra cold mode at once and raises sleeping rough as major") {
    TempDir dir("platslage-it11a");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url(), {}, {"--evaluate-every-s", "1"});
    REQUIRE(hub.wait_mqtt_up());
    CHECK(hub.status()["extra_cold"] == false);
    auto started = std::chrono::steady_clock::now();
    auto sim = simulator(dir.path(), broker, hub, "extra-cold-night", "3");

    // The first weather reading is extra cold: within a few seconds of the start.
    REQUIRE_MESSAGE(eventually([&] { return hub.status()["extra_cold"] == true; }, 10s), sim->log_text());
    auto cold_after = std::chrono::steady_clock::now() - started;
    MESSAGE("extra cold after " << std::chrono::duration_cast<std::chrono::milliseconds>(cold_after).count() << " ms");
    zmq::context_t ctx(1);
    Subscriber console(ctx, hub.ports());
    REQUIRE(eventually([&] {
        console.pump(50ms);
        auto it = console.replica().entries().find("weather");
        if (it == console.replica().entries().end()) return false;
        auto w = nlohmann::json::parse(it->second);
        return w["extra_cold"] == true && w["warning_class"] == 2 && w["temperature_c"].get<double>() <= -7.0;
    }, 10s));
    auto station = nlohmann::json::parse(console.replica().entries().at("station/centralen"));
    CHECK(station["extra_cold"] == true);

    // Guards report people sleeping in the halls and on the lower level: on this night such
    // an alert is raised at the cold night's severity (major), never as a warning.
    REQUIRE_MESSAGE(eventually([&] {
        return sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE rule='sleeping' AND what='raised'") >= 2;
    }, 40s), sim->log_text());
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE rule='sleeping' AND what='raised' AND severity='warning'") == 0);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE rule='sleeping' AND what='raised' AND severity='major'") >= 2);
    // Sleeping reports come mostly from resting places, not the platforms.
    auto resting = sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE rule='sleeping' AND what='raised' AND "
                                       "(zone LIKE '%hall%' OR zone LIKE '%vant%' OR zone LIKE '%nedre%' OR zone LIKE '%gang%' "
                                       "OR zone LIKE '%uppgang%' OR zone LIKE '%forvaring%' OR zone LIKE '%toalett%')");
    auto platforms = sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE rule='sleeping' AND what='raised' AND "
                                         "(zone LIKE '%spar%' OR zone LIKE '%gater%' OR zone LIKE '%flygbuss%')");
    CHECK(resting > platforms);
    // The night shelters' free places are in the picture, from the simulator through the hub.
    REQUIRE(eventually([&] {
        console.pump(50ms);
        return console.replica().entries().count("shelter/filadelfia") && console.replica().entries().count("shelter/convictus");
    }, 10s));
    auto filadelfia = nlohmann::json::parse(console.replica().entries().at("shelter/filadelfia"));
    CHECK(filadelfia["places"] == 50);
    CHECK(filadelfia["free"] == filadelfia["places"].get<int>() - filadelfia["occupied"].get<int>());
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='shelter'") >= 3);
    // The simulated pairs of the cold night are out, and nothing the simulator sent was refused.
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='outreach_status'") > 0);
    CHECK(mqtt_refusals(hub) == 0);
    CHECK(hub.status()["rejected"]["total"] == 0);
    stop(*sim);
    CHECK(std::chrono::steady_clock::now() - started < 60s);
}

TEST_CASE("scenario extra-cold-night: a simulated pair answers a dispatch, goes, and resolves the alert with an outcome") {
    TempDir dir("platslage-it11b");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url(), {}, {"--evaluate-every-s", "1"});
    REQUIRE(hub.wait_mqtt_up());
    auto started = std::chrono::steady_clock::now();
    auto sim = simulator(dir.path(), broker, hub, "extra-cold-night", "5");

    // An alert of the test's own: someone needing care in Väntytor.
    Handheld guard(broker.url(), "centralen", "hh-test");
    REQUIRE(guard.publish_report(report_json("cold-1", "centralen.vantytor", 1, {"needs_care"})));
    std::string alert;
    REQUIRE(eventually([&] {
        alert = sql_text(hub.db(), "SELECT alert_id FROM alert_steps WHERE rule='needs_care' AND zone='centralen.vantytor' "
                                   "AND what='raised' ORDER BY alert_id LIMIT 1");
        return !alert.empty();
    }, 10s));

    // The operator sends whichever simulated pair is available; a busy one is refused by the
    // hub (team_busy), and a pair that declines (now and then, seeded) gets the order again later.
    const std::vector<std::string> teams{"team-01", "team-02", "team-03", "team-04"};
    std::string team, dispatch;
    bool completed = false;
    while (!completed && std::chrono::steady_clock::now() - started < 50s) {
        if (dispatch.empty() ||
            sql_count(hub.db(), "SELECT count(*) FROM dispatches WHERE dispatch_id='" + dispatch + "' AND state='declined'") == 1) {
            dispatch.clear();
            for (const auto& t : teams) {
                auto r = hub.command({{"op", "dispatch"}, {"alert", alert}, {"by", "kc-1"}, {"team", t}});
                if (r.kind == Reply::Kind::ok) {
                    team = t;
                    dispatch = sql_text(hub.db(), "SELECT dispatch_id FROM dispatches WHERE alert_id='" + alert +
                                                      "' AND team='" + t + "' ORDER BY dispatch_id DESC LIMIT 1");
                    break;
                }
            }
        }
        completed = !dispatch.empty() &&
                    sql_count(hub.db(), "SELECT count(*) FROM dispatches WHERE dispatch_id='" + dispatch + "' AND state='completed'") == 1;
        std::this_thread::sleep_for(250ms);
    }
    REQUIRE_MESSAGE(completed, sim->log_text());
    MESSAGE(team << " finished " << dispatch << " after "
                 << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count() << " s");

    auto row = [&](const std::string& where) {
        return sql_count(hub.db(), "SELECT count(*) FROM dispatches WHERE dispatch_id='" + dispatch + "' AND " + where);
    };
    // Answered, on scene in the order's zone, finished: in that order.
    CHECK(row("answered_ms IS NOT NULL AND on_scene_ms IS NOT NULL AND dispatched_ms <= answered_ms AND answered_ms <= on_scene_ms "
              "AND on_scene_ms <= finished_ms") == 1);
    CHECK(row("outcome IN ('contact_made','support_offered','support_accepted','referred','declined','nobody_found')") == 1);
    CHECK(row("(outcome = 'referred') = (referred_to IS NOT NULL AND referred_to <> '')") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='dispatch_ack' AND actor='" + team + "' AND body LIKE '%" +
                                  dispatch + "%'") >= 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE alert_id='" + alert + "' AND what='team_accepted' AND by='" +
                                  team + "'") == 1);
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM alert_steps WHERE alert_id='" + alert + "' AND what='on_scene' AND "
                                  "detail='centralen.vantytor'") == 1);
    // The outcome resolved the alert, by the team, with the outcome the team reported.
    CHECK(sql_count(hub.db(), "SELECT count(*) FROM alert_steps s JOIN dispatches d ON d.alert_id = s.alert_id "
                              "WHERE s.alert_id='" + alert + "' AND s.what='resolved' AND s.by='" + team +
                                  "' AND s.detail LIKE d.outcome || '%' AND d.dispatch_id='" + dispatch + "'") == 1);
    CHECK(mqtt_refusals(hub) == 0);
    stop(*sim);
    // The pair heard its receipts: nothing it sent was refused.
    CHECK(sim->log_text().find("team_refused=0") != std::string::npos);
    CHECK(std::chrono::steady_clock::now() - started < 60s);
}

TEST_CASE("scenario recorded day: platslage-sim --record-day with --scenario is the same byte for byte for the same seed") {
    TempDir dir("platslage-it11c");
    auto record = [&](const std::string& seed, const std::string& name) {
        ChildProcess p({PLATSLAGE_SIM_BIN, "--scenario", "extra-cold-night", "--scenarios", PLATSLAGE_SCENARIOS_DIR, "--maps",
                        PLATSLAGE_MAPS_DIR, "--seed", seed, "--record-day", "start", "--log-level", "off"},
                       dir.path() / name);
        REQUIRE(p.wait(30s) == 0);
        return p.log_text();
    };
    auto a = record("11", "a.jsonl"), b = record("11", "b.jsonl"), c = record("12", "c.jsonl");
    CHECK(a.size() > 100000);
    CHECK(a == b);
    CHECK(a != c);
    // The day starts on the scenario's evening, already extra cold, and each line is an event record.
    std::istringstream lines(a);
    std::string first;
    REQUIRE(std::getline(lines, first));
    auto j = nlohmann::json::parse(first);
    CHECK(j["heard"].get<std::string>().rfind("2026-01-13T19:00:00", 0) == 0); // 20:00 in Stockholm
    CHECK(a.find(R"("temperature_c":-10.0,"ts":"2026-01-13T19:00:00.000Z","warning_class":2)") != std::string::npos);
}
