// AXIS People Counter live sums over HTTP, without sockets: the [[live-sum]] config, when each
// camera is asked, how a camera's outage is logged, what a camera's answer and a push mean,
// and the live sum through the same line counting as every other reading.
#include <doctest/doctest.h>

#include "camera_credentials.hpp"
#include "camera_outage.hpp"
#include "counter_router.hpp"
#include "counters_config.hpp"
#include "counters_options.hpp"
#include "live_sum_camera.hpp"
#include "live_sum_exchange.hpp"
#include "poll_schedule.hpp"
#include "time_text.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace platslage;
using namespace platslage::counters;
using namespace std::chrono_literals;

namespace {
const ZoneMap& maps() {
    static const ZoneMap zones = ZoneMap::load_dir(std::string(PLATSLAGE_SOURCE_DIR) + "/maps");
    return zones;
}
struct TempFile {
    std::filesystem::path path;
    TempFile(const std::string& name, const std::string& text)
        : path(std::filesystem::temp_directory_path() / ("platslage-live-sum-" + std::to_string(::getpid()) + "-" + name)) {
        std::ofstream(path) << text;
    }
    ~TempFile() { std::filesystem::remove(path); }
};
CountersConfig load(const std::string& text) {
    TempFile f("counters.toml", text);
    return load_counters_config(f.path.string(), maps());
}
std::string refusal(const std::string& text) {
    try {
        load(text);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "accepted";
}
bool says(const std::string& text, const std::string& part) {
    INFO(text);
    return text.find(part) != std::string::npos;
}
std::string with(std::string text, const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
    return text;
}
const std::string door = R"(
[[line]]
device = "00408CAC512B"
line = "Exit south"
sensor = "axis-exit-south"
zone = "cityterminalen.vanthall"
)";
const std::string camera = R"(
[[live-sum]]
url = "http://10.0.0.5/local/tvpc/.api?live-sum.json"
)";

PollSchedule::Time at_s(int s) { return PollSchedule::Time{} + std::chrono::seconds(s); }
TimePoint utc(const char* t) { return *parse_rfc3339(t); }
// The documented example's shape, at a Stockholm wall-clock time (November: UTC+1).
std::string live_sum(const char* local, int in, int out, const char* name = "Exit south") {
    return std::string(R"({"serial":"00408CAC512B","name":")") + name + R"(","timestamp":")" + local +
           R"(","in":)" + std::to_string(in) + R"(,"out":)" + std::to_string(out) + "}";
}
} // namespace

TEST_SUITE("live sum over HTTP: config") {
    TEST_CASE("a camera to poll: its URL split for the client, every 60 s with a 5 s timeout unless told") {
        auto cfg = load(door + camera);
        REQUIRE(cfg.live_sum.size() == 1);
        const auto& c = cfg.live_sum[0];
        CHECK(c.origin == "http://10.0.0.5");
        CHECK(c.target == "/local/tvpc/.api?live-sum.json");
        CHECK(c.every == 60s);
        CHECK(c.timeout == 5s);
        CHECK_FALSE(c.credentials);
        auto quick = load(door + camera + "every-s = 2\n");
        CHECK(quick.live_sum[0].timeout == 2s); // a poll ends before the camera's next turn
        auto slow = load(door + with(camera, "10.0.0.5", "cam-vh-east:8080") + "every-s = 300\ntimeout-s = 10\n");
        CHECK(slow.live_sum[0].origin == "http://cam-vh-east:8080");
        CHECK(slow.live_sum[0].timeout == 10s);
    }
    TEST_CASE("credentials come from a file or a variable, digest unless told; errors never show them") {
        TempFile secret("credentials", "counter-reader:s3cret-Pw\n");
        // A secret others could read is refused, naming the file and never its text.
        auto open = refusal(door + camera + "credentials-file = \"" + secret.path.string() + "\"\n");
        CHECK(says(open, "readable by others"));
        CHECK_FALSE(says(open, "s3cret"));
        std::filesystem::permissions(secret.path, std::filesystem::perms(0600));
        auto cfg = load(door + camera + "credentials-file = \"" + secret.path.string() + "\"\n");
        REQUIRE(cfg.live_sum[0].credentials);
        CHECK(cfg.live_sum[0].credentials->user == "counter-reader");
        CHECK(cfg.live_sum[0].credentials->password == "s3cret-Pw");
        CHECK(cfg.live_sum[0].credentials->digest);
        ::setenv("PLATSLAGE_TEST_CAMERA", "reader:a:b", 1);
        auto env = load(door + camera + "credentials-env = \"PLATSLAGE_TEST_CAMERA\"\nauth = \"basic\"\n");
        CHECK(env.live_sum[0].credentials->password == "a:b"); // everything after the first colon
        CHECK_FALSE(env.live_sum[0].credentials->digest);
        ::setenv("PLATSLAGE_TEST_CAMERA", "no-colon-s3cret", 1);
        auto bad = refusal(door + camera + "credentials-env = \"PLATSLAGE_TEST_CAMERA\"\n");
        CHECK(says(bad, "environment variable 'PLATSLAGE_TEST_CAMERA' must hold user:password"));
        CHECK_FALSE(says(bad, "s3cret"));
        ::unsetenv("PLATSLAGE_TEST_CAMERA");
        CHECK(says(refusal(door + camera + "credentials-env = \"PLATSLAGE_TEST_CAMERA\"\n"), "is not set"));
        CHECK(says(refusal(door + camera + "credentials-file = \"/nonexistent/platslage\"\n"), "cannot be read"));
        CHECK_THROWS(parse_camera_credentials(":pw", "x"));
        CHECK_THROWS(parse_camera_credentials("user:", "x"));
    }
    TEST_CASE("every mistake in a [[live-sum]] entry refuses the file, with the entry named") {
        CHECK(says(refusal(door + with(camera, "http://", "https://")), "HTTPS is not supported"));
        CHECK(says(refusal(door + with(camera, "http://", "ftp://")), "'url' must begin with http://"));
        CHECK(says(refusal(door + with(camera, "10.0.0.5", "root:pass@10.0.0.5")), "must not hold a user or password"));
        CHECK_FALSE(says(refusal(door + with(camera, "10.0.0.5", "root:pass@10.0.0.5")), "pass@"));
        CHECK(says(refusal(door + with(camera, "10.0.0.5", "10.0.0.5:0")), "port that is not 1-65535"));
        CHECK(says(refusal(door + with(camera, "10.0.0.5/", "/")), "must name a host"));
        CHECK(says(refusal(door + camera + camera), "[[live-sum]] 2 (line 11): url 'http://10.0.0.5/local/tvpc/.api?live-sum.json' is listed twice"));
        CHECK(says(refusal(door + camera + "every-s = 0\n"), "'every-s' must be a whole number, 1-3600"));
        CHECK(says(refusal(door + camera + "every-s = 10\ntimeout-s = 20\n"), "'timeout-s' must not be longer than 'every-s'"));
        CHECK(says(refusal(door + camera + "auth = \"digest\"\n"), "'auth' needs credentials-file or credentials-env"));
        CHECK(says(refusal(door + camera + "user = \"root\"\n"), "[[live-sum]] 1 (line 8): unknown setting 'user'"));
        CHECK(says(refusal(door + camera + "credentials-file = \"a\"\ncredentials-env = \"B\"\n"), "not both"));
        // The camera's answer names a counter: without [[line]] entries nothing could map it.
        CHECK(says(refusal(camera), "[[live-sum]] cameras answer for [[line]] entries, and there are none"));
    }
    TEST_CASE("the shipped example polls both doors of Vänthallen") {
        auto cfg = load_counters_config(std::string(PLATSLAGE_SOURCE_DIR) + "/sensors/counters.toml", maps());
        REQUIRE(cfg.live_sum.size() == 2);
        CHECK(cfg.live_sum[0].target == "/local/tvpc/.api?live-sum.json");
        CHECK(cfg.live_sum[0].every == 60s);
        CHECK(cfg.live_sum[1].origin != cfg.live_sum[0].origin);
    }
    TEST_CASE("--http-listen takes HOST:PORT") {
        CHECK(split_listen_address("127.0.0.1:8088") == std::pair<std::string, int>{"127.0.0.1", 8088});
        CHECK(split_listen_address("0.0.0.0:1")->second == 1);
        CHECK_FALSE(split_listen_address("127.0.0.1"));
        CHECK_FALSE(split_listen_address("127.0.0.1:"));
        CHECK_FALSE(split_listen_address("127.0.0.1:65536"));
        CHECK_FALSE(split_listen_address(":8088"));
        CHECK_FALSE(split_listen_address("127.0.0.1:80x"));
        CHECK_FALSE(split_listen_address("a b:80"));
    }
}

TEST_SUITE("live sum over HTTP: polling") {
    TEST_CASE("every camera is asked at start, then once per its own period") {
        PollSchedule s({60s, 10s}, at_s(0));
        CHECK(s.take_due(at_s(0)) == std::vector<std::size_t>{0, 1});
        CHECK(s.take_due(at_s(0)).empty());
        CHECK(s.next_due() == at_s(10));
        CHECK(s.take_due(at_s(9)).empty());
        CHECK(s.take_due(at_s(10)) == std::vector<std::size_t>{1});
        CHECK(s.take_due(at_s(20)) == std::vector<std::size_t>{1});
        CHECK(s.take_due(at_s(60)) == std::vector<std::size_t>{0, 1}); // its turns do not drift
        CHECK(s.next_due() == at_s(70));
    }
    TEST_CASE("a turn missed while another camera timed out is taken once, late, not as a burst") {
        PollSchedule s({10s}, at_s(0));
        s.take_due(at_s(0));
        CHECK(s.take_due(at_s(35)) == std::vector<std::size_t>{0});
        CHECK(s.take_due(at_s(35)).empty());
        CHECK(s.next_due() == at_s(45));
    }
    TEST_CASE("an outage is worth a log line when it starts, when its reason changes, and when it ends") {
        CameraOutage o;
        CHECK_FALSE(o.answered(at_s(0))); // answering all along: nothing to say
        CHECK(o.failed("timeout", at_s(60)));
        CHECK_FALSE(o.failed("timeout", at_s(120)));
        CHECK_FALSE(o.failed("timeout", at_s(180)));
        CHECK(o.out());
        CHECK(o.failed("http_status", at_s(240))); // it answers now, with 500s: other trouble
        CHECK_FALSE(o.failed("http_status", at_s(300)));
        auto ended = o.answered(at_s(360));
        REQUIRE(ended);
        CHECK(ended->failed_polls == 5);
        CHECK(ended->lasted == 300s);
        CHECK_FALSE(o.out());
        CHECK(o.failed("timeout", at_s(420))); // a new outage is logged again
    }
    TEST_CASE("a camera's answer: 200 is read, anything else says why there is no live sum") {
        LiveSumAnswer ok{LiveSumAnswer::Transport::answered, "", 200, live_sum("20261124231500", 1, 2)};
        auto body = read_live_sum_answer(ok);
        REQUIRE(std::holds_alternative<std::string>(body));
        CHECK(std::get<std::string>(body) == ok.body);
        auto failure = [](LiveSumAnswer a) {
            auto r = read_live_sum_answer(std::move(a));
            REQUIRE(std::holds_alternative<PollFailed>(r));
            return std::get<PollFailed>(r);
        };
        CHECK(failure({LiveSumAnswer::Transport::answered, "", 500, "oops"}).failure == PollFailure::http_status);
        CHECK(says(failure({LiveSumAnswer::Transport::answered, "", 500, "oops"}).detail, "HTTP 500"));
        CHECK(says(failure({LiveSumAnswer::Transport::answered, "", 401, ""}).detail, "credentials"));
        CHECK(says(failure({LiveSumAnswer::Transport::answered, "", 404, ""}).detail, "AXIS People Counter installed"));
        CHECK(failure({LiveSumAnswer::Transport::timeout, "Read", 0, ""}).failure == PollFailure::timeout);
        CHECK(failure({LiveSumAnswer::Transport::unreachable, "Connection", 0, ""}).failure == PollFailure::unreachable);
        auto big = read_live_sum_answer({LiveSumAnswer::Transport::too_large, "Canceled", 0, ""});
        REQUIRE(std::holds_alternative<Rejection>(big));
        CHECK(std::get<Rejection>(big).reason == RejectReason::oversize);

        PollFailureCounters counts;
        CHECK(counts.summary() == "none");
        counts.count(PollFailure::http_status);
        counts.count(PollFailure::timeout);
        counts.count(PollFailure::http_status);
        CHECK(counts.total() == 3);
        CHECK(counts.summary() == "timeout=1 http_status=2");
    }
}

TEST_SUITE("live sum over HTTP: readings") {
    TEST_CASE("polled or pushed, a live sum counts like any line: baseline, entries minus exits, a reset mid-day") {
        auto cfg = load(door);
        CounterRouter router(cfg, "xovis/#");
        auto now = utc("2026-11-24T12:00:00Z");
        auto first = router.route_live_sum(live_sum("20261124123000", 100, 40), now);
        REQUIRE(first.refused.empty());
        REQUIRE(first.samples.size() == 1);
        CHECK(first.samples[0].count == 0);
        CHECK(first.samples[0].zone == "cityterminalen.vanthall");
        CHECK(first.samples[0].sensor == "axis-exit-south");
        CHECK(first.samples[0].ts == utc("2026-11-24T11:30:00Z"));
        CHECK(router.route_live_sum(live_sum("20261124123100", 112, 43), now).samples[0].count == 9);
        // The camera restarted: its totals begin again, and it has counted 3 in, 1 out since.
        CHECK(router.route_live_sum(live_sum("20261124123200", 3, 1), now).samples[0].count == 11);
    }
    TEST_CASE("a live sum that cannot be counted is refused with its reason, and a push is answered 400") {
        auto cfg = load(door);
        CounterRouter router(cfg, "xovis/#");
        auto now = utc("2026-11-24T12:00:00Z");
        auto garbage = router.route_live_sum("<html>Internal error</html>", now);
        REQUIRE(garbage.refused.size() == 1);
        CHECK(garbage.refused[0].reason == RejectReason::malformed_json);
        auto verdict = push_verdict(garbage);
        CHECK(verdict.status == 400);
        CHECK(says(verdict.body, "refused (malformed_json): "));
        CHECK(verdict.body.find('\n') == verdict.body.size() - 1); // one line
        auto other = router.route_live_sum(live_sum("20261124123000", 1, 1, "Exit north"), now);
        CHECK(other.refused[0].reason == RejectReason::unknown_sensor);
        CHECK(says(push_verdict(other).body, "refused (unknown_sensor): line 'Exit north'"));
        // A camera clock far ahead would hold back every later reading of the zone.
        auto ahead = router.route_live_sum(live_sum("20261124140000", 1, 1), now);
        CHECK(ahead.refused[0].reason == RejectReason::bad_timestamp);
        auto taken = router.route_live_sum(live_sum("20261124123000", 1, 1), now);
        CHECK(push_verdict(taken).status == 204);
        CHECK(push_verdict(taken).body.empty());
    }
}
