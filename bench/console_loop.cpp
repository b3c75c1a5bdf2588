// platslage-bench-console-loop: the CPU the real console uses in the control room, measured
// from outside on its own process while it runs its ordinary frame loop (not --bench) in
// Mesa's software OpenGL under Xvfb: first on a quiet night, then with critical alerts whose
// rows flash until someone acknowledges them. A real broker and hub, secured as deployed,
// on free loopback ports; every process is ended by its PID. Prints one JSON object.
#include "system_under_test.hpp"
#include "test_site.hpp"
#include "virtual_display.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <unistd.h>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {

// User and system CPU seconds of a process, all its threads (/proc/PID/stat, fields 14 and 15).
double cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close = stat.rfind(')'); // the command name may hold spaces
    if (close == std::string::npos) throw std::runtime_error("cannot read /proc/" + std::to_string(pid) + "/stat");
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14) utime = std::stod(field);
        if (i == 15) stime = std::stod(field);
    }
    return (utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

struct Share {
    double seconds = 0, console = 0, x_server = 0; // percent of one core
};

Share measure(pid_t console, pid_t x_server, double seconds) {
    auto c0 = cpu_seconds(console), x0 = cpu_seconds(x_server);
    auto t0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return {wall, 100.0 * (cpu_seconds(console) - c0) / wall, 100.0 * (cpu_seconds(x_server) - x0) / wall};
}

nlohmann::json as_json(const Share& s) {
    auto round2 = [](double v) { return std::round(v * 100) / 100; };
    return {{"seconds", round2(s.seconds)}, {"console_cpu_percent", round2(s.console)}, {"x_server_cpu_percent", round2(s.x_server)}};
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"platslage-bench-console-loop: CPU of the real console loop, quiet and with flashing critical alerts"};
    double seconds = 30;
    int width = 1600, height = 900, alerts = 3;
    std::string json_out;
    app.add_option("--seconds", seconds, "how long each case is measured")->check(CLI::Range(2.0, 3600.0));
    app.add_option("--width", width, "console window width")->check(CLI::Range(640, 3840));
    app.add_option("--height", height, "console window height")->check(CLI::Range(480, 2160));
    app.add_option("--alerts", alerts, "critical alerts flashing in the second case")->check(CLI::Range(1, 50));
    app.add_option("--json", json_out, "also write the JSON here");
    CLI11_PARSE(app, argc, argv);

    try {
        TempDir dir("platslage-bench-console");
        Broker broker(dir.path());
        Hub hub(dir.path(), broker.url());
        if (!hub.wait_mqtt_up()) throw std::runtime_error("the hub did not reach the broker");
        VirtualDisplay display(dir.path());
        ChildProcess console({"/usr/bin/env", "DISPLAY=" + display.name(), "LIBGL_ALWAYS_SOFTWARE=1", PLATSLAGE_CONSOLE_BIN,
                              "--router", loopback(hub.ports().router), "--pub", loopback(hub.ports().pub), "--maps",
                              PLATSLAGE_MAPS_DIR, "--width", std::to_string(width), "--height", std::to_string(height),
                              "--position", "kc-13", "--key", key_file("kc-13"), "--hub-key", hub_key_file(), "--ini",
                              (dir.path() / "console.ini").string()},
                             dir.path() / "console.log");
        std::this_thread::sleep_for(8s); // connected, snapshot taken, layout settled
        if (!console.running()) throw std::runtime_error("the console stopped: " + console.log_text());
        auto quiet = measure(console.pid(), display.pid(), seconds);

        // People needing care: critical alerts, raised and not acknowledged, so their rows flash.
        Handheld guard(broker.url(), "centralen", "hh-bench");
        const char* zones[] = {"centralen.vantytor", "centralen.centralhallen", "centralen.nedre-plan"};
        for (int i = 0; i < alerts; ++i)
            if (!guard.publish_report(report_json("bench-" + std::to_string(i), zones[i % 3], 1, {"needs_care"})))
                throw std::runtime_error("a report was not receipted");
        if (!eventually([&] { return hub.status()["alerts_open"].get<int>() >= std::min(alerts, 3); }, 10s))
            throw std::runtime_error("no alerts were raised");
        std::this_thread::sleep_for(3s);
        auto flashing = measure(console.pid(), display.pid(), seconds);
        if (!console.running()) throw std::runtime_error("the console stopped: " + console.log_text());

        nlohmann::json out{{"window", std::to_string(width) + "x" + std::to_string(height)},
                           {"renderer", "Mesa software OpenGL (LIBGL_ALWAYS_SOFTWARE=1) under Xvfb"},
                           {"quiet", as_json(quiet)},
                           {"flashing", as_json(flashing)},
                           {"flashing_alerts", alerts}};
        std::cout << out.dump(2) << "\n";
        if (!json_out.empty()) std::ofstream(json_out) << out.dump(2) << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "platslage-bench-console-loop: " << e.what() << "\n";
        return 1;
    }
}
