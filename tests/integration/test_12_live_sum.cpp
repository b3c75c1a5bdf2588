// AXIS People Counter live sums over HTTP through the real adapter, both ways the cameras
// can deliver them. Polled: the test plays a camera (an HTTP server on loopback answering
// GET /local/tvpc/.api?live-sum.json) whose answers go from the documented payload through a
// reset mid-day to garbage and to HTTP 500 and back; platslage-counters polls it every second
// and the zone's count is read back from a real hub as a console reads it; a camera that asks
// for a login by basic or digest authentication gets it. Pushed: the test
// POSTs live sums to the adapter's --http-listen and reads the answers and the zone's count.
#include "system_under_test.hpp"

#include "stockholm_time.hpp"

#include <doctest/doctest.h>
#include <httplib.h>
#include <openssl/evp.h>

#include <csignal>
#include <fstream>
#include <mutex>
#include <cstdio>
#include <map>
#include <optional>
#include <regex>
#include <thread>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {
const std::string counters_config = R"(
[[line]]
device = "00408CAC512B"
line = "Exit south"
sensor = "axis-exit-south"
zone = "cityterminalen.vanthall"
)";

// The documented payload at the camera's clock: Stockholm local time, no offset.
std::string live_sum(int in, int out, const std::string& name = "Exit south") {
    using namespace std::chrono;
    auto now = floor<seconds>(system_clock::now());
    auto local = now + stockholm_offset(time_point_cast<Millis>(now));
    auto day = floor<days>(local);
    year_month_day date{day};
    hh_mm_ss clock{local - day};
    char stamp[80]; // room for any int, so the compiler can prove nothing is cut
    std::snprintf(stamp, sizeof stamp, "%04d%02u%02u%02d%02d%02d", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
                  static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
    return R"({"serial":"00408CAC512B","name":")" + name + R"(","timestamp":")" + std::string(stamp) + R"(","in":)" +
           std::to_string(in) + R"(,"out":)" + std::to_string(out) + "}";
}

std::string md5_hex(const std::string& text) {
    unsigned char sum[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_Digest(text.data(), text.size(), sum, &n, EVP_md5(), nullptr) != 1) throw std::runtime_error("no MD5");
    std::string hex;
    for (unsigned int i = 0; i < n; ++i) {
        char two[3];
        std::snprintf(two, sizeof two, "%02x", sum[i]);
        hex += two;
    }
    return hex;
}

// The camera's side of HTTP digest authentication with qop=auth (RFC 7616, MD5 as VAPIX
// offers it): a challenge with a nonce, and a check of the answer the client computed from
// the password it never sends.
struct DigestLogin {
    std::string user, password;
    std::string realm = "AXIS_ACCC8E000000";
    std::string nonce = "0000d6a1Y2FtZXJhLW5vbmNl";

    std::string challenge() const {
        return "Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=MD5, qop=\"auth\"";
    }
    bool accepts(const std::string& method, const std::string& authorization) const {
        if (authorization.rfind("Digest ", 0) != 0) return false;
        std::map<std::string, std::string> f;
        static const std::regex field(R"re((\w+)=(?:"([^"]*)"|([^,\s]*)))re");
        for (auto it = std::sregex_iterator(authorization.begin(), authorization.end(), field); it != std::sregex_iterator(); ++it)
            f[(*it)[1]] = (*it)[2].matched ? (*it)[2].str() : (*it)[3].str();
        if (f["username"] != user || f["realm"] != realm || f["nonce"] != nonce || f["qop"] != "auth") return false;
        auto ha1 = md5_hex(user + ":" + realm + ":" + password);
        auto ha2 = md5_hex(method + ":" + f["uri"]);
        return f["response"] == md5_hex(ha1 + ":" + nonce + ":" + f["nc"] + ":" + f["cnonce"] + ":auth:" + ha2);
    }
};

// A camera running AXIS People Counter, as far as the adapter can tell: it answers every GET
// of its live sum with what the test last told it to, and counts what it served.
class Camera {
public:
    Camera() : port_(free_port()) {
        server_.Get("/local/tvpc/.api", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(mutex_);
            if (!req.has_param("live-sum.json")) {
                res.status = 404;
                return;
            }
            if (!authorization_.empty() && req.get_header_value("Authorization") != authorization_) {
                ++served_["401"];
                res.status = 401;
                res.set_header("WWW-Authenticate", "Basic realm=\"AXIS_ACCC8E000000\"");
                return;
            }
            if (digest_ && !digest_->accepts(req.method, req.get_header_value("Authorization"))) {
                ++served_["401"];
                res.status = 401;
                res.set_header("WWW-Authenticate", digest_->challenge());
                return;
            }
            ++served_[label_];
            res.status = status_;
            res.set_content(body_, status_ == 200 && body_.front() == '{' ? "application/json" : "text/html");
        });
        if (!server_.bind_to_port("127.0.0.1", port_)) throw std::runtime_error("the test camera cannot listen");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~Camera() {
        server_.stop();
        thread_.join();
    }
    // From now on, answer with this; `kind` names the answers for counting them.
    void answer(int status, std::string body, const std::string& kind = "live sum") {
        std::lock_guard lock(mutex_);
        status_ = status;
        body_ = std::move(body);
        label_ = kind;
    }
    // From now on, answer only requests with this Authorization header.
    void require(std::string authorization) {
        std::lock_guard lock(mutex_);
        authorization_ = std::move(authorization);
    }
    // From now on, answer only requests that prove these credentials by digest (RFC 7616),
    // as a camera does in its default setting.
    void require_digest(std::string user, std::string password) {
        std::lock_guard lock(mutex_);
        digest_ = DigestLogin{std::move(user), std::move(password)};
    }
    // Answers of this kind served so far.
    int served(const std::string& kind) {
        std::lock_guard lock(mutex_);
        return served_[kind];
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/local/tvpc/.api?live-sum.json"; }

private:
    int port_;
    httplib::Server server_;
    std::thread thread_;
    std::mutex mutex_;
    int status_ = 503;
    std::string body_ = "starting";
    std::string label_ = "starting";
    std::string authorization_;
    std::optional<DigestLogin> digest_;
    std::map<std::string, int> served_;
};

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

// A number from the adapter's last summary line ("... refused=2 (...)").
std::int64_t summary_value(const std::string& log, const std::string& key) {
    std::smatch m;
    std::int64_t value = -1;
    std::regex pattern("counters: messages=.* " + key + "=([0-9]+)");
    for (auto it = std::sregex_iterator(log.begin(), log.end(), pattern); it != std::sregex_iterator(); ++it)
        value = std::stoll((*it)[1]);
    return value;
}

struct Site {
    TempDir dir{"platslage-it12"};
    Broker broker{dir.path()};
    Hub hub{dir.path(), broker.url()};
    zmq::context_t ctx{1};
    std::unique_ptr<Subscriber> console;
    int runs = 0;

    std::unique_ptr<ChildProcess> counters(const std::string& config_text, std::vector<std::string> extra = {}) {
        auto config = dir.path() / "counters.toml";
        std::ofstream(config) << config_text;
        std::vector<std::string> argv{PLATSLAGE_COUNTERS_BIN, "--config", config.string(), "--maps", PLATSLAGE_MAPS_DIR,
                                      "--mqtt", broker.url(), "--mqtt-client-id", "platslage-counters-it12",
                                      "--ingest", loopback(hub.ports().ingest), "--summary-every-s", "0",
                                      "--log-level", "debug", "--key", key_file("sensor"), "--hub-key", hub_key_file(),
                                      "--state", (dir.path() / "counters.state.json").string()};
        auto login = TestSite::get().login_args("counters");
        argv.insert(argv.end(), login.begin(), login.end());
        argv.insert(argv.end(), extra.begin(), extra.end());
        auto p = std::make_unique<ChildProcess>(argv, dir.path() / ("counters-" + std::to_string(++runs) + ".log"));
        console = std::make_unique<Subscriber>(ctx, hub.ports());
        return p;
    }
    // Vänthallen as the hub's live picture has it.
    nlohmann::json hall() {
        console->pump(20ms);
        auto it = console->replica().entries().find("zone/cityterminalen.vanthall");
        return it == console->replica().entries().end() ? nlohmann::json() : nlohmann::json::parse(it->second);
    }
};
} // namespace

TEST_CASE("live sums polled over HTTP set the zone's count; garbage and HTTP 500 are refused, counted and logged once") {
    Site site;
    Camera camera;
    camera.answer(200, live_sum(100, 40)); // the first totals heard are the baseline
    auto counters = site.counters(counters_config + "[[live-sum]]\nurl = \"" + camera.url() + "\"\nevery-s = 1\ntimeout-s = 1\n");
    auto log = [&] { return counters->log_text(); };
    REQUIRE_MESSAGE(eventually([&] { return site.hall()["occupancy"] == 0 && site.hall()["sensor"] == "ok"; }, 10s), log());

    camera.answer(200, live_sum(112, 43)); // 12 in, 3 out
    CHECK_MESSAGE(eventually([&] { return site.hall()["occupancy"] == 9; }, 5s), log());
    camera.answer(200, live_sum(3, 1)); // the camera restarted mid-day: 3 in and 1 out since
    CHECK_MESSAGE(eventually([&] { return site.hall()["occupancy"] == 11; }, 5s), log());

    // Garbage, on several polls: refused and counted every time, logged once.
    camera.answer(200, "<html><body>Application error</body></html>", "garbage");
    REQUIRE(eventually([&] { return camera.served("garbage") >= 3; }, 8s));
    // Then the camera fails outright for a while: one line for the outage, not one per poll.
    camera.answer(500, "Internal Server Error", "500");
    REQUIRE(eventually([&] { return camera.served("500") >= 3; }, 8s));
    CHECK(counters->running());
    // Answering again: the outage's end is logged, and the count goes on from the new totals.
    camera.answer(200, live_sum(5, 1)); // 2 more in since the restart
    CHECK_MESSAGE(eventually([&] { return site.hall()["occupancy"] == 13; }, 5s), log());
    CHECK(eventually([&] { return log().find("answers again, after") != std::string::npos; }, 3s));
    CHECK(site.hall()["sensor"] == "ok");

    counters->signal(SIGTERM);
    CHECK(counters->wait(8s) == 0);
    auto text = log();
    INFO(text);
    CHECK(occurrences(text, "refused (malformed_json) from") == 1);
    CHECK(occurrences(text, "does not answer (http_status): HTTP 500 (logged again when this changes)") == 1);
    CHECK(occurrences(text, "refused again (malformed_json)") >= 2); // the rest at debug level only
    CHECK(occurrences(text, "still does not answer (http_status)") >= 2);
    // Counted every time: each garbage answer the camera served was one refusal, each 500 one failed poll.
    CHECK(summary_value(text, "refused") == camera.served("garbage"));
    CHECK(text.find("(malformed_json=" + std::to_string(camera.served("garbage")) + ")") != std::string::npos);
    CHECK(summary_value(text, "poll_failed") == camera.served("500"));
    CHECK(text.find("(http_status=" + std::to_string(camera.served("500")) + ")") != std::string::npos);
    // Every sample sent reached the hub's event log.
    auto sent = summary_value(text, "samples_sent");
    CHECK(sent >= 4);
    CHECK(eventually([&] { return sql_count(site.hub.db(), "SELECT count(*) FROM events WHERE kind='occupancy'") == sent; }, 3s));
}

TEST_CASE("a camera that asks for a login is polled with the credentials from their file, which never reach the log") {
    Site site;
    Camera camera;
    camera.answer(200, live_sum(10, 4));
    // "counter-reader:Vh-2026!" in base64, as a camera set to basic authentication expects it.
    camera.require("Basic Y291bnRlci1yZWFkZXI6VmgtMjAyNiE=");
    auto secret = site.dir.path() / "camera-credentials";
    std::ofstream(secret) << "counter-reader:Vh-2026!\n";
    std::filesystem::permissions(secret, std::filesystem::perms(0600));
    auto entry = "[[live-sum]]\nurl = \"" + camera.url() + "\"\nevery-s = 1\ntimeout-s = 1\nauth = \"basic\"\n";
    auto counters = site.counters(counters_config + entry + "credentials-file = \"" + secret.string() + "\"\n");
    REQUIRE_MESSAGE(eventually([&] { return site.hall()["sensor"] == "ok" && camera.served("live sum") >= 1; }, 10s),
                    counters->log_text());
    CHECK(camera.served("401") == 0);
    counters->signal(SIGTERM);
    CHECK(counters->wait(8s) == 0);
    CHECK(counters->log_text().find("Vh-2026") == std::string::npos);

    // Wrong credentials: the camera says 401, and the log says what that means.
    std::ofstream(secret) << "counter-reader:wrong-Pw\n";
    auto refused = site.counters(counters_config + entry + "credentials-file = \"" + secret.string() + "\"\n");
    CHECK(eventually([&] { return camera.served("401") >= 2; }, 8s));
    refused->signal(SIGTERM);
    CHECK(refused->wait(8s) == 0);
    auto text = refused->log_text();
    INFO(text);
    CHECK(occurrences(text, "live-sum.json does not answer (http_status): HTTP 401: the camera refuses the adapter's credentials") == 1);
    CHECK(text.find("wrong-Pw") == std::string::npos);
    CHECK(text.find("Vh-2026") == std::string::npos);
    CHECK(text.find("(basic auth)") != std::string::npos);
}

TEST_CASE("a camera set to digest authentication, as cameras are by default, gets the digest; the password never travels or reaches the log") {
    Site site;
    Camera camera;
    camera.answer(200, live_sum(12, 5));
    camera.require_digest("counter-reader", "Vh-2026!");
    auto secret = site.dir.path() / "camera-credentials";
    std::ofstream(secret) << "counter-reader:Vh-2026!\n";
    std::filesystem::permissions(secret, std::filesystem::perms(0600));
    // No auth line: digest is what the adapter does unless told otherwise.
    auto entry = "[[live-sum]]\nurl = \"" + camera.url() + "\"\nevery-s = 1\ntimeout-s = 1\n";
    auto counters = site.counters(counters_config + entry + "credentials-file = \"" + secret.string() + "\"\n");
    REQUIRE_MESSAGE(eventually([&] { return site.hall()["occupancy"] == 0 && site.hall()["sensor"] == "ok"; }, 10s),
                    counters->log_text()); // the first totals heard are the baseline
    camera.answer(200, live_sum(20, 6));     // 8 in, 1 out
    CHECK_MESSAGE(eventually([&] { return site.hall()["occupancy"] == 7; }, 5s), counters->log_text());
    // Each poll is first refused with the challenge, then answered: never a live sum without the proof.
    CHECK(camera.served("401") >= camera.served("live sum"));
    counters->signal(SIGTERM);
    CHECK(counters->wait(8s) == 0);
    auto text = counters->log_text();
    CHECK(text.find("Vh-2026") == std::string::npos);
    CHECK(text.find("(digest auth)") != std::string::npos);

    // A wrong password: the camera keeps refusing, and nothing is counted from it.
    std::ofstream(secret) << "counter-reader:wrong-Pw\n";
    int served_before = camera.served("live sum");
    auto refused = site.counters(counters_config + entry + "credentials-file = \"" + secret.string() + "\"\n");
    CHECK(eventually([&] { return camera.served("401") >= served_before + 4; }, 8s));
    refused->signal(SIGTERM);
    CHECK(refused->wait(8s) == 0);
    CHECK(camera.served("live sum") == served_before);
    auto refused_text = refused->log_text();
    INFO(refused_text);
    CHECK(occurrences(refused_text, "the camera refuses the adapter's credentials") == 1);
    CHECK(refused_text.find("wrong-Pw") == std::string::npos);
}

TEST_CASE("live sums pushed to --http-listen: 204 when taken, 400 with the reason when refused, 413 when too large") {
    Site site;
    int port = free_port();
    auto counters = site.counters(counters_config, {"--http-listen", "127.0.0.1:" + std::to_string(port)});
    auto log = [&] { return counters->log_text(); };
    REQUIRE_MESSAGE(eventually([&] { return port_accepts(port); }, 10s), log());
    CHECK(log().find("come over HTTP only") == std::string::npos); // the [[line]] entries can be heard

    httplib::Client camera("127.0.0.1", port);
    camera.set_read_timeout(5s);
    auto post = [&](const std::string& body) { return camera.Post("/axis/live-sum", body, "application/json"); };
    auto r = post(live_sum(100, 40));
    REQUIRE(r);
    CHECK(r->status == 204);
    REQUIRE_MESSAGE(eventually([&] { return site.hall()["occupancy"] == 0; }, 5s), log());
    r = post(live_sum(112, 43));
    REQUIRE(r);
    CHECK(r->status == 204);
    CHECK_MESSAGE(eventually([&] { return site.hall()["occupancy"] == 9; }, 5s), log());

    r = post("not a live sum");
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(r->body.rfind("refused (malformed_json): ", 0) == 0);
    CHECK(r->body.find('\n') == r->body.size() - 1);
    r = post(live_sum(120, 43, "Exit north"));
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(r->body.rfind("refused (unknown_sensor): line 'Exit north'", 0) == 0);
    r = post(std::string(5000, ' ') + live_sum(120, 43));
    REQUIRE(r);
    CHECK(r->status == 413);
    r = camera.Post("/axis/other", live_sum(120, 43), "application/json");
    REQUIRE(r);
    CHECK(r->status == 404);
    CHECK(site.hall()["occupancy"] == 9); // nothing refused moved the count

    counters->signal(SIGTERM);
    CHECK(counters->wait(8s) == 0);
    auto text = log();
    INFO(text);
    CHECK(text.find("counters: messages=5 samples_sent=2") != std::string::npos);
    CHECK(text.find("refused=3 (malformed_json=1 oversize=1 unknown_sensor=1)") != std::string::npos);
    CHECK(text.find("polls=") == std::string::npos); // no cameras to poll, nothing to say about polls
}

TEST_CASE("a camera whose clock says 2017 is refused by the hub and shown with a wrong clock, until its clock is right") {
    Site site;
    int port = free_port();
    auto counters = site.counters(counters_config, {"--http-listen", "127.0.0.1:" + std::to_string(port)});
    REQUIRE_MESSAGE(eventually([&] { return port_accepts(port); }, 10s), counters->log_text());
    httplib::Client camera("127.0.0.1", port);
    camera.set_read_timeout(5s);
    auto post = [&](const std::string& body) { return camera.Post("/axis/live-sum", body, "application/json"); };

    // Axis's own example, as a camera still at that date sends it: in 2017.
    auto r = post(R"({"serial":"00408CAC512B","name":"Exit south","timestamp":"20170503112756","in":112,"out":43})");
    REQUIRE(r);
    CHECK(r->status == 204); // the adapter passes the camera's time on; the hub judges it
    CHECK_MESSAGE(eventually([&] { return site.hall()["sensor"] == "clock_wrong"; }, 5s), site.hub.process().log_text());
    CHECK(site.hall()["measured"].is_null()); // nothing from 2017 was taken as the zone's count
    auto hub_log = site.hub.process().log_text();
    CHECK(hub_log.find("bad_timestamp: counter 'axis-exit-south' in zone 'cityterminalen.vanthall': field 'ts' lies 9 years "
                       "behind the hub's clock, so it is not the zone's count now; check the counter's clock") !=
          std::string::npos);

    r = post(live_sum(130, 45)); // the clock set right: 18 in and 2 out since the totals it had
    REQUIRE(r);
    CHECK_MESSAGE(eventually([&] { return site.hall()["sensor"] == "ok"; }, 5s), counters->log_text());
    CHECK(site.hall()["occupancy"] == 16);
}

TEST_CASE("a restart of the adapter mid-day keeps the zone's count: killed or stopped, it counts on from its state file") {
    Site site;
    int port = free_port();
    auto listen = std::vector<std::string>{"--http-listen", "127.0.0.1:" + std::to_string(port)};
    auto counters = site.counters(counters_config, listen);
    REQUIRE_MESSAGE(eventually([&] { return port_accepts(port); }, 10s), counters->log_text());
    auto post = [&](const std::string& body) {
        httplib::Client camera("127.0.0.1", port);
        camera.set_read_timeout(5s);
        auto r = camera.Post("/axis/live-sum", body, "application/json");
        return r ? r->status : 0;
    };
    CHECK(post(live_sum(100, 40)) == 204);
    CHECK(post(live_sum(130, 45)) == 204); // 30 in, 5 out
    REQUIRE_MESSAGE(eventually([&] { return site.hall()["occupancy"] == 25; }, 5s), counters->log_text());
    auto state = site.dir.path() / "counters.state.json";
    // Saved within a second of the reading; then killed without a chance to save again.
    REQUIRE(eventually([&] { return std::filesystem::exists(state) && file_text(state).find("130") != std::string::npos; }, 5s));
    counters->signal(SIGKILL);
    counters->wait(5s);

    counters = site.counters(counters_config, listen);
    REQUIRE_MESSAGE(eventually([&] { return port_accepts(port); }, 10s), counters->log_text());
    CHECK(counters->log_text().find("baselines and counts restored") != std::string::npos);
    CHECK(post(live_sum(134, 47)) == 204); // 4 in, 2 out since the totals before the kill
    CHECK_MESSAGE(eventually([&] { return site.hall()["occupancy"] == 27; }, 5s), counters->log_text());

    counters->signal(SIGTERM); // a clean stop saves what came last
    CHECK(counters->wait(8s) == 0);
    counters = site.counters(counters_config, listen);
    REQUIRE_MESSAGE(eventually([&] { return port_accepts(port); }, 10s), counters->log_text());
    CHECK(post(live_sum(135, 47)) == 204);
    CHECK_MESSAGE(eventually([&] { return site.hall()["occupancy"] == 28; }, 5s), counters->log_text());

    // A state file that is not one: said, and counting starts afresh rather than not at all.
    counters->signal(SIGTERM);
    CHECK(counters->wait(8s) == 0);
    std::ofstream(state, std::ios::trunc) << "{\"version\": 1, \"lines\": 7}";
    counters = site.counters(counters_config, listen);
    REQUIRE_MESSAGE(eventually([&] { return port_accepts(port); }, 10s), counters->log_text());
    CHECK(counters->log_text().find("starting afresh (line-counted zones count from 0)") != std::string::npos);
    CHECK(post(live_sum(140, 47)) == 204);
    CHECK_MESSAGE(eventually([&] { return site.hall()["occupancy"] == 0; }, 5s), counters->log_text());
}
