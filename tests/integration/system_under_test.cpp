#include "system_under_test.hpp"

#include "hub_requests.hpp"
#include "secret_file.hpp"
#include "time_text.hpp"
#include "zmq_frames.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <unistd.h>
#include <stdexcept>
#include <thread>

namespace platslage::test {

Broker::Broker(const std::filesystem::path& dir, std::vector<std::string> without, std::filesystem::path certs)
    : port_(free_port()), tls_port_(free_port()) {
    const auto& site = TestSite::get();
    auto data = dir / "mosquitto";
    std::filesystem::create_directories(data);
    std::filesystem::copy_file(site.dynsec_template, data / "dynamic-security.json",
                               std::filesystem::copy_options::overwrite_existing);
    auto conf = data / "mosquitto.conf";
    // The settings the demo and a deployment use (deploy/mosquitto.conf.in), on a free port.
    std::ifstream in(PLATSLAGE_BROKER_CONF);
    if (!in) throw std::runtime_error(std::string("cannot read ") + PLATSLAGE_BROKER_CONF);
    std::ofstream out(conf);
    const std::string user = ::getuid() == 0 ? "root" : "";
    for (std::string line; std::getline(in, line);) {
        auto replace = [&](const std::string& from, const std::string& to) {
            for (auto at = line.find(from); at != std::string::npos; at = line.find(from, at + to.size())) line.replace(at, from.size(), to);
        };
        replace("@PORT@", std::to_string(port_));
        replace("@TLS_PORT@", std::to_string(tls_port_));
        replace("@TLS_BIND@", "127.0.0.1");
        replace("@CERTS@", certs.empty() ? site.certs.string() : certs.string());
        replace("@DYNSEC@", PLATSLAGE_DYNSEC_PLUGIN);
        replace("@DATA@", data.string());
        if (line.rfind("user ", 0) == 0 && user.empty()) continue; // not root: mosquitto stays who we are
        replace("@USER@", user);
        bool dropped = false;
        for (const auto& option : without) dropped = dropped || line.rfind(option + " ", 0) == 0;
        if (!dropped) out << line << "\n";
        else if (line.rfind("allow_anonymous ", 0) == 0) out << "allow_anonymous true\n";
    }
    out.close();
    data_ = data;
    start();
}

void Broker::start() {
    process_ = std::make_unique<ChildProcess>(std::vector<std::string>{"/usr/sbin/mosquitto", "-c", (data_ / "mosquitto.conf").string()},
                                              data_ / "mosquitto.out");
    if (!eventually([&] { return port_accepts(port_) && port_accepts(tls_port_); })) {
        std::ifstream log(data_ / "mosquitto.log");
        throw std::runtime_error("mosquitto did not start: " + process_->log_text() +
                                 std::string(std::istreambuf_iterator<char>(log), {}));
    }
}

void Broker::restart(int sig, std::chrono::milliseconds down) {
    process_->signal(sig);
    if (process_->wait(std::chrono::seconds(10)) == INT_MIN) throw std::runtime_error("mosquitto did not stop");
    std::this_thread::sleep_for(down);
    start();
}

DynsecAdmin Broker::admin() const {
    MqttSessionOptions o;
    o.uri = loopback_url();
    o.username = "admin";
    o.password = read_secret_file(TestSite::get().admin_password);
    return DynsecAdmin(o);
}

Hub::Hub(const std::filesystem::path& dir, const std::string& mqtt_url, HubPorts ports, std::vector<std::string> extra)
    : dir_(dir), db_(dir / "platslage.db"), mqtt_(mqtt_url), ports_(ports), extra_(std::move(extra)) {
    // A test may put the database elsewhere (on a disk of its own) with --db in `extra`.
    if (auto at = std::find(extra_.begin(), extra_.end(), "--db"); at != extra_.end() && std::next(at) != extra_.end()) {
        db_ = *std::next(at);
        extra_.erase(at, std::next(at, 2));
    }
    // And other maps than the stations' own (copies with new ids, for a benchmark).
    if (auto at = std::find(extra_.begin(), extra_.end(), "--maps"); at != extra_.end() && std::next(at) != extra_.end()) {
        maps_ = *std::next(at);
        extra_.erase(at, std::next(at, 2));
    }
    start();
}

Hub::~Hub() = default;

void Hub::start() {
    process_.reset(); // a previous run ends first (SIGTERM, by PID)
    // PLATSLAGE_TEST_HUB runs the same tests against another build of the hub (the sanitized
    // one in scripts/test).
    const char* other = std::getenv("PLATSLAGE_TEST_HUB");
    std::vector<std::string> argv{other && *other ? other : PLATSLAGE_HUB_BIN,
                                  "--db", db_.string(),
                                  "--maps", maps_,
                                  "--mqtt", mqtt_,
                                  "--mqtt-client-id", "platslage-hub-test",
                                  "--ingest", loopback(ports_.ingest),
                                  "--pub", loopback(ports_.pub),
                                  "--router", loopback(ports_.router),
                                  "--heartbeat-ms", "200",
                                  "--status-every-s", "0"};
    // Secured as a deployment is: its broker login and CA, its keys and the admitted folder;
    // unless the test asks for a hub without security.
    if (secured()) {
        const auto& site = TestSite::get();
        auto login = site.login_args("hub");
        argv.insert(argv.end(), login.begin(), login.end());
        argv.insert(argv.end(), {"--keys", site.hub_keys.string()});
    }
    argv.insert(argv.end(), extra_.begin(), extra_.end());
    // A test reads the hub's debug log when it fails; a benchmark asks for less.
    if (std::find(extra_.begin(), extra_.end(), "--log-level") == extra_.end()) argv.insert(argv.end(), {"--log-level", "debug"});
    process_ = std::make_unique<ChildProcess>(argv, dir_ / ("hub-" + std::to_string(++starts_) + ".log"));
    bool up = eventually([&] {
        try {
            status();
            return true;
        } catch (const std::exception&) {
            return false;
        }
    });
    if (!up) throw std::runtime_error("the hub did not start: " + process_->log_text());
}

bool Hub::secured() const {
    return std::find(extra_.begin(), extra_.end(), "--insecure-development") == extra_.end();
}

HubEndpoints Hub::endpoints(const std::string& key) const {
    if (!secured()) return HubEndpoints{loopback(ports_.router), loopback(ports_.pub), std::nullopt};
    return HubEndpoints{loopback(ports_.router), loopback(ports_.pub), TestSite::get().keys(key)};
}

nlohmann::json Hub::status(std::chrono::milliseconds wait) {
    zmq::context_t ctx(1);
    HubRequests hub(ctx, endpoints("viewer-1"));
    auto reply = hub.ask(encode_status_request(), wait);
    if (!reply) throw std::runtime_error("no STATUS reply");
    if (!*reply || reply->value().kind != Reply::Kind::status) throw std::runtime_error("bad STATUS reply");
    return nlohmann::json::parse(reply->value().text);
}

Reply Hub::command(const nlohmann::json& cmd) {
    std::string key = "kc-1";
    if (auto by = cmd.find("by"); by != cmd.end() && by->is_string() &&
                                  std::filesystem::exists(TestSite::get().card(by->get<std::string>())))
        key = by->get<std::string>();
    return command(cmd, key);
}

Reply Hub::command(const nlohmann::json& cmd, const std::string& key) {
    zmq::context_t ctx(1);
    HubRequests hub(ctx, endpoints(key));
    auto reply = hub.ask(encode_command_request(cmd.dump()), std::chrono::milliseconds(2000));
    if (!reply) throw std::runtime_error("no reply to COMMAND");
    if (!*reply) throw std::runtime_error("bad reply to COMMAND");
    return reply->value();
}

bool Hub::wait_mqtt_up() {
    return eventually([&] { return status()["mqtt"] == "connected"; });
}

namespace {
// The first column of the first row, read by `read`; `none` when there is no row.
template <class T, class F>
T sql_first(const std::filesystem::path& db, const std::string& sql, T none, F read) {
    sqlite3* h = nullptr;
    if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(h);
        return none;
    }
    sqlite3_busy_timeout(h, 2000);
    sqlite3_stmt* st = nullptr;
    T v = none;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) v = read(st);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}
} // namespace

std::int64_t sql_count(const std::filesystem::path& db, const std::string& sql) {
    return sql_first<std::int64_t>(db, sql, -1, [](sqlite3_stmt* st) { return sqlite3_column_int64(st, 0); });
}

std::string sql_text(const std::filesystem::path& db, const std::string& sql) {
    return sql_first<std::string>(db, sql, "", [](sqlite3_stmt* st) {
        auto p = sqlite3_column_text(st, 0);
        return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
    });
}

std::vector<std::string> sql_texts(const std::filesystem::path& db, const std::string& sql) {
    std::vector<std::string> out;
    sqlite3* h = nullptr;
    if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(h, 2000);
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK)
            while (sqlite3_step(st) == SQLITE_ROW) {
                auto p = sqlite3_column_text(st, 0);
                out.emplace_back(p ? reinterpret_cast<const char*>(p) : "");
            }
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
    return out;
}

void run_sql(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* conn = nullptr;
    if (sqlite3_open_v2(db.c_str(), &conn, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(conn);
        throw std::runtime_error("cannot open " + db.string());
    }
    sqlite3_busy_timeout(conn, 5000);
    char* err = nullptr;
    int rc = sqlite3_exec(conn, sql.c_str(), nullptr, nullptr, &err);
    std::string why = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(conn);
    if (rc != SQLITE_OK) throw std::runtime_error("SQL failed: " + why);
}

TimePoint wall_now() {
    return TimePoint{std::chrono::duration_cast<Millis>(std::chrono::system_clock::now().time_since_epoch())};
}

Subscriber::Subscriber(zmq::context_t& ctx, const HubPorts& ports, const std::string& key)
    : driver_(ctx, HubEndpoints{loopback(ports.router), loopback(ports.pub), TestSite::get().keys(key)}, std::chrono::seconds(5),
              wall_now()) {
    // A SUB's subscription needs a moment to reach the PUB: a test that acts at once would
    // miss the first updates in `received` (the replica itself would notice the gap and resync).
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

void Subscriber::pump(std::chrono::milliseconds for_ms) {
    auto until = std::chrono::steady_clock::now() + for_ms;
    while (std::chrono::steady_clock::now() < until) {
        auto items = driver_.poll_items();
        zmq::poll(items.data(), items.size(), std::chrono::milliseconds(20));
        auto now = wall_now();
        driver_.pump(now, SIZE_MAX, [&](const Published& p) {
            if (!p.heartbeat) received.push_back(p.update);
        });
        if (driver_.check(now)) driver_.resync(now);
    }
}

class ReceiptCollector final : public virtual mqtt::callback {
public:
    ReceiptCollector(std::mutex& m, std::vector<nlohmann::json>& out) : m_(m), out_(out) {}
    void message_arrived(mqtt::const_message_ptr msg) override {
        std::lock_guard lock(m_);
        out_.push_back(nlohmann::json::parse(msg->to_string()));
    }

private:
    std::mutex& m_;
    std::vector<nlohmann::json>& out_;
};

namespace {
std::mutex collectors_mutex;
std::vector<std::unique_ptr<ReceiptCollector>> collectors; // live as long as the test process
} // namespace

Handheld::Handheld(const std::string& broker_url, std::string station, std::string device, const std::string& user)
    : station_(std::move(station)), device_(std::move(device)),
      client_(broker_url, "test-" + device_, static_cast<mqtt::iclient_persistence*>(nullptr)) {
    {
        std::lock_guard lock(collectors_mutex);
        collectors.push_back(std::make_unique<ReceiptCollector>(mutex_, receipts_));
        client_.set_callback(*collectors.back());
    }
    client_.connect(connect_options_for(broker_url, user))->wait();
    client_.subscribe("platslage/v1/" + station_ + "/guard/" + device_ + "/receipt", 1)->wait();
}

Handheld::~Handheld() {
    try {
        client_.disconnect()->wait_for(std::chrono::seconds(2));
    } catch (const mqtt::exception&) {
    }
}

std::string Handheld::report_topic() const { return "platslage/v1/" + station_ + "/guard/" + device_ + "/report"; }

bool Handheld::publish_report(const std::string& payload, std::chrono::milliseconds wait) {
    auto tok = client_.publish(report_topic(), payload.data(), payload.size(), 1, false);
    return tok->wait_for(wait);
}

bool Handheld::publish(const std::string& topic, const std::string& payload) {
    return client_.publish(topic, payload.data(), payload.size(), 1, false)->wait_for(std::chrono::seconds(5));
}

std::vector<nlohmann::json> Handheld::receipts() {
    std::lock_guard lock(mutex_);
    return receipts_;
}

std::string now_rfc3339() {
    return format_rfc3339(TimePoint{std::chrono::duration_cast<Millis>(std::chrono::system_clock::now().time_since_epoch())});
}

std::string report_json(const std::string& id, const std::string& zone, int persons,
                        const std::vector<std::string>& categories, const std::string& kind) {
    return nlohmann::json{{"id", id}, {"ts", now_rfc3339()}, {"zone", zone}, {"kind", kind}, {"persons", persons},
                          {"categories", categories}}
        .dump();
}

} // namespace platslage::test
