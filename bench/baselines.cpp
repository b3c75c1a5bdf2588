#include "baselines.hpp"

#include "processes.hpp"
#include "zmq_frames.hpp"

#include <sqlite3.h>
#include <zmq.hpp>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace platslage::bench {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

void exec(sqlite3* db, const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw std::runtime_error(std::string("raw sqlite: ") + sql + ": " + msg);
    }
}

} // namespace

Result raw_sqlite(const std::filesystem::path& file, const std::vector<std::string>& bodies, std::size_t per_commit) {
    std::filesystem::remove(file);
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) throw std::runtime_error("raw sqlite: cannot open " + file.string());
    exec(db, "PRAGMA journal_mode=WAL");
    exec(db, "PRAGMA synchronous=FULL");
    exec(db, "CREATE TABLE events(id INTEGER PRIMARY KEY, heard_ms INTEGER NOT NULL, kind TEXT NOT NULL, "
             "station TEXT NOT NULL, actor TEXT NOT NULL, zone TEXT, body TEXT NOT NULL)");
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO events(heard_ms,kind,station,actor,zone,body) VALUES(?,?,?,?,?,?)", -1, &insert, nullptr);
    auto start = Clock::now();
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        if (i % per_commit == 0) exec(db, "BEGIN IMMEDIATE");
        sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(i));
        sqlite3_bind_text(insert, 2, "occupancy", -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 3, "centralen", -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 4, "pc-000001", -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 5, "centralen.centralhallen", -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 6, bodies[i].data(), static_cast<int>(bodies[i].size()), SQLITE_STATIC);
        if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error(std::string("raw sqlite: ") + sqlite3_errmsg(db));
        sqlite3_reset(insert);
        if ((i + 1) % per_commit == 0 || i + 1 == bodies.size()) exec(db, "COMMIT");
    }
    double took = seconds_since(start);
    sqlite3_finalize(insert);
    sqlite3_close(db);
    Result r;
    r.path = "SQLite, " + std::to_string(per_commit) + (per_commit == 1 ? " row" : " rows") + " per commit";
    r.messages = bodies.size();
    r.seconds = took;
    return r;
}

Result raw_push_pull(const std::vector<std::string>& bodies) {
    zmq::context_t ctx(1);
    zmq::socket_t pull(ctx, zmq::socket_type::pull);
    pull.set(zmq::sockopt::linger, 0);
    auto endpoint = test::loopback(test::free_port());
    pull.bind(endpoint);
    std::size_t got = 0;
    Clock::time_point last{};
    std::thread receiver([&] {
        while (got < bodies.size()) {
            zmq::pollitem_t items[] = {{pull.handle(), 0, ZMQ_POLLIN, 0}};
            if (zmq::poll(items, 1, std::chrono::seconds(10)) == 0) return; // the sender is gone
            while (recv_frames(pull, true)) ++got;
        }
        last = Clock::now();
    });
    zmq::socket_t push(ctx, zmq::socket_type::push);
    push.set(zmq::sockopt::linger, 5000);
    push.connect(endpoint);
    auto start = Clock::now();
    for (const auto& b : bodies) send_frames(push, encode_occupancy(b));
    receiver.join();
    if (got != bodies.size()) throw std::runtime_error("raw libzmq: " + std::to_string(got) + " of " + std::to_string(bodies.size()) + " arrived");
    Result r;
    r.path = "libzmq PUSH → PULL";
    r.messages = got;
    r.seconds = std::chrono::duration<double>(last - start).count();
    return r;
}

std::string echo_path(int window, bool nagle_off) {
    return std::string(window == 1 ? "one at a time: " : "") + "Paho → Mosquitto → Paho echo → back" +
           (nagle_off ? ", Nagle off" : ", stock Paho");
}

Result raw_paho_echo(const std::string& broker_url, const std::vector<Outgoing>& messages, int window, bool nagle_off) {
    // The same reports on the same topics, before any hub is there: the echo logs in as the
    // hub's user and answers on one receipt topic, through the same access control and TLS.
    const std::string answers = "platslage/v1/centralen/guard/bench-echo/receipt";
    Echo echo(broker_url, "hub", "platslage/v1/+/guard/+/report", answers, nagle_off);
    auto trip = qos1_round_trip(broker_url, "sim", "platslage-bench-raw", messages, answers, window, std::chrono::seconds(30),
                                nagle_off, quiet_pause(window));
    if (trip.answered != messages.size())
        throw std::runtime_error("raw Paho echo: " + std::to_string(trip.answered) + " of " + std::to_string(messages.size()) + " came back");
    return trip_result(trip, echo_path(window, nagle_off), "", window);
}

Result trip_result(const RoundTrip& trip, std::string path, std::string baseline, int window) {
    Result r;
    r.path = std::move(path);
    r.baseline = std::move(baseline);
    r.messages = trip.answered;
    r.seconds = trip.seconds;
    r.delay = spread(trip.delay_ms);
    r.has_delay = true;
    r.paced = window == 1; // one at a time: its delay is the figure, not its rate
    return r;
}

} // namespace platslage::bench
