// The alarm: which alerts sound it (a critical alert new to this console, and each time the
// hub re-announces it unacknowledged), and the built-in tone.
#include "alarm.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>

using namespace platslage;
using namespace platslage::console;

namespace {
std::shared_ptr<const AlertView> alert(const char* id, int rank, const char* state, int reannounced = 0, std::int64_t raised_ms = 0) {
    AlertView a;
    a.id = id;
    a.severity_rank = rank;
    a.state = state;
    a.reannounced = reannounced;
    a.raised_ms = raised_ms;
    return std::make_shared<const AlertView>(a);
}
using Ids = std::vector<std::string>;
} // namespace

TEST_CASE("a critical alert sounds once when new, again when re-announced, never when acknowledged or less than critical") {
    AlarmWatch w;
    CHECK(w.update({alert("A-000001", 2, "raised"), alert("A-000002", 3, "acknowledged")}).empty());
    CHECK(w.update({alert("A-000003", 3, "raised", 0, 20), alert("A-000004", 3, "raised", 0, 10)}) == Ids{"A-000004", "A-000003"});
    // The same picture again (a resync, a change elsewhere): silence.
    CHECK(w.update({alert("A-000003", 3, "raised", 0, 20), alert("A-000004", 3, "raised", 0, 10)}).empty());
    // The hub re-announces A-000003: once more.
    CHECK(w.update({alert("A-000003", 3, "raised", 1, 20), alert("A-000004", 3, "raised", 0, 10)}) == Ids{"A-000003"});
    CHECK(w.update({alert("A-000003", 3, "raised", 1, 20)}).empty());
    // Acknowledged, then re-announced counts go on: an acknowledged alert is not sounded.
    CHECK(w.update({alert("A-000003", 3, "acknowledged", 2, 20)}).empty());
    // A major alert lifted to critical while raised is an alarm now.
    CHECK(w.update({alert("A-000001", 3, "raised")}) == Ids{"A-000001"});
}

TEST_CASE("the built-in tone: two notes, soft edges, never clipping") {
    const int rate = 22050;
    auto tone = alarm_tone(rate);
    CHECK(tone.size() == static_cast<std::size_t>(0.30 * rate) * 2 + static_cast<std::size_t>(0.05 * rate));
    const auto peak = std::abs(*std::max_element(tone.begin(), tone.end(), [](auto a, auto b) { return std::abs(a) < std::abs(b); }));
    CHECK(peak > 10000);
    CHECK(peak < 32767 / 2);
    CHECK(std::abs(tone.front()) < 200); // faded in: no click
    CHECK(std::abs(tone.back()) < 2000);  // and out
    // The gap between the notes is silent.
    const auto gap_at = static_cast<std::size_t>(0.30 * rate) + 10;
    CHECK(tone[gap_at] == 0);
    // The first note is higher: more zero crossings in its 0.3 s than the second's.
    auto crossings = [&](std::size_t from, std::size_t to) {
        int n = 0;
        for (std::size_t i = from + 1; i < to; ++i) n += (tone[i - 1] < 0) != (tone[i] < 0);
        return n;
    };
    const auto note = static_cast<std::size_t>(0.30 * rate), gap = static_cast<std::size_t>(0.05 * rate);
    CHECK(crossings(0, note) == doctest::Approx(2 * 880 * 0.3).epsilon(0.02));
    CHECK(crossings(note + gap, tone.size()) == doctest::Approx(2 * 660 * 0.3).epsilon(0.02));
}
