// An outreach pair's working time as a state machine: shifts, rounds and dispatch orders,
// with simulated time and seeded draws. Every message it makes goes through the hub's own
// checks (the status, answer and outcome parsers of core/).
#include <doctest/doctest.h>

#include "dispatch.hpp"
#include "dispatch_order.hpp"
#include "presence.hpp"
#include "scenario.hpp"
#include "sim_clock.hpp"
#include "team_duty.hpp"
#include "time_text.hpp"
#include "visit_outcome.hpp"
#include "zone_map.hpp"

#include <map>

using namespace platslage;
using namespace platslage::sim;
using namespace std::chrono;

namespace {
const ZoneMap& maps() {
    static const ZoneMap zones = ZoneMap::load_dir(std::string(PLATSLAGE_SOURCE_DIR) + "/maps");
    return zones;
}

// Tuesday 2026-01-13, 20:00 in Stockholm.
const TimePoint evening = *parse_rfc3339("2026-01-13T19:00:00Z");

TeamPlan evening_pair() {
    return TeamPlan{"team-07", "centralen", "socialforvaltningen", {ShiftWindow{"evening", 15, 23, ShiftDays::weekdays}}};
}

DispatchOrder order(const std::string& id, const std::string& zone, int persons = 1,
                    std::vector<std::string> categories = {"needs_care"}) {
    return DispatchOrder{id, "A-000001", false, zone, persons, std::move(categories)};
}

// Every message checked as the hub checks it; returns its kind.
std::string checked(const TeamMessage& m) {
    return std::visit([](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, OutreachStatus>) {
            auto p = parse_outreach_status(Topic{v.station, TopicKind::outreach_status, v.team}, to_json(v).dump(), maps(), v.ts);
            REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.rejection().detail));
            return "status:" + std::string(status_name(v.status)) + (v.zone.empty() ? "" : "@" + v.zone);
        } else if constexpr (std::is_same_v<T, DispatchAnswer>) {
            auto p = parse_dispatch_answer(Topic{v.station, TopicKind::outreach_ack, v.team}, to_json(v).dump(), maps(), v.ts);
            REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.rejection().detail));
            return std::string(v.accepted ? "ack:" : "decline:") + v.dispatch;
        } else {
            auto p = parse_dispatch_outcome(Topic{v.station, TopicKind::outreach_outcome, v.team}, to_json(v).dump(), maps(), v.ts);
            REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.rejection().detail));
            return "outcome:" + v.dispatch;
        }
    }, m);
}

// Steps the duty minute by minute over [from, to), returning what it said, checked.
std::vector<std::string> run(TeamDuty& duty, TimePoint from, TimePoint to, std::vector<TeamMessage>* raw = nullptr) {
    std::vector<std::string> said;
    for (auto t = from; t < to; t += seconds(15))
        for (auto& m : duty.step(moment_of(t), t, false)) {
            said.push_back(checked(m));
            if (raw) raw->push_back(m);
        }
    return said;
}

std::size_t index_of(const std::vector<std::string>& said, const std::string& what) {
    auto it = std::find(said.begin(), said.end(), what);
    return it == said.end() ? said.size() : static_cast<std::size_t>(it - said.begin());
}
} // namespace

TEST_SUITE("outreach pair on duty") {
    TEST_CASE("on duty in its shift, on its round, and off duty when the shift ends") {
        TeamDuty duty(evening_pair(), maps(), 5, 0.0);
        auto said = run(duty, evening - hours(6), evening + hours(4)); // 14:00 to 00:00
        REQUIRE(!said.empty());
        CHECK(said.front().rfind("status:available@centralen.", 0) == 0);
        CHECK(said.back() == "status:off_duty");
        CHECK(std::count(said.begin(), said.end(), "status:off_duty") == 1);
        CHECK(said.size() > 20);
        // Nothing before 15:00: the first status comes once the shift starts.
        TeamDuty early(evening_pair(), maps(), 5, 0.0);
        CHECK(run(early, evening - hours(6), evening - hours(5)).empty());
    }

    TEST_CASE("an order: accept, en route and on scene in the order's zone, an outcome, then available there") {
        TeamDuty duty(evening_pair(), maps(), 5, 0.0);
        run(duty, evening, evening + minutes(1));
        REQUIRE(duty.on_duty());
        duty.hear(order("D-000042", "centralen.vantytor"), evening + minutes(1));
        std::vector<TeamMessage> raw;
        auto said = run(duty, evening + minutes(1), evening + minutes(40), &raw);
        auto ack = index_of(said, "ack:D-000042");
        auto en_route = index_of(said, "status:en_route@centralen.vantytor");
        auto on_scene = index_of(said, "status:on_scene@centralen.vantytor");
        auto outcome = index_of(said, "outcome:D-000042");
        auto available = index_of(said, "status:available@centralen.vantytor");
        REQUIRE(outcome < said.size());
        CHECK(ack < en_route);
        CHECK(en_route < on_scene);
        CHECK(on_scene < outcome);
        CHECK(outcome + 1 == available);
        CHECK_FALSE(duty.order());
        // The answer comes within the hub's two minutes, in simulated time.
        const auto& answer = std::get<DispatchAnswer>(raw[ack]);
        CHECK(answer.ts - (evening + minutes(1)) <= minutes(2));
        // And the round goes on afterwards.
        CHECK_FALSE(run(duty, evening + minutes(40), evening + minutes(80)).empty());
    }

    TEST_CASE("an order in the other station is answered and worked there") {
        TeamDuty duty(evening_pair(), maps(), 6, 0.0);
        run(duty, evening, evening + minutes(1));
        duty.hear(order("D-000043", "cityterminalen.vanthall"), evening + minutes(1));
        std::vector<TeamMessage> raw;
        auto said = run(duty, evening + minutes(1), evening + minutes(40), &raw);
        CHECK(index_of(said, "status:on_scene@cityterminalen.vanthall") < said.size());
        for (const auto& m : raw)
            if (auto* o = std::get_if<DispatchOutcome>(&m)) CHECK(o->station == "cityterminalen");
    }

    TEST_CASE("a withdrawal stops the work: no outcome, available again") {
        TeamDuty duty(evening_pair(), maps(), 5, 0.0);
        run(duty, evening, evening + minutes(1));
        duty.hear(order("D-000044", "centralen.nedre-plan"), evening + minutes(1));
        auto first = run(duty, evening + minutes(1), evening + minutes(3)); // answered, on the way
        REQUIRE(index_of(first, "ack:D-000044") < first.size());
        duty.hear(DispatchOrder{"D-000044", "A-000001", true, {}, 0, {}}, evening + minutes(3));
        auto after = run(duty, evening + minutes(3), evening + minutes(60));
        CHECK(index_of(after, "outcome:D-000044") == after.size());
        REQUIRE(!after.empty());
        CHECK(after.front() == "status:available@centralen.nedre-plan");
        CHECK_FALSE(duty.order());
    }

    TEST_CASE("a withdrawal before the answer means no answer at all; an order heard twice is one order") {
        TeamDuty duty(evening_pair(), maps(), 5, 0.0);
        run(duty, evening, evening + minutes(1));
        duty.hear(order("D-000045", "centralen.vantytor"), evening + minutes(1));
        duty.hear(order("D-000045", "centralen.vantytor"), evening + minutes(1) + seconds(5)); // redelivered
        duty.hear(DispatchOrder{"D-000045", "A-000001", true, {}, 0, {}}, evening + minutes(1) + seconds(10));
        auto said = run(duty, evening + minutes(1) + seconds(10), evening + minutes(30));
        for (const auto& s : said) CHECK(s.find("D-000045") == std::string::npos);
        duty.hear(order("D-000045", "centralen.vantytor"), evening + minutes(30)); // and again: still gone
        auto later = run(duty, evening + minutes(30), evening + minutes(60));
        for (const auto& s : later) CHECK(s.find("D-000045") == std::string::npos);
    }

    TEST_CASE("a second order while on one, or an order off duty, is declined at once") {
        TeamDuty duty(evening_pair(), maps(), 5, 0.0);
        duty.hear(order("D-000050", "centralen.vantytor"), evening - hours(6)); // 14:00, not on duty yet
        auto off = run(duty, evening - hours(6), evening - hours(6) + minutes(1));
        CHECK(off == std::vector<std::string>{"decline:D-000050"});
        run(duty, evening, evening + minutes(1));
        duty.hear(order("D-000051", "centralen.vantytor"), evening + minutes(1));
        duty.hear(order("D-000052", "centralen.toaletter"), evening + minutes(1));
        auto said = run(duty, evening + minutes(1), evening + minutes(40));
        CHECK(said.front() == "decline:D-000052");
        CHECK(index_of(said, "outcome:D-000051") < said.size());
    }

    TEST_CASE("declines are seeded: the same seed declines the same orders, about the scenario's share") {
        auto declines = [](std::uint32_t seed) {
            TeamPlan always = evening_pair();
            always.shifts.clear(); // on duty all along: only the seeded draw declines
            TeamDuty duty(always, maps(), seed, 0.3);
            std::vector<std::string> out;
            auto t = evening;
            run(duty, t, t + minutes(1));
            t += minutes(1);
            for (int i = 0; i < 40; ++i) {
                char id[16];
                std::snprintf(id, sizeof id, "D-%06d", i + 1);
                duty.hear(order(id, "centralen.vantytor"), t);
                auto said = run(duty, t, t + minutes(4));
                t += minutes(4);
                for (const auto& s : said)
                    if (s.rfind("decline:", 0) == 0 || s.rfind("ack:", 0) == 0) out.push_back(s);
                // Finished or declined before the next one: the hub sends orders to available pairs only.
                while (duty.order()) {
                    run(duty, t, t + minutes(5));
                    t += minutes(5);
                }
            }
            return out;
        };
        auto a = declines(11), b = declines(11), c = declines(12);
        CHECK(a == b);
        CHECK(a != c);
        auto n = std::count_if(a.begin(), a.end(), [](const std::string& s) { return s.rfind("decline:", 0) == 0; });
        CHECK(a.size() == 40);
        CHECK(n >= 4);
        CHECK(n <= 22);
    }

    TEST_CASE("the same seed gives the same working time, another seed another") {
        auto day = [](std::uint32_t seed) {
            TeamDuty duty(evening_pair(), maps(), seed, 0.05);
            duty.hear(order("D-000060", "centralen.vantytor"), evening + hours(1));
            std::string text;
            for (auto t = evening - hours(6); t < evening + hours(4); t += seconds(15))
                for (auto& m : duty.step(moment_of(t), t, false))
                    text += std::visit([](const auto& v) { return to_json(v).dump(); }, m) + "\n";
            return text;
        };
        CHECK(day(3) == day(3));
        CHECK(day(3) != day(4));
    }
}

TEST_SUITE("visit outcomes") {
    TEST_CASE("every outcome passes the hub's check; about two thirds of the people described are men") {
        std::mt19937 rng(9);
        std::map<std::string, int> outcomes, genders, referred;
        for (int i = 0; i < 4000; ++i) {
            auto o = draw_visit_outcome(order("D-000001", "centralen.vantytor", i % 3 == 0 ? 2 : 1, {"sleeping"}), "centralen",
                                        "team-01", evening, i % 2 == 0, rng);
            auto p = parse_dispatch_outcome(Topic{"centralen", TopicKind::outreach_outcome, "team-01"}, to_json(o).dump(), maps(), evening);
            REQUIRE_MESSAGE(p.ok(), to_json(o).dump() << ": " << (p.ok() ? "" : p.rejection().detail));
            ++outcomes[o.outcome];
            if (!o.gender.empty()) ++genders[o.gender];
            if (!o.referred_to.empty()) ++referred[o.referred_to];
            CHECK(o.persons <= 50);
        }
        CHECK(outcomes.size() == dispatch_outcomes.size());
        double men = genders["man"], women = genders["woman"];
        CHECK(men / (men + women) == doctest::Approx(2.0 / 3.0).epsilon(0.06));
        CHECK(genders["unknown"] > 0);
        CHECK(referred.size() >= 5);
    }
    TEST_CASE("a child is described as under 18, and nobody found describes no one") {
        std::mt19937 rng(2);
        int children = 0;
        for (int i = 0; i < 500; ++i) {
            auto o = draw_visit_outcome(order("D-000001", "centralen.vantytor", 1, {"minor"}), "centralen", "team-01", evening, false, rng);
            if (o.outcome == "nobody_found") {
                CHECK(o.persons == 0);
                CHECK(o.gender.empty());
                CHECK(o.age_band.empty());
            } else {
                CHECK(o.age_band == "under_18");
                ++children;
            }
            if (o.outcome == "referred") CHECK(!o.referred_to.empty());
        }
        CHECK(children > 300);
    }
}

TEST_SUITE("dispatch messages") {
    TEST_CASE("the hub's order and its withdrawal are read; anything else is not") {
        auto o = read_dispatch_message(R"({"dispatch":"D-000042","alert":"A-000007","ts":"2026-01-13T19:00:00.000Z",
            "zone":"centralen.vantytor","zone_name":"Väntytor","severity":"critical","persons":2,
            "categories":["needs_care","sleeping"],"summary":"2 needs_care","answer_by":"2026-01-13T19:02:00.000Z"})");
        REQUIRE(o);
        CHECK(o->dispatch == "D-000042");
        CHECK(o->zone == "centralen.vantytor");
        CHECK(o->persons == 2);
        CHECK(o->categories.size() == 2);
        CHECK_FALSE(o->withdrawn);
        auto w = read_dispatch_message(R"({"dispatch":"D-000042","alert":"A-000007","withdrawn":true,"ts":"2026-01-13T19:01:00.000Z"})");
        REQUIRE(w);
        CHECK(w->withdrawn);
        CHECK_FALSE(read_dispatch_message("not json"));
        CHECK_FALSE(read_dispatch_message(R"({"dispatch":"42","zone":"centralen.vantytor"})"));
        CHECK_FALSE(read_dispatch_message(R"({"dispatch":"D-000042"})")); // an order without a zone
    }
}
