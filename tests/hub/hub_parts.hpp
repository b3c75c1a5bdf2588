#pragma once
// The hub's parts wired as the hub wires them, in one process: real ZeroMQ sockets over
// inproc://, a real SQLite file in a temporary directory, a ManualClock, and an MQTT side
// that keeps what the hub sent instead of talking to a broker.
#include "../core/fixtures.hpp"
#include "command_desk.hpp"
#include "hub_context.hpp"
#include "hub_status.hpp"
#include "input_desk.hpp"
#include "meeting_desk.hpp"
#include "order_desk.hpp"
#include "publisher.hpp"
#include "receipt.hpp"
#include "refusals.hpp"
#include "request_desk.hpp"
#include "zmq_frames.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace platslage::test {

// What the parts sent to the broker, in order.
class FakeMqtt final : public MqttOut {
public:
    struct Sent {
        std::string topic;
        std::string payload;
        int qos = 0;
        bool retain = false;
    };
    void publish(const std::string& topic, const std::string& payload, int qos, bool retain) override {
        sent.push_back(Sent{topic, payload, qos, retain});
        if (on_publish) on_publish(sent.back());
    }
    bool connected() const override { return up; }

    std::vector<Sent> on(const std::string& topic) const {
        std::vector<Sent> out;
        for (const auto& s : sent)
            if (s.topic == topic) out.push_back(s);
        return out;
    }
    std::vector<Sent> sent;
    bool up = true;
    std::function<void(const Sent&)> on_publish; // sees each message as it is sent
};

// A directory of its own for the event log; removed with all in it.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        static int n = 0;
        path = std::filesystem::temp_directory_path() /
               ("platslage-hubparts-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

inline std::int64_t sql_count(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* h = nullptr;
    sqlite3_open(db.c_str(), &h);
    sqlite3_stmt* st = nullptr;
    std::int64_t n = -1;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}

// The first row's first column as text; empty when there is no row.
inline std::string sql_text(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* h = nullptr;
    sqlite3_open(db.c_str(), &h);
    sqlite3_stmt* st = nullptr;
    std::string text;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        if (auto p = sqlite3_column_text(st, 0)) text = reinterpret_cast<const char*>(p);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return text;
}

inline void run_sql(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* h = nullptr;
    sqlite3_open(db.c_str(), &h);
    char* error = nullptr;
    int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &error);
    std::string what = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(h);
    REQUIRE_MESSAGE(rc == SQLITE_OK, what);
}

inline std::string endpoint(const char* part) {
    static int n = 0;
    return std::string("inproc://") + part + "-" + std::to_string(n++);
}

inline HubConfig parts_config() {
    HubConfig cfg;
    cfg.fusion.evaluate_every = std::chrono::seconds(cfg.evaluate_every_s);
    return cfg;
}

struct HubParts {
    explicit HubParts(HubConfig settings = parts_config(), TimePoint start = at("2026-11-23T23:00:00Z"))
        : cfg(std::move(settings)), clock(start) {
        hub.mqtt = &mqtt;
        console.set(zmq::sockopt::linger, 0);
        sensor.set(zmq::sockopt::linger, 0);
        client.set(zmq::sockopt::linger, 0);
        console.set(zmq::sockopt::subscribe, "");
        console.connect(pub_at);
        sensor.connect(ingest_at);
        client.connect(router_at);
        // The console's subscription reaches the PUB socket in its own time: wait for a heartbeat
        // (the clock moves on a few seconds while it does).
        bool heard = false;
        for (int i = 0; i < 200 && !heard; ++i) {
            clock.advance(Millis(cfg.heartbeat_ms));
            publisher.heartbeat_if_idle();
            heard = wait_for(console, 10);
        }
        REQUIRE(heard);
        while (recv_frames(console, true)) {}
    }

    static bool wait_for(zmq::socket_t& s, long ms) {
        zmq::pollitem_t item{s.handle(), 0, ZMQ_POLLIN, 0};
        zmq::poll(&item, 1, std::chrono::milliseconds(ms));
        return item.revents & ZMQ_POLLIN;
    }

    // A handheld's message as MqttLink hands it over.
    void mqtt_in(const std::string& topic, const std::string& payload) {
        inbox.push(MqttMessage{topic, payload, payload.size(), topic.size()});
    }
    // A sensor's frames, on the ingest socket.
    void sensor_in(const Frames& frames) {
        send_frames(sensor, frames);
        REQUIRE(wait_for(inputs.ingest(), 1000));
    }
    // One turn of the input desk.
    void take_inputs() { inputs.take(inbox); }

    // Everything published to consoles since the last call (heartbeats left out).
    std::vector<Published> published() {
        std::vector<Published> out;
        while (auto frames = recv_frames(console, true)) {
            auto p = decode_published(*frames);
            REQUIRE(p);
            if (!p->heartbeat) out.push_back(*p);
        }
        return out;
    }

    // Sends a request over the ROUTER and serves it until its answer is whole (one reply, or a
    // snapshot's items and END); gives up after a second.
    std::vector<Reply> ask(const Frames& request) {
        send_frames(client, request);
        REQUIRE(wait_for(requests.router(), 1000));
        std::vector<Reply> out;
        for (int i = 0; i < 1000 && (out.empty() || out.back().kind == Reply::Kind::item); ++i) {
            requests.serve(mqtt.connected());
            while (auto frames = recv_frames(client, true)) {
                auto r = decode_reply(*frames);
                REQUIRE(r);
                out.push_back(*r);
            }
            if (out.empty() || out.back().kind == Reply::Kind::item) wait_for(client, 1);
        }
        return out;
    }
    Reply command(const nlohmann::json& c) {
        auto r = ask(encode_command_request(c.dump()));
        REQUIRE(r.size() == 1);
        return r[0];
    }

    // The receipts sent to a topic, decoded.
    std::vector<Receipt> receipts(const std::string& topic) const {
        std::vector<Receipt> out;
        for (const auto& s : mqtt.on(topic)) {
            auto r = decode_receipt(s.payload);
            REQUIRE(r);
            out.push_back(*r);
        }
        return out;
    }

    TempDir dir;
    std::filesystem::path db = dir.path / "platslage.db";
    HubConfig cfg;
    ManualClock clock;
    EventLog log{db.string()};
    zmq::context_t ctx{1};
    std::string pub_at = endpoint("pub"), ingest_at = endpoint("ingest"), router_at = endpoint("router");
    FakeMqtt mqtt;
    Mailbox<MqttMessage> inbox;
    HubSecurity security; // off: inproc sockets have no handshake
    HubContext hub{cfg, real_maps(), log, clock, security};
    Refusals refusals{hub};
    OrderDesk orders{hub};
    Publisher publisher{hub, orders, ctx, pub_at};
    InputDesk inputs{hub, refusals, publisher, ctx, ingest_at};
    MeetingDesk meetings{hub, refusals, publisher};
    CommandDesk commands{hub, refusals, publisher, meetings};
    HubStatus status{hub, refusals};
    RequestDesk requests{hub, refusals, commands, status, ctx, router_at};
    zmq::socket_t console{ctx, zmq::socket_type::sub};
    zmq::socket_t sensor{ctx, zmq::socket_type::push};
    zmq::socket_t client{ctx, zmq::socket_type::dealer};
};

inline std::string report_json(const std::string& id, const std::string& zone, int persons, const std::vector<std::string>& categories,
                               TimePoint ts) {
    return nlohmann::json{{"id", id},           {"ts", format_rfc3339(ts)},     {"zone", zone},
                          {"kind", "observation"}, {"persons", persons}, {"categories", categories}}
        .dump();
}

} // namespace platslage::test
