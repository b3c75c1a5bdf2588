#include "rules_config.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <unistd.h>

using namespace platslage;
namespace fs = std::filesystem;

namespace {

const std::string shipped = PLATSLAGE_SOURCE_DIR "/hub/platslage-rules.toml";

// A fresh directory for one test's files, removed with everything in it at the end.
class TempDir {
public:
    TempDir() {
        static int n = 0;
        dir_ = fs::temp_directory_path() / ("platslage-rules-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    // Writes `text` to a new file in the directory and returns its path.
    std::string file(const std::string& text) {
        auto path = (dir_ / ("rules-" + std::to_string(files_++) + ".toml")).string();
        std::ofstream(path) << text;
        return path;
    }

private:
    fs::path dir_;
    int files_ = 0;
};

// The message load_rules refuses the file with; empty if it loads.
std::string refusal(const std::string& path) {
    try {
        load_rules(path);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

// Every setting the rules file can hold, each unlike its default (and still valid), so a
// file that loads to the defaults from here must have set every one of them.
FusionSettings all_changed() {
    FusionSettings s;
    for (auto& c : s.weights.category) c += 1;
    s.weights.present += 1;
    s.weights.incident += 1;
    s.weights.persons_cap += 1;
    s.weights.half_life += std::chrono::minutes(1);
    s.weights.after_outreach += 0.1;
    s.weights.gap_from += std::chrono::minutes(1);
    s.weights.gap_full += std::chrono::minutes(1);
    s.weights.gap_weight += 0.1;
    s.weights.night_factor += 0.1;
    s.weights.per_night += 1;
    s.weights.nights_of = s.weights.nights_of == 14 ? 13 : s.weights.nights_of + 1;
    s.weights.crowd_weight += 1;
    s.weights.crowd_from += 0.01;
    s.weights.crowd_full += 0.01;
    s.activity_window += std::chrono::minutes(1);
    s.night.start_hour = (s.night.start_hour + 1) % 24;
    s.night.end_hour = (s.night.end_hour + 1) % 24;
    s.dispatch.answer_within += std::chrono::seconds(30);
    s.dispatch.team_silent_after += std::chrono::minutes(5);
    s.dispatch.keep_finished += std::chrono::minutes(5);
    s.alerts.keep_closed += std::chrono::minutes(1);
    for (auto& a : s.alerts.ack_within) a += std::chrono::minutes(1);
    for (auto& r : s.alerts.rules) {
        r.severity = r.severity == Severity::warning ? Severity::critical : Severity::warning;
        r.join_window += std::chrono::minutes(1);
        r.expire_after += std::chrono::minutes(1);
        r.enabled = !r.enabled;
        r.escalate_to = r.escalate_to == Severity::critical ? Severity::major : Severity::critical;
    }
    s.rules.crowding_percent += 1;
    s.rules.crowding_clear_percent += 1;
    s.rules.repeated_nights = s.rules.repeated_nights == 14 ? 13 : s.rules.repeated_nights + 1;
    s.rules.repeated_of_nights = s.rules.repeated_of_nights == 14 ? 13 : s.rules.repeated_of_nights + 1;
    s.rules.coverage_gap_after += std::chrono::minutes(1);
    s.rules.coverage_gap_score = s.rules.coverage_gap_score == 100 ? 99 : s.rules.coverage_gap_score + 1;
    s.rules.cold.at_or_below_c -= 1;
    s.rules.cold.warning_class_from = s.rules.cold.warning_class_from == 3 ? 1 : s.rules.cold.warning_class_from + 1;
    s.rules.cold_sleeping = s.rules.cold_sleeping == Severity::warning ? Severity::critical : Severity::warning;
    s.rules.child_at_night_critical = !s.rules.child_at_night_critical;
    return s;
}

} // namespace

TEST_CASE("the shipped rules file is every setting at its default") {
    CHECK(load_rules(shipped) == FusionSettings{});
}

TEST_CASE("the shipped rules file sets every setting the hub reads") {
    // Loaded over defaults that differ everywhere, it must still give the real defaults:
    // a setting missing from the file would keep its changed value here.
    auto changed = all_changed();
    REQUIRE_FALSE(changed.weights == FusionSettings{}.weights);
    REQUIRE_FALSE(changed.alerts == FusionSettings{}.alerts);
    REQUIRE_FALSE(changed.rules == FusionSettings{}.rules);
    REQUIRE_FALSE(changed.night == FusionSettings{}.night);
    REQUIRE_FALSE(changed.dispatch == FusionSettings{}.dispatch);
    CHECK(load_rules(shipped, changed) == FusionSettings{});
}

TEST_CASE("an empty rules file keeps every default") {
    TempDir dir;
    CHECK(load_rules(dir.file("")) == FusionSettings{});
}

TEST_CASE("changing one setting changes exactly that field") {
    TempDir dir;
    SUBCASE("a category weight") {
        FusionSettings want;
        want.weights.category[static_cast<std::size_t>(Category::needs_care)] = 40;
        CHECK(load_rules(dir.file("[hotspot.category]\nneeds_care = 40\n")) == want);
    }
    SUBCASE("a decimal weight") {
        FusionSettings want;
        want.weights.night_factor = 1.5;
        CHECK(load_rules(dir.file("[hotspot]\nnight-factor = 1.5\n")) == want);
    }
    SUBCASE("a duration in minutes") {
        FusionSettings want;
        want.weights.half_life = std::chrono::minutes(90);
        CHECK(load_rules(dir.file("[hotspot]\nhalf-life-min = 90\n")) == want);
    }
    SUBCASE("one rule's severity") {
        FusionSettings want;
        want.alerts.of(AlertRule::sleeping).severity = Severity::minor;
        CHECK(load_rules(dir.file("[alerts.rules.sleeping]\nseverity = \"minor\"\n")) == want);
    }
    SUBCASE("a threshold") {
        FusionSettings want;
        want.rules.cold.at_or_below_c = -10;
        CHECK(load_rules(dir.file("[alerts.thresholds]\ncold-at-or-below-c = -10\n")) == want);
    }
}

TEST_CASE("an unknown setting is refused, naming the file and the setting") {
    TempDir dir;
    auto misspelt = dir.file("[hotspot]\nnigth-factor = 1.5\n");
    CHECK(refusal(misspelt) == misspelt + ": unknown setting 'hotspot.nigth-factor'");
    auto category = dir.file("[hotspot.category]\nneeds-care = 40\n");
    CHECK(refusal(category) == category + ": unknown setting 'hotspot.category.needs-care'");
    auto rule = dir.file("[alerts.rules.sleeper]\nenabled = false\n");
    CHECK(refusal(rule) == rule + ": unknown setting 'alerts.rules.sleeper'");
    auto top = dir.file("[nights]\nstart-hour = 21\n");
    CHECK(refusal(top) == top + ": unknown setting 'nights'");
}

TEST_CASE("a wrong type is refused") {
    TempDir dir;
    auto text = dir.file("[hotspot]\nnight-factor = \"high\"\n");
    CHECK(refusal(text) == text + ": 'hotspot.night-factor' must be a number");
    auto decimal = dir.file("[hotspot]\npersons-cap = 10.5\n");
    CHECK(refusal(decimal) == decimal + ": 'hotspot.persons-cap' must be an integer");
    auto flag = dir.file("[alerts.rules.child]\nenabled = \"yes\"\n");
    CHECK(refusal(flag) == flag + ": 'alerts.rules.child.enabled' must be true or false");
    auto not_table = dir.file("hotspot = 3\n");
    CHECK(refusal(not_table) == not_table + ": 'hotspot' must be a table");
    auto out_of_range = dir.file("[night]\nstart-hour = 24\n");
    CHECK(refusal(out_of_range) == out_of_range + ": 'night.start-hour' must be between 0 and 23");
}

TEST_CASE("a bad severity name is refused") {
    TempDir dir;
    auto rule = dir.file("[alerts.rules.needs_care]\nseverity = \"urgent\"\n");
    CHECK(refusal(rule) == rule + ": 'alerts.rules.needs_care.severity' must be one of warning, minor, major, critical");
    auto cold = dir.file("[alerts.thresholds]\ncold-sleeping-severity = 3\n");
    CHECK(refusal(cold) == cold + ": 'alerts.thresholds.cold-sleeping-severity' must be one of warning, minor, major, critical");
}

TEST_CASE("an inverted or empty range is refused") {
    TempDir dir;
    auto equal = dir.file("[hotspot]\ngap-from-min = 120\ngap-full-min = 120\n");
    CHECK(refusal(equal).starts_with(equal + ": "));
    CHECK(refusal(equal).find("gap-full-min > gap-from-min") != std::string::npos);
    auto inverted = dir.file("[hotspot]\ngap-from-min = 300\ngap-full-min = 60\n");
    CHECK(refusal(inverted).find("gap-full-min > gap-from-min") != std::string::npos);
    auto crowd = dir.file("[hotspot]\ncrowd-from = 1.2\ncrowd-full = 0.8\n");
    CHECK(refusal(crowd).find("crowd-full > crowd-from") != std::string::npos);
    auto half_life = dir.file("[hotspot]\nhalf-life-min = 0\n");
    CHECK(refusal(half_life).find("half-life-min > 0") != std::string::npos);
    auto ack = dir.file("[alerts.acknowledge-within-min]\ncritical = 0\n");
    CHECK(refusal(ack).find("acknowledge-within-min must be above 0") != std::string::npos);
}

TEST_CASE("settings that would quietly disable a rule or hide a need are refused") {
    TempDir dir;
    auto flapping = dir.file("[alerts.thresholds]\ncrowding-percent = 100\ncrowding-clear-percent = 100\n");
    CHECK(refusal(flapping).find("crowding-clear-percent must be below crowding-percent") != std::string::npos);
    auto never = dir.file("[alerts.thresholds]\nrepeated-nights = 8\nrepeated-of-nights = 7\n");
    CHECK(refusal(never).find("repeated-nights cannot exceed repeated-of-nights") != std::string::npos);
    auto no_night = dir.file("[night]\nstart-hour = 6\nend-hour = 6\n");
    CHECK(refusal(no_night).find("start-hour and end-hour must differ") != std::string::npos);
    auto negative = dir.file("[hotspot.category]\nneeds_care = -30\n");
    CHECK(refusal(negative) == negative + ": 'hotspot.category.needs_care' must not be negative");
    auto colder = dir.file("[alerts.thresholds]\ncold-at-or-below-c = -10\n");
    CHECK(platslage::load_rules(colder).rules.cold.at_or_below_c == -10.0); // temperatures may be negative
}

TEST_CASE("a file that is not TOML is refused with its line") {
    TempDir dir;
    auto broken = dir.file("[hotspot]\npresent = = 2\n");
    auto why = refusal(broken);
    CHECK(why.starts_with(broken + ": "));
    CHECK(why.find("(line 2)") != std::string::npos);
}
