#include "history.hpp"

#include "event_log.hpp"
#include "event_record.hpp"
#include "replica_driver.hpp"
#include "test_site.hpp"
#include "time_text.hpp"
#include "wire.hpp"
#include "zmq_frames.hpp"

#include <zmq.hpp>

#include <climits>
#include <csignal>
#include <future>
#include <iostream>
#include <stdexcept>

namespace platslage::bench {

namespace {

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

// A report id without digits: a run of digits could read as a phone number to the hub's
// privacy check, and these must all be stored.
std::string letters(std::size_t i) {
    std::string s;
    do {
        s.insert(s.begin(), static_cast<char>('a' + i % 26));
        i /= 26;
    } while (i > 0);
    return s;
}

EventRecord guard_report_at(const ZoneMap& zones, const Zone& z, std::size_t i, TimePoint at) {
    nlohmann::json body{{"id", "winter-" + letters(i)}, {"ts", format_rfc3339(at)}, {"zone", z.id}};
    // A night's mix, as in workload.cpp: mostly patrols, some people resting, now and then care.
    switch (i % 4) {
    case 1: body.update({{"kind", "observation"}, {"persons", 2}, {"categories", {"sleeping"}}}); break;
    case 3: body.update({{"kind", "observation"}, {"persons", 1}, {"categories", {"needs_care"}}}); break;
    default: body.update({{"kind", "patrol"}, {"persons", 0}, {"categories", nlohmann::json::array()}}); break;
    }
    std::string device = "hh-w" + letters(i / 20 % 60);
    auto e = parse_handheld_message("platslage/v1/" + z.station + "/guard/" + device + "/report", body.dump(), zones, at);
    if (!e) throw std::runtime_error("history: a generated report was refused: " + e.rejection().detail);
    return to_record(e.value(), zones, at);
}

// The first STATUS answer after `spawned`, asked every 10 ms on a socket that reconnects
// every 2 ms, so the figure is the hub's and not the client's retry interval.
std::future<Clock::time_point> first_answer(const HubEndpoints& hub) {
    return std::async(std::launch::async, [hub] {
        zmq::context_t ctx(1);
        zmq::socket_t s(ctx, zmq::socket_type::dealer);
        s.set(zmq::sockopt::linger, 0);
        s.set(zmq::sockopt::reconnect_ivl, 2);
        secure_client(s, hub.keys);
        s.connect(hub.router);
        const auto give_up = Clock::now() + std::chrono::seconds(120);
        auto next_ask = Clock::now();
        while (Clock::now() < give_up) {
            if (Clock::now() >= next_ask) {
                send_frames(s, encode_status_request(), /*dont_wait=*/true);
                next_ask += std::chrono::milliseconds(10);
            }
            zmq::pollitem_t items[] = {{s.handle(), 0, ZMQ_POLLIN, 0}};
            zmq::poll(items, 1, std::chrono::milliseconds(2));
            if (recv_frames(s, /*dont_wait=*/true)) return Clock::now();
        }
        throw std::runtime_error("the hub did not answer STATUS within 120 s");
    });
}

// Starts (or restarts) the hub and measures until it answers.
double start_until_serving(test::Hub& hub) {
    auto answered = first_answer(hub.endpoints("viewer-1"));
    auto spawned = Clock::now();
    hub.start();
    return ms_between(spawned, answered.get());
}

double late_joiner_ms(const test::Hub& hub) {
    zmq::context_t ctx(1);
    auto began = Clock::now();
    ReplicaDriver console(ctx, hub.endpoints("viewer-1"), std::chrono::seconds(5), test::wall_now());
    while (console.replica().link() != LinkState::live) {
        if (Clock::now() - began > std::chrono::seconds(30)) throw std::runtime_error("a late joiner's replica never went live");
        auto items = console.poll_items();
        zmq::poll(items.data(), items.size(), std::chrono::milliseconds(1));
        auto now = test::wall_now();
        console.pump(now);
        if (console.check(now)) console.resync(now);
    }
    return ms_between(began, Clock::now());
}

void stop(test::Hub& hub, int sig) {
    hub.process().signal(sig);
    if (hub.process().wait(std::chrono::seconds(120)) == INT_MIN) throw std::runtime_error("the hub did not stop");
}

} // namespace

TimePoint write_history(const std::filesystem::path& db, const ZoneMap& zones, std::size_t events, TimePoint first) {
    EventLog log(db.string());
    const auto& all = zones.zones();
    constexpr std::size_t batch = 10000; // one transaction, as the hub's turns are
    std::vector<EventRecord> records;
    records.reserve(batch);
    TimePoint at = first;
    for (std::size_t i = 0; i < events; ++i, at += std::chrono::seconds(1)) {
        const Zone& z = all[i % all.size()];
        if (i % 20 == 19) {
            records.push_back(guard_report_at(zones, z, i, at));
        } else {
            // Counts that move through the day, below the zone's capacity.
            int capacity = z.capacity > 0 ? z.capacity : 100;
            int count = static_cast<int>((i * 7919) % static_cast<std::size_t>(capacity));
            records.push_back(to_record(OccupancySample{"pc-" + z.id, z.id, at, count}, zones, at));
        }
        if (records.size() == batch || i + 1 == events) {
            log.append(records, {});
            records.clear();
        }
    }
    return at;
}

HistoryRun measure_history(const std::filesystem::path& dir, const std::string& broker_url, const ZoneMap& zones,
                           std::size_t events, int joiners) {
    std::filesystem::create_directories(dir);
    HistoryRun run;
    run.events = events;
    // A snapshot interval's worth at twice the design load: every zone's counter each second,
    // and a report a second from the handhelds (hub_config.hpp: snapshot_every_s = 300).
    run.after_snapshot = 300 * (zones.zones().size() + 1);
    const auto began = test::wall_now() - std::chrono::seconds(static_cast<std::int64_t>(events + run.after_snapshot)) -
                       std::chrono::minutes(10);
    auto written = Clock::now();
    auto next = write_history(dir / "platslage.db", zones, events, began);
    std::cerr << "history: " << events << " events written in " << ms_between(written, Clock::now()) / 1000 << " s\n";

    test::Hub hub(dir, broker_url, {}, {"--log-level", "warn"});
    // The constructor waited for the first answer; a second start is the one measured, so
    // both the first and the later ones are taken the same way.
    stop(hub, SIGKILL); // no snapshot written: the next start replays as the first did
    run.first_start_ms = start_until_serving(hub);

    std::vector<double> joined;
    for (int i = 0; i < joiners; ++i) joined.push_back(late_joiner_ms(hub));
    run.snapshot_ms = spread(joined);

    stop(hub, SIGTERM); // writes a snapshot on the way out
    run.clean_restart_ms = start_until_serving(hub);

    stop(hub, SIGKILL);
    write_history(dir / "platslage.db", zones, run.after_snapshot, next); // what it stored after its snapshot
    run.killed_restart_ms = start_until_serving(hub);
    late_joiner_ms(hub); // and it serves a picture
    return run;
}

std::vector<Result> history_results(const std::vector<HistoryRun>& runs) {
    std::vector<Result> out;
    if (runs.empty()) return out;
    auto once = [](std::string path, std::string baseline, double ms) {
        Result r;
        r.path = std::move(path);
        r.baseline = std::move(baseline);
        r.messages = 1;
        r.seconds = ms / 1000;
        r.delay = {ms, ms, ms};
        r.has_delay = true;
        r.paced = true; // a time, not a rate
        return r;
    };
    auto events_text = [](std::size_t n) { return std::to_string(n) + " events"; };
    const auto& smallest = runs.front();
    for (const auto& r : runs) {
        bool base = &r == &smallest;
        auto tag = " (" + events_text(r.events) + " in the log)";
        auto base_tag = " (" + events_text(smallest.events) + " in the log)";
        out.push_back(once("hub start-up, no snapshot: last replay-hours replayed" + tag,
                           base ? "" : "hub start-up, no snapshot: last replay-hours replayed" + base_tag, r.first_start_ms));
        out.push_back(once("hub start-up after a clean stop" + tag, base ? "" : "hub start-up after a clean stop" + base_tag,
                           r.clean_restart_ms));
        out.push_back(once("hub start-up after SIGKILL, " + std::to_string(r.after_snapshot) + " events after the snapshot" + tag,
                           base ? "" : "hub start-up after SIGKILL, " + std::to_string(smallest.after_snapshot) +
                                           " events after the snapshot" + base_tag,
                           r.killed_restart_ms));
        Result snap;
        snap.path = "late joiner: SNAPSHOT → replica live" + tag;
        if (!base) snap.baseline = "late joiner: SNAPSHOT → replica live" + base_tag;
        snap.messages = 1;
        snap.delay = r.snapshot_ms;
        snap.has_delay = true;
        snap.paced = true;
        out.push_back(snap);
    }
    return out;
}

nlohmann::json history_json(const std::vector<HistoryRun>& runs) {
    auto all = nlohmann::json::array();
    for (const auto& r : runs)
        all.push_back({{"events", r.events},
                       {"first_start_ms", r.first_start_ms},
                       {"snapshot_ms", {{"p50", r.snapshot_ms.p50}, {"p99", r.snapshot_ms.p99}, {"max", r.snapshot_ms.max}}},
                       {"clean_restart_ms", r.clean_restart_ms},
                       {"killed_restart_ms", r.killed_restart_ms},
                       {"events_after_snapshot", r.after_snapshot}});
    return all;
}

nlohmann::json history_targets(const std::vector<HistoryRun>& runs) {
    nlohmann::json targets = nlohmann::json::object();
    auto at = [&](std::size_t events) -> const HistoryRun* {
        for (const auto& r : runs)
            if (r.events == events) return &r;
        return nullptr;
    };
    auto put = [&](const std::string& name, double value, double limit) {
        targets[name] = {{"value", value}, {"limit", limit}, {"met", value < limit}};
    };
    if (const auto* million = at(1000000)) {
        put("snapshot_p99_ms_at_1000000", million->snapshot_ms.p99, 100);
        if (const auto* small = at(10000); small && small->snapshot_ms.p50 > 0)
            targets["snapshot_p50_at_1000000_vs_10000"] = million->snapshot_ms.p50 / small->snapshot_ms.p50;
    }
    if (!runs.empty() && runs.back().events > 0) {
        const auto& largest = runs.back();
        auto n = std::to_string(largest.events);
        put("start_after_clean_stop_ms_at_" + n, largest.clean_restart_ms, 1000);
        put("start_after_sigkill_ms_at_" + n, largest.killed_restart_ms, 2000);
    }
    return targets;
}

} // namespace platslage::bench
