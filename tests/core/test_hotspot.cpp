// The hotspot score as a specification: what raises it, what lowers it, and the words
// that explain it. Times are chosen in Stockholm: 2026-11-24T22:00Z is 23:00 local, night.
#include "fixtures.hpp"
#include "hotspot.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

using namespace platslage;
using namespace std::chrono_literals;

namespace {
const TimePoint night = test::at("2026-11-24T22:00:00Z"); // 23:00 in Stockholm
const TimePoint day = test::at("2026-11-24T11:00:00Z");   // 12:00
const NightHours hours{22, 6};
const HotspotWeights w{};

GuardReport report(TimePoint ts, int persons, std::vector<Category> cats, ReportKind kind = ReportKind::observation) {
    GuardReport r;
    r.station = "centralen";
    r.device = "hh-01";
    r.id = "r";
    r.ts = ts;
    r.zone = "centralen.vantytor";
    r.kind = kind;
    r.persons = persons;
    r.categories = std::move(cats);
    return r;
}

bool mentions(const Hotspot& h, const std::string& text) {
    return std::any_of(h.parts.begin(), h.parts.end(), [&](const std::string& p) { return p.find(text) != std::string::npos; });
}
} // namespace

TEST_SUITE("hotspot") {
    TEST_CASE("nothing reported and no count: zero, and nothing to explain") {
        auto h = hotspot(nullptr, std::nullopt, 250, day, hours, w);
        CHECK(h.score == 0);
        CHECK(h.parts.empty());
    }

    TEST_CASE("someone needing care with no outreach ranks above a crowded but calm platform") {
        ActivityBoard board(12h, hours);
        board.record(report(day - 2h, 1, {Category::needs_care}));
        auto care = hotspot(board.find("centralen.vantytor"), std::nullopt, 250, day, hours, w);
        // A platform far over capacity, nobody reported there.
        auto platform = hotspot(nullptr, 3000, 2000, day, hours, w);
        CHECK(care.score > platform.score);
        CHECK(platform.score == 15); // crowding alone, capped
        CHECK(mentions(care, "1 needing care"));
        CHECK(mentions(care, "no outreach for 2 h"));
        CHECK(mentions(platform, "crowded: 150 % of capacity"));
    }

    TEST_CASE("a report weighs less as it ages: half after the half-life") {
        ActivityBoard board(12h, hours);
        board.record(report(day, 2, {Category::distress}));
        auto fresh = hotspot(board.find("centralen.vantytor"), std::nullopt, 250, day, hours, w);
        auto later = hotspot(board.find("centralen.vantytor"), std::nullopt, 250, day + 2h, hours, w);
        CHECK(fresh.score == 30); // 2 persons × 15
        // Two hours on: 30 × 2^(-2/4) = 21.2, and unmet for 2 h, a fifth of the way from
        // 1 h to 6 h: × (1 + 0.2) = 25.5.
        CHECK(later.score == 25);
        auto eight_hours = hotspot(board.find("centralen.vantytor"), std::nullopt, 250, day + 8h, hours, w);
        CHECK(eight_hours.score == 15); // 30 × 1/4 × 2 (the unmet-need factor is full from 6 h)
    }

    TEST_CASE("a guard who finds the zone empty ends what was reported before") {
        ActivityBoard board(12h, hours);
        board.record(report(day - 1h, 2, {Category::needs_care}));
        board.record(report(day - 30min, 0, {}, ReportKind::patrol));
        auto h = hotspot(board.find("centralen.vantytor"), std::nullopt, 250, day, hours, w);
        CHECK(h.score == 0);
        CHECK_FALSE(board.find("centralen.vantytor")->unmet_since(day).has_value());
    }

    TEST_CASE("an incident with nobody involved does not end what was reported before") {
        ActivityBoard board(12h, hours);
        board.record(report(day - 1h, 2, {Category::distress}));
        board.record(report(day - 30min, 0, {}, ReportKind::incident));
        auto h = hotspot(board.find("centralen.vantytor"), std::nullopt, 250, day, hours, w);
        CHECK(mentions(h, "2 in distress"));
        CHECK(mentions(h, "1 incident"));
        CHECK(h.score > 30);
    }

    TEST_CASE("by day the nights counted are the last seven that ended") {
        ActivityBoard board(12h, hours);
        for (int n = 1; n <= 7; ++n) board.record(report(night - std::chrono::hours(24 * n), 1, {Category::sleeping}));
        board.trim(day);
        // At noon on the 24th, the nights of the 17th to the 23rd are the last seven.
        CHECK(hotspot(board.find("centralen.vantytor"), std::nullopt, 250, day, hours, w).score == 28);
    }

    TEST_CASE("the same people reported again by each patrol are not counted twice") {
        ActivityBoard board(12h, hours);
        for (int i = 0; i < 6; ++i) board.record(report(day - std::chrono::minutes(10 * i), 3, {Category::sleeping}));
        auto h = hotspot(board.find("centralen.vantytor"), std::nullopt, 250, day, hours, w);
        CHECK(h.score == 24); // 3 × 8, not 18 × 8
        CHECK(mentions(h, "3 sleeping"));
    }

    TEST_CASE("night weighs more, and says so") {
        ActivityBoard board(12h, hours);
        board.record(report(night, 2, {Category::sleeping}));
        auto h = hotspot(board.find("centralen.vantytor"), std::nullopt, 250, night, hours, w);
        CHECK(h.score == 20); // 16 × 1.25
        CHECK(mentions(h, "night"));
    }

    TEST_CASE("outreach on site: no unmet-need factor, and earlier reports count half") {
        ActivityBoard board(12h, hours);
        board.record(report(day - 3h, 2, {Category::distress}));
        auto before = hotspot(board.find("centralen.vantytor"), std::nullopt, 250, day, hours, w);
        OutreachStatus s{"centralen", "team-1", day, TeamStatus::on_scene, "centralen.vantytor", 2, "socialforvaltningen"};
        board.record(s, day);
        auto after = hotspot(board.find("centralen.vantytor"), std::nullopt, 250, day, hours, w);
        CHECK(after.score < before.score);
        CHECK(mentions(after, "outreach here now"));
        CHECK_FALSE(mentions(after, "no outreach"));
    }

    TEST_CASE("people on several recent nights make a known place, even when quiet now") {
        ActivityBoard board(12h, hours);
        for (int n = 1; n <= 5; ++n) board.record(report(night - std::chrono::hours(24 * n), 1, {Category::sleeping}));
        board.trim(night);
        auto h = hotspot(board.find("centralen.vantytor"), std::nullopt, 250, night, hours, w);
        CHECK(h.score == 20); // 5 nights × 4
        CHECK(mentions(h, "5 of the last 7 nights"));
    }

    TEST_CASE("incidents count, and the score never passes 100") {
        ActivityBoard board(12h, hours);
        board.record(report(night, 1, {}, ReportKind::incident));
        auto one = hotspot(board.find("centralen.vantytor"), std::nullopt, 250, night, hours, w);
        CHECK(mentions(one, "1 incident"));
        CHECK(mentions(one, "1 present"));
        for (int i = 0; i < 5; ++i) board.record(report(night, 10, {Category::needs_care, Category::minor}));
        auto many = hotspot(board.find("centralen.vantytor"), 400, 250, night, hours, w);
        CHECK(many.score == 100);
    }

    TEST_CASE("crowding starts at 80 % and is full at 120 %") {
        CHECK(hotspot(nullptr, 200, 250, day, hours, w).score == 0);   // 80 %
        CHECK(hotspot(nullptr, 250, 250, day, hours, w).score == 8);   // 100 %: half of 15, rounded up
        CHECK(hotspot(nullptr, 300, 250, day, hours, w).score == 15);  // 120 %
        CHECK(hotspot(nullptr, 900, 250, day, hours, w).score == 15);  // and no more
    }
}

TEST_SUITE("zone activity") {
    TEST_CASE("what still holds: the reports after the last one that found the zone empty, up to now") {
        ActivityBoard board(12h, hours);
        board.record(report(night - 50min, 2, {Category::sleeping}));
        board.record(report(night - 40min, 0, {}, ReportKind::patrol));  // found empty
        board.record(report(night - 30min, 1, {Category::distress}));
        board.record(report(night - 20min, 0, {}, ReportKind::incident)); // nobody involved: not empty
        board.record(report(night + 10min, 3, {Category::sleeping}));     // later than `now` below
        board.record(report(night - 10min, 1, {Category::needs_care}));   // late from an outbox, slots in
        const auto* z = board.find("centralen.vantytor");
        REQUIRE(z);
        auto persons = [&](TimePoint now) {
            std::vector<int> p;
            for (const auto* r : z->current(now)) p.push_back(r->persons);
            return p;
        };
        CHECK(persons(night) == std::vector<int>{1, 0, 1});
        CHECK(persons(night + 10min) == std::vector<int>{1, 0, 1, 3});
        CHECK(persons(night - 45min) == std::vector<int>{2});
        CHECK(persons(night - 40min).empty()); // the empty round itself is the newest word
        CHECK(persons(night - 2h).empty());
    }

    TEST_CASE("the window's tally is what its reports add up to, as they come late and go") {
        // Reports in and out of time order, some from an incident, some of nobody, and the
        // window trimmed as the night goes on: after each step the kept tally equals the
        // reports counted anew, and the same after the board is saved and loaded.
        std::mt19937 random(2026);
        ActivityBoard board(2h, hours);
        auto counted = [](const ZoneActivity& z, Category c) {
            std::optional<int> most;
            for (const auto& r : z.reports)
                if (std::find(r.categories.begin(), r.categories.end(), c) != r.categories.end())
                    most = std::max(most.value_or(0), r.persons);
            return most;
        };
        auto agrees = [&](const ActivityBoard& b) {
            const auto* z = b.find("centralen.vantytor");
            REQUIRE(z != nullptr);
            int incidents = static_cast<int>(std::count_if(z->reports.begin(), z->reports.end(),
                                                           [](const ReportMark& r) { return r.kind == ReportKind::incident; }));
            CHECK(z->tally.incidents() == incidents);
            for (auto c : all_categories()) CHECK(z->tally.most(c) == counted(*z, c));
        };
        TimePoint now = night;
        std::size_t most_kept = 0;
        for (int i = 0; i < 2000; ++i) {
            now += std::chrono::seconds(random() % 60);
            std::vector<Category> cats;
            for (auto c : all_categories())
                if (random() % 4 == 0) cats.push_back(c);
            int persons = cats.empty() ? static_cast<int>(random() % 2) : 1 + static_cast<int>(random() % 12);
            auto kind = random() % 10 == 0 ? ReportKind::incident : ReportKind::observation;
            board.record(report(now - std::chrono::minutes(random() % 30), persons, cats, kind)); // up to half an hour late
            if (i % 7 == 0) board.trim(now);
            agrees(board);
            most_kept = std::max(most_kept, board.find("centralen.vantytor")->reports.size());
        }
        ActivityBoard loaded(2h, hours);
        loaded.load(board.save());
        agrees(loaded);
        CHECK(most_kept > 100); // the window held many reports, and dropped the old ones
        CHECK(board.find("centralen.vantytor")->reports.size() < 2000);
    }
}
