#include "fixtures.hpp"
#include "situation.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace platslage;
using nlohmann::json;

namespace {
const TimePoint t0 = test::at("2026-11-23T23:00:00Z");

GuardReport report(const char* id, const char* zone, int persons, std::vector<Category> cats, TimePoint ts = t0) {
    GuardReport r;
    r.station = "centralen";
    r.device = "hh-01";
    r.id = id;
    r.ts = ts;
    r.zone = zone;
    r.persons = persons;
    r.categories = std::move(cats);
    return r;
}
json entry(const Situation& s, const std::string& key) {
    const auto* body = s.state().find(key);
    REQUIRE(body);
    return json::parse(*body);
}
} // namespace

TEST_CASE("live state numbers every change and skips unchanged values") {
    LiveState st;
    auto a = st.set("zone/x", "1");
    REQUIRE(a);
    CHECK(a->seq == 1);
    CHECK_FALSE(st.set("zone/x", "1"));
    CHECK(st.set("zone/x", "2")->seq == 2);
    auto del = st.erase("zone/x");
    REQUIRE(del);
    CHECK(del->body.empty());
    CHECK(del->seq == 3);
    CHECK_FALSE(st.erase("zone/x"));
}

TEST_CASE("every zone and station is in the picture from the start") {
    Situation s(test::real_maps(), {});
    CHECK(entry(s, "zone/centralen.centralhallen")["occupancy"].is_null());
    CHECK(entry(s, "station/cityterminalen")["zones"] == 7);
}

TEST_CASE("a guard report enters the picture, its zone and its device") {
    Situation s(test::real_maps(), {});
    auto updates = s.record(report("r1", "centralen.vantytor", 2, {Category::sleeping}), 42, t0);
    std::set<std::string> keys;
    for (const auto& u : updates) keys.insert(u.key);
    // The report, its device, its zone, the alert it raised (someone sleeping) and the station.
    CHECK(keys == std::set<std::string>{"report/000000000042", "device/centralen/hh-01", "zone/centralen.vantytor",
                                        "alert/A-000001", "station/centralen"});
    for (std::size_t i = 1; i < updates.size(); ++i) CHECK(updates[i].seq == updates[i - 1].seq + 1);
    auto r = entry(s, "report/000000000042");
    CHECK(r["device"] == "hh-01");
    CHECK(r["persons"] == 2);
    auto z = entry(s, "zone/centralen.vantytor");
    CHECK(z["last_report"]["categories"] == json::array({"sleeping"}));
    CHECK(entry(s, "device/centralen/hh-01")["role"] == "guard");
}

TEST_CASE("only the most recent reports stay in the live picture") {
    Situation s(test::real_maps(), SituationSettings{std::chrono::minutes(2), 3, {}});
    for (int i = 1; i <= 5; ++i) s.record(report(("r" + std::to_string(i)).c_str(), "centralen.vantytor", 0, {}), i, t0);
    CHECK_FALSE(s.state().find("report/000000000002"));
    CHECK(s.state().find("report/000000000003"));
    CHECK(s.state().find("report/000000000005"));
}

TEST_CASE("occupancy rolls up to the station; a silent sensor shows on zone and station") {
    Situation s(test::real_maps(), SituationSettings{std::chrono::minutes(2), 10, {}});
    s.record(OccupancySample{"a", "centralen.centralhallen", t0, 300}, t0);
    s.record(OccupancySample{"b", "centralen.vantytor", t0, 40}, t0);
    CHECK(s.station_occupancy("centralen") == 340);
    CHECK(entry(s, "station/centralen")["occupancy"] == 340);
    ManualClock clock(t0 + std::chrono::minutes(3));
    auto updates = s.tick(clock);
    CHECK_FALSE(updates.empty());
    CHECK(entry(s, "zone/centralen.vantytor")["sensor"] == "silent");
    CHECK(entry(s, "station/centralen")["sensors_silent"] == 2);
    CHECK(s.tick(clock).empty());
}

TEST_CASE("a counter with a wrong clock shows on its zone, gives no count and no crowding, until a good sample") {
    Situation s(test::real_maps(), SituationSettings{std::chrono::minutes(2), 10, {}});
    OccupancySample from_2017{"axis-1", "centralen.vantytor", test::at("2017-05-03T09:27:56Z"), 900};
    auto updates = s.counter_clock_wrong(from_2017, t0);
    CHECK_FALSE(updates.empty());
    auto zone = entry(s, "zone/centralen.vantytor");
    CHECK(zone["sensor"] == "clock_wrong");
    CHECK(zone["occupancy"].is_null()); // never counted: nothing to show, not a made-up 0
    CHECK(zone["measured"].is_null());
    CHECK(entry(s, "station/centralen")["occupancy"] == 0);
    CHECK(s.fusion().alerts().open_count() == 0); // 900 in a zone for 250 would be crowding, were it believed
    CHECK(s.counter_clock_wrong(from_2017, t0 + std::chrono::seconds(1)).empty());

    s.record(OccupancySample{"axis-1", "centralen.vantytor", t0 + std::chrono::seconds(2), 30}, t0 + std::chrono::seconds(2));
    zone = entry(s, "zone/centralen.vantytor");
    CHECK(zone["sensor"] == "ok");
    CHECK(zone["occupancy"] == 30);
    s.counter_clock_wrong(from_2017, t0 + std::chrono::seconds(3));
    zone = entry(s, "zone/centralen.vantytor");
    CHECK(zone["sensor"] == "clock_wrong");
    CHECK(zone["occupancy"] == 30); // the last count believed, marked as not now
}

TEST_CASE("shifts and outreach presence count who is on site") {
    Situation s(test::real_maps(), {});
    s.record(ShiftEvent{"centralen", "hh-01", t0, true, 2}, t0);
    s.record(OutreachStatus{"centralen", "team-1", t0, TeamStatus::on_scene, "centralen.vantytor", 2, "capio"}, t0);
    auto st = entry(s, "station/centralen");
    CHECK(st["guards_on_shift"] == 2);
    CHECK(st["teams_on_site"] == 1);
    s.record(ShiftEvent{"centralen", "hh-01", t0, false, 2}, t0);
    s.record(OutreachStatus{"centralen", "team-1", t0, TeamStatus::off_duty, "", 2, "capio"}, t0);
    st = entry(s, "station/centralen");
    CHECK(st["guards_on_shift"] == 0);
    CHECK(st["teams_on_site"] == 0);
    CHECK(entry(s, "team/team-1")["zone"].is_null());
}

TEST_CASE("two stations' handhelds may share an id: each is its own device") {
    Situation s(test::real_maps(), {});
    s.record(ShiftEvent{"centralen", "hh-01", t0, true, 2}, t0);
    s.record(ShiftEvent{"cityterminalen", "hh-01", t0, true, 1}, t0);
    CHECK(entry(s, "station/centralen")["guards_on_shift"] == 2);
    CHECK(entry(s, "station/cityterminalen")["guards_on_shift"] == 1);
    CHECK(entry(s, "device/centralen/hh-01")["guards"] == 2);
    CHECK(entry(s, "device/cityterminalen/hh-01")["guards"] == 1);
    s.record(ShiftEvent{"cityterminalen", "hh-01", t0, false, 1}, t0);
    CHECK(entry(s, "station/centralen")["guards_on_shift"] == 2); // untouched by the other station's shift
    CHECK(entry(s, "station/cityterminalen")["guards_on_shift"] == 0);
}

TEST_CASE("a team that walks over to the other station is counted there, and no longer where it was") {
    Situation s(test::real_maps(), {});
    s.record(OutreachStatus{"centralen", "team-1", t0, TeamStatus::available, "centralen.vantytor", 2, "socialforvaltningen"}, t0);
    CHECK(entry(s, "station/centralen")["teams_on_site"] == 1);
    auto updates = s.record(
        OutreachStatus{"cityterminalen", "team-1", t0, TeamStatus::on_scene, "cityterminalen.vanthall", 2, "socialforvaltningen"}, t0);
    CHECK(entry(s, "station/cityterminalen")["teams_on_site"] == 1);
    CHECK(entry(s, "station/centralen")["teams_on_site"] == 0);
    bool left_station_updated = false;
    for (const auto& u : updates) left_station_updated |= u.key == "station/centralen";
    CHECK(left_station_updated); // consoles hear that Centralen lost the team
    CHECK(entry(s, "team/team-1")["station"] == "cityterminalen");
}

TEST_CASE("one turn held: a zone sampled 200 times is published once, with its newest value, and the state is the same") {
    Situation held(test::real_maps(), SituationSettings{std::chrono::minutes(2), 10, {}});
    Situation direct(test::real_maps(), SituationSettings{std::chrono::minutes(2), 10, {}});
    auto feed = [](Situation& s, std::vector<Update>& out) {
        for (int i = 0; i < 200; ++i) {
            auto t = t0 + Millis(i * 10);
            auto u = s.record(OccupancySample{"axis-1", "centralen.vantytor", t, 100 + i}, t);
            out.insert(out.end(), u.begin(), u.end());
        }
        auto r = s.record(report("r-1", "centralen.vantytor", 2, {Category::sleeping}, t0 + Millis(2000)), 1, t0 + Millis(2000));
        out.insert(out.end(), r.begin(), r.end());
    };
    std::vector<Update> during, plain;
    held.hold();
    CHECK(held.holding());
    feed(held, during);
    auto released = held.release();
    CHECK_FALSE(held.holding());
    feed(direct, plain);

    auto count_key = [](const std::vector<Update>& u, const std::string& key) {
        return std::count_if(u.begin(), u.end(), [&](const Update& x) { return x.key == key; });
    };
    CHECK(count_key(during, "zone/centralen.vantytor") == 0);   // held back while the turn runs
    CHECK(std::count_if(during.begin(), during.end(), [](const Update& x) { return x.key.starts_with("report/"); }) ==
          1); // a report is its own key: published as it comes
    CHECK(count_key(released, "zone/centralen.vantytor") == 1); // once, for the whole turn
    CHECK(count_key(released, "station/centralen") == 1);
    CHECK(count_key(plain, "zone/centralen.vantytor") >= 200);
    CHECK(json::parse(*held.state().find("zone/centralen.vantytor"))["occupancy"] == 299);
    // Numbered without gaps, in order, and the picture is the one the unheld situation shows.
    std::vector<Update> all = during;
    all.insert(all.end(), released.begin(), released.end());
    for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i].seq == all[i - 1].seq + 1);
    CHECK(held.state().entries() == direct.state().entries());
    CHECK(held.release().empty()); // nothing held twice
}
