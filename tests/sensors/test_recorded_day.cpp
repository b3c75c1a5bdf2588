// A recorded day, replayed: the day in tests/data/day-2026-11-17.jsonl (made with
// `platslage-sim --record-day 2026-11-17 --seed 17`) goes through the hub's own path from
// event record to picture, and the alerts it raises must be the golden list in
// tests/data/day-2026-11-17.alerts. A change to the rules or the score that changes the
// list must be a change someone meant: look at the difference, then regenerate with
//   PLATSLAGE_UPDATE_GOLDEN=1 build/tests/platslage_sim_tests -tc="*golden*"
// and commit both the code and the list. Beside the golden list, rules are checked
// against the log directly, so the list itself cannot quietly go wrong.
#include <doctest/doctest.h>

#include "event_record.hpp"
#include "recorded_day.hpp"
#include "situation.hpp"
#include "stockholm_time.hpp"
#include "time_text.hpp"
#include "zone_map.hpp"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

using namespace platslage;
using nlohmann::json;

namespace {
const std::string data_dir = std::string(PLATSLAGE_SOURCE_DIR) + "/tests/data/";

const ZoneMap& maps() {
    static const ZoneMap zones = ZoneMap::load_dir(std::string(PLATSLAGE_SOURCE_DIR) + "/maps");
    return zones;
}

struct Replayed {
    std::vector<std::pair<std::int64_t, EventRecord>> records;
    std::map<std::string, json> alerts; // every alert the day raised, as last published
};

Replayed replay_day() {
    Replayed out;
    std::ifstream in(data_dir + "day-2026-11-17.jsonl");
    REQUIRE(in);
    std::string line;
    std::int64_t id = 0;
    while (std::getline(in, line)) {
        auto j = json::parse(line);
        EventRecord r{j["kind"], j["station"], j["actor"], j["zone"], j["body"].dump(), *parse_rfc3339(j["heard"].get<std::string>())};
        out.records.emplace_back(++id, r);
    }
    Situation s(maps(), SituationSettings{std::chrono::minutes(30), 200, {}});
    auto keep = [&](const std::vector<Update>& updates) {
        for (const auto& u : updates)
            if (u.key.rfind("alert/", 0) == 0 && !u.body.empty()) out.alerts[u.key.substr(6)] = json::parse(u.body);
    };
    for (const auto& [log_id, r] : out.records) {
        auto e = from_record(r, maps());
        REQUIRE_MESSAGE(e.ok(), "event " << log_id << ": " << e.rejection().detail);
        std::visit([&](const auto& ev) {
            using T = std::decay_t<decltype(ev)>;
            if constexpr (std::is_same_v<T, GuardReport>) keep(s.record(ev, log_id, r.heard));
            else keep(s.record(ev, r.heard));
        }, e.value());
    }
    keep(s.advance_to(out.records.back().second.heard + std::chrono::hours(6)));
    return out;
}

// One line per alert, in Stockholm time, as a person would check it.
std::string golden_text(const std::map<std::string, json>& alerts) {
    std::ostringstream o;
    for (const auto& [id, a] : alerts) {
        const auto& h = a["history"];
        auto when = [](const json& t) { return stockholm_clock_text(*parse_rfc3339(t.get<std::string>())); };
        o << id << ' ' << a["rule"].get<std::string>() << ' '
          << (a["zone"].is_null() ? a["subject"].get<std::string>() : a["zone"].get<std::string>()) << " raised "
          << when(h.front()["at"]) << ' ' << h.front()["severity"].get<std::string>() << " → " << a["severity"].get<std::string>()
          << ' ' << a["state"].get<std::string>() << ' ' << when(h.back()["at"]) << " signals " << a["signals"]
          << " escalations " << a["escalations"];
        if (!a["outcome"].is_null()) o << " outcome " << a["outcome"].get<std::string>();
        o << '\n';
    }
    return o.str();
}
} // namespace

TEST_SUITE("recorded day") {
    TEST_CASE("a recorded day replays to the golden list of alerts") {
        auto day = replay_day();
        auto text = golden_text(day.alerts);
        const auto golden_path = data_dir + "day-2026-11-17.alerts";
        if (const char* update = std::getenv("PLATSLAGE_UPDATE_GOLDEN"); update && *update) {
            std::ofstream(golden_path) << text;
            MESSAGE("wrote " << golden_path);
        }
        std::ifstream in(golden_path);
        REQUIRE_MESSAGE(in, "missing " << golden_path);
        std::stringstream golden;
        golden << in.rdbuf();
        CHECK(text == golden.str());
    }

    TEST_CASE("the recorded day's alerts agree with the log they came from") {
        auto day = replay_day();
        std::optional<TimePoint> cold_from;
        int care_reports = 0, sleeping_after_cold = 0;
        for (const auto& [id, r] : day.records) {
            auto body = json::parse(r.body);
            if (r.kind == "weather" && body.value("temperature_c", 0.0) <= -7.0 && !cold_from) cold_from = r.heard;
            if (r.kind != "guard_report" || body["persons"] == 0) continue;
            auto cats = body["categories"].get<std::vector<std::string>>();
            auto has = [&](const char* c) { return std::find(cats.begin(), cats.end(), c) != cats.end(); };
            // Someone needing care is in a needs_care alert of that zone, raised by then and fed by it.
            if (has("needs_care")) {
                ++care_reports;
                bool covered = false;
                for (const auto& [aid, a] : day.alerts)
                    if (a["rule"] == "needs_care" && a["zone"] == r.zone && *parse_rfc3339(a["raised_at"].get<std::string>()) <= r.heard &&
                        *parse_rfc3339(a["last_signal"].get<std::string>()) >= r.heard)
                        covered = true;
                CHECK_MESSAGE(covered, "report " << id << " in " << r.zone);
            }
            if (has("sleeping") && cold_from && r.heard >= *cold_from) ++sleeping_after_cold;
        }
        CHECK(care_reports > 0); // the day does contain what the rules are about
        REQUIRE(cold_from);
        CHECK(sleeping_after_cold > 0);
        // On the extra cold night no sleeping alert stays at warning.
        for (const auto& [aid, a] : day.alerts) {
            if (a["rule"] != "sleeping") continue;
            auto last = *parse_rfc3339(a["last_signal"].get<std::string>());
            if (last >= *cold_from) CHECK_MESSAGE(a["severity"] != "warning", aid);
        }
        // Nobody answered the queue: an alert that expired did so exactly its rule's expiry
        // after its last report, and none was closed by anyone but the hub.
        const AlertSettings rules;
        int expired = 0;
        for (const auto& [aid, a] : day.alerts) {
            const auto& last = a["history"].back();
            if (a["state"] == "expired") {
                ++expired;
                auto rule = *rule_from_name(a["rule"].get<std::string>());
                CHECK_MESSAGE(*parse_rfc3339(last["at"].get<std::string>()) ==
                                  *parse_rfc3339(a["last_signal"].get<std::string>()) + rules.of(rule).expire_after,
                              aid);
            }
            if (a["state"] == "resolved" || a["state"] == "expired") CHECK_MESSAGE(last["by"] == "hub", aid);
        }
        CHECK(expired > 50);
    }

    TEST_CASE("a simulated day is the same for the same date and seed, and another seed gives another day") {
        using namespace std::chrono;
        auto a = sim::record_day(maps(), 2026y / November / 17, 17);
        auto b = sim::record_day(maps(), 2026y / November / 17, 17);
        auto c = sim::record_day(maps(), 2026y / November / 17, 18);
        auto text = [](const std::vector<sim::HeardEvent>& events) {
            std::string s;
            for (const auto& e : events) s += to_record(e.event, maps(), e.heard).body + format_rfc3339(e.heard) + "\n";
            return s;
        };
        CHECK(text(a) == text(b));
        CHECK(text(a) != text(c));
        CHECK(a.size() > 2000);
    }
}
