#pragma once
// The real system on loopback for a test: a Mosquitto broker with a generated config, the
// hub on free ports, and clients that speak the protocol the way handhelds and consoles do.
#include "clock.hpp"
#include "dynsec_admin.hpp"
#include "processes.hpp"
#include "replica_driver.hpp"
#include "test_site.hpp"
#include "wire.hpp"

#include <mqtt/async_client.h>
#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace platslage::test {

// Broker options to leave out so that it lets every client in and every message through, to
// show what the hub itself does with input a secured broker would have stopped.
inline const std::vector<std::string> broker_lets_all_in{"plugin", "plugin_opt_config_file", "allow_anonymous"};

class Broker {
public:
    // Runs with deploy/mosquitto.conf.in's settings, secured with the test site's certificate
    // and broker users, but for the options named in `without` (to show what the hub does on
    // its own when the broker lets something through).
    // `certs`: a folder with broker.crt and broker.key to use instead of the test site's.
    explicit Broker(const std::filesystem::path& dir, std::vector<std::string> without = {}, std::filesystem::path certs = {});
    // The plain listener, on the loopback only.
    int port() const { return port_; }
    std::string loopback_url() const { return loopback(port_); }
    // The network listener: TLS, its certificate naming `localhost`.
    int tls_port() const { return tls_port_; }
    std::string url() const { return "ssl://localhost:" + std::to_string(tls_port_); }
    // The broker's dynamic security, as platslage-admin uses it.
    DynsecAdmin admin() const;
    ChildProcess& process() { return *process_; }
    // Ends the broker with `sig` (SIGKILL: a crash, SIGTERM: a clean stop that writes its
    // persistence file) and starts it again after `down` on the same ports, config and data.
    void restart(int sig, std::chrono::milliseconds down = {});
    // Its persistence file, rewritten every autosave_interval and at a clean stop.
    std::filesystem::path persistence_file() const { return data_ / "mosquitto.db"; }

private:
    void start();

    int port_;
    int tls_port_;
    std::filesystem::path data_;
    std::unique_ptr<ChildProcess> process_;
};

struct HubPorts {
    int ingest = free_port();
    int pub = free_port();
    int router = free_port();
};

class Hub {
public:
    // `extra`: more of the hub's options; a `--db PATH` among them puts the database there
    // instead of in `dir`, and `--maps DIR` takes other maps than the stations' own.
    Hub(const std::filesystem::path& dir, const std::string& mqtt_url, HubPorts ports = {},
        std::vector<std::string> extra = {});
    ~Hub();
    const HubPorts& ports() const { return ports_; }
    std::filesystem::path db() const { return db_; }
    ChildProcess& process() { return *process_; }
    void start();
    // STATUS over the ROUTER, as JSON; throws if the hub does not answer within `wait`. A
    // request waits at most one turn of the loop (2,000 inputs), which a sanitized hub under
    // load can take longer than a second over.
    nlohmann::json status(std::chrono::milliseconds wait = std::chrono::seconds(2));
    // An operator's command over the ROUTER, as a console sends it: the hub's reply. Sent with
    // the test site's key named like the command's `by` when there is one, else `kc-1`.
    Reply command(const nlohmann::json& cmd);
    // The same with the key card `key` (TestSite), whatever `by` says.
    Reply command(const nlohmann::json& cmd, const std::string& key);
    // The hub's endpoints, with the test site's key card `key` (none for a hub started with
    // --insecure-development in `extra`).
    HubEndpoints endpoints(const std::string& key = "kc-1") const;
    bool secured() const;
    // Waits until the hub reports its MQTT link up.
    bool wait_mqtt_up();

private:
    std::filesystem::path dir_;
    std::filesystem::path db_;
    std::string maps_ = PLATSLAGE_MAPS_DIR;
    std::string mqtt_;
    HubPorts ports_;
    std::vector<std::string> extra_;
    std::unique_ptr<ChildProcess> process_;
    int starts_ = 0;
};

// Read-only access to the hub's database, as a partner's tool would have.
std::int64_t sql_count(const std::filesystem::path& db, const std::string& sql);
// The first row's first column as text; empty when there is no row.
std::string sql_text(const std::filesystem::path& db, const std::string& sql);
// The first column of every row, in the order the query gives them.
std::vector<std::string> sql_texts(const std::filesystem::path& db, const std::string& sql);
// A write from outside the hub, as a fault a test sets up (a trigger that fails inserts).
void run_sql(const std::filesystem::path& db, const std::string& sql);

// A console-like subscriber: SUB first, then SNAPSHOT over a DEALER, kept in a Replica.
class Subscriber {
public:
    Subscriber(zmq::context_t& ctx, const HubPorts& ports, const std::string& key = "viewer-1");
    // Reads whatever is waiting for up to `for_ms`, resyncing when the replica asks.
    void pump(std::chrono::milliseconds for_ms);
    const Replica& replica() const { return driver_.replica(); }
    std::vector<Update> received; // every update seen on the PUB socket, in order

private:
    ReplicaDriver driver_;
};

// A guard handheld speaking MQTT through Paho: QoS 1 publish, receipts collected.
class Handheld {
public:
    // Logs in as `user` (by default the simulator's, whose devices these stand for).
    Handheld(const std::string& broker_url, std::string station, std::string device, const std::string& user = "sim");
    ~Handheld();
    // Publishes and waits for the broker's PUBACK; returns false if none came.
    bool publish_report(const std::string& payload, std::chrono::milliseconds wait = std::chrono::seconds(5));
    bool publish(const std::string& topic, const std::string& payload);
    std::vector<nlohmann::json> receipts();
    std::string report_topic() const;

private:
    std::string station_, device_;
    mqtt::async_client client_;
    std::mutex mutex_;
    std::vector<nlohmann::json> receipts_;
};

std::string now_rfc3339();
// The wall clock as the core's time, for a reference client's outbox in a test.
TimePoint wall_now();
std::string report_json(const std::string& id, const std::string& zone, int persons,
                        const std::vector<std::string>& categories = {}, const std::string& kind = "observation");

} // namespace platslage::test
