#include "national_day.hpp"

#include "system_under_test.hpp"
#include "through_hub.hpp"
#include "wire.hpp"
#include "workload.hpp"
#include "zmq_frames.hpp"

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <thread>

namespace platslage::bench {

namespace {

// The stations' own maps, and copies of them under new ids (centralen2, cityterminalen2, …)
// until there are `stations`; written to `out`.
void write_station_copies(const std::filesystem::path& out, int stations) {
    std::filesystem::create_directories(out);
    std::vector<std::filesystem::path> originals;
    for (const auto& f : std::filesystem::directory_iterator(PLATSLAGE_MAPS_DIR))
        if (f.path().extension() == ".geojson") originals.push_back(f.path());
    std::sort(originals.begin(), originals.end());
    for (int n = 0; n < stations; ++n) {
        const auto& from = originals[static_cast<std::size_t>(n) % originals.size()];
        const int copy = n / static_cast<int>(originals.size()) + 1;
        nlohmann::json map = nlohmann::json::parse(std::ifstream(from));
        std::string suffix = copy == 1 ? "" : std::to_string(copy); // a station id has no dash
        for (auto& feature : map.at("features")) {
            auto& p = feature.at("properties");
            auto station = p.at("station").get<std::string>();
            auto id = p.at("id").get<std::string>();
            p["station"] = station + suffix;
            p["id"] = station + suffix + id.substr(station.size());
        }
        std::ofstream(out / (from.stem().string() + suffix + ".geojson")) << map.dump(1);
    }
}

// Every zone's counter, a sample a second, until stopped: the stations' steady load.
class CounterLoad {
public:
    CounterLoad(test::Hub& hub, const ZoneMap& zones) : thread_([this, &hub, &zones] { run(hub, zones); }) {}
    ~CounterLoad() {
        stop_ = true;
        thread_.join();
    }
    CounterLoad(const CounterLoad&) = delete;
    CounterLoad& operator=(const CounterLoad&) = delete;

private:
    void run(test::Hub& hub, const ZoneMap& zones) {
        zmq::context_t ctx(1);
        zmq::socket_t push(ctx, zmq::socket_type::push);
        push.set(zmq::sockopt::linger, 0);
        secure_client(push, hub.endpoints("sensor").keys);
        push.connect(test::loopback(hub.ports().ingest));
        auto next = std::chrono::steady_clock::now();
        while (!stop_) {
            // Stamped now, each second: the hub refuses a sample far behind its clock.
            for (const auto& body : occupancy_samples(zones, zones.zones().size())) send_frames(push, encode_occupancy(body), true);
            next += std::chrono::seconds(1);
            std::this_thread::sleep_until(next);
        }
    }
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

Result reports_under_load(const std::filesystem::path& dir, const std::string& maps, std::size_t reports, int window,
                          int devices, std::int64_t* samples) {
    std::filesystem::create_directories(dir);
    auto zones = ZoneMap::load_dir(maps);
    test::Broker broker(dir);
    test::Hub hub(dir, broker.url(), {}, {"--log-level", "warn", "--maps", maps});
    if (!hub.wait_mqtt_up()) throw std::runtime_error("the hub did not connect to the broker");
    Result r;
    {
        CounterLoad counters(hub, zones);
        std::this_thread::sleep_for(std::chrono::seconds(3)); // the counters are heard before the reports come
        r = hub_reports(hub, broker.url(), guard_reports(zones, reports, devices), window).receipt;
    }
    if (samples) *samples = test::sql_count(hub.db(), "SELECT count(*) FROM events WHERE kind='occupancy'");
    return r;
}

} // namespace

NationalDay national_day(const std::filesystem::path& dir, int stations, std::size_t reports, int window, int devices) {
    NationalDay day;
    day.stations = stations;
    auto maps = dir / "maps";
    write_station_copies(maps, stations);
    day.zones = ZoneMap::load_dir(maps.string()).zones().size();
    std::cerr << "national day: two stations…\n";
    day.two_stations = reports_under_load(dir / "two", PLATSLAGE_MAPS_DIR, reports, window, devices, nullptr);
    day.two_stations.path = "two stations, every counter each second: report → hub → receipt";
    std::cerr << "national day: " << stations << " stations…\n";
    day.all_stations = reports_under_load(dir / "all", maps.string(), reports, window, devices, &day.samples);
    day.all_stations.path = std::to_string(stations) + " stations (" + std::to_string(day.zones) +
                            " counters each second): report → hub → receipt";
    day.all_stations.baseline = day.two_stations.path;
    return day;
}

} // namespace platslage::bench
