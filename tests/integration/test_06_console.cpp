// The console as operators run it: a real window (on Xvfb, with Mesa's software OpenGL),
// fed by a real hub, drawing what the hub says. Its screenshot mode writes the PNG we read.
#include "stockholm_time.hpp"
#include "system_under_test.hpp"
#include "virtual_display.hpp"
#include "wire.hpp"
#include "zmq_frames.hpp"

#include <doctest/doctest.h>
#include <stb_image.h>

#include <climits>
#include <fstream>
#include <memory>
#include <thread>

#include <csignal>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {

// The map's red: occupancy at capacity, or a hotspot near 100.
bool is_hot_red(int r, int g, int b) { return r > 140 && g < 70 && b < 70; }
// A critical alert's lit row: the critical colour (a crimson with blue in it) over the table.
bool is_critical_row(int r, int g, int b) { return r > 90 && r < 200 && g < 50 && b > 30 && b < 110 && r > 2 * b; }

struct Screenshot {
    int exit_code = INT_MIN;
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;
    std::string log;

    // Pixels that read as the "at capacity" red of the map (not the amber or green ones).
    std::size_t red_pixels() const { return count(0, 0, width, height, is_hot_red); }

    template <class F>
    std::size_t count(int x0, int y0, int x1, int y1, F&& match) const {
        std::size_t n = 0;
        for (int y = y0; y < y1 && y < height; ++y)
            for (int x = x0; x < x1 && x < width; ++x) {
                auto i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3;
                if (match(rgb[i], rgb[i + 1], rgb[i + 2])) ++n;
            }
        return n;
    }
};

Screenshot take_screenshot(const VirtualDisplay& display, const std::filesystem::path& dir, const HubPorts& ports,
                           const std::string& name, const std::string& wait_s = "8", const std::string& colour = "hotspot") {
    auto png = dir / (name + ".png");
    ChildProcess console({"/usr/bin/env", "DISPLAY=" + display.name(), "LIBGL_ALWAYS_SOFTWARE=1", PLATSLAGE_CONSOLE_BIN,
                          "--router", loopback(ports.router), "--pub", loopback(ports.pub), "--maps", PLATSLAGE_MAPS_DIR,
                          "--screenshot", png.string(), "--screenshot-wait-s", wait_s, "--width", "1280", "--height", "800", "--colour", colour,
                          "--key", key_file("viewer-1"), "--hub-key", hub_key_file()},
                         dir / (name + ".log"));
    Screenshot shot;
    shot.exit_code = console.wait(60s);
    shot.log = console.log_text();
    int channels = 0;
    if (unsigned char* data = stbi_load(png.c_str(), &shot.width, &shot.height, &channels, 3)) {
        shot.rgb.assign(data, data + static_cast<std::size_t>(shot.width) * static_cast<std::size_t>(shot.height) * 3);
        stbi_image_free(data);
    }
    return shot;
}

// A people counter's PUSH socket to the hub's ingest, with the test site's sensor key.
zmq::socket_t sensor_push(zmq::context_t& ctx, const HubPorts& ports) {
    zmq::socket_t push(ctx, zmq::socket_type::push);
    push.set(zmq::sockopt::linger, 1000);
    secure_client(push, TestSite::get().keys("sensor"));
    push.connect(loopback(ports.ingest));
    return push;
}

} // namespace

TEST_CASE("the console shows the hub's picture, and its colours follow the counts") {
    TempDir dir("platslage-it06");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    VirtualDisplay display(dir.path());
    zmq::context_t ctx(1);
    auto push = sensor_push(ctx, hub.ports());
    Subscriber watcher(ctx, hub.ports());
    auto occupancy_is = [&](int count) {
        return eventually([&] {
            watcher.pump(20ms);
            auto it = watcher.replica().entries().find("zone/centralen.centralhallen");
            return it != watcher.replica().entries().end() && nlohmann::json::parse(it->second)["occupancy"] == count;
        }, 5s);
    };
    auto count = [&](int n) {
        send_frames(push, encode_occupancy(R"({"sensor":"xovis-c1","zone":"centralen.centralhallen","ts":")" +
                                           now_rfc3339() + R"(","count":)" + std::to_string(n) + "}"));
    };

    // Centralhallen (capacity 1500) at capacity: the hall is drawn red on the street level.
    count(1500);
    REQUIRE(occupancy_is(1500));
    auto full = take_screenshot(display, dir.path(), hub.ports(), "full", "8", "occupancy");
    INFO(full.log);
    CHECK(full.exit_code == 0); // 0: a live picture
    CHECK(full.width == 1280);
    CHECK(full.height == 800);
    CHECK(full.log.find("live") != std::string::npos);

    // The same hall nearly empty: the red area goes (the legend's swatch stays).
    count(20);
    REQUIRE(occupancy_is(20));
    auto calm = take_screenshot(display, dir.path(), hub.ports(), "calm", "8", "occupancy");
    INFO(calm.log);
    CHECK(calm.exit_code == 0);
    MESSAGE("red pixels at capacity: " << full.red_pixels() << ", calm: " << calm.red_pixels());
    CHECK(full.red_pixels() > 2000);
    CHECK(calm.red_pixels() < 1000);
    CHECK(full.red_pixels() > calm.red_pixels() + 2000);
}

TEST_CASE("without a hub the console still opens, says so, and the screenshot shows it") {
    TempDir dir("platslage-it06b");
    VirtualDisplay display(dir.path());
    HubPorts nobody; // free ports: nothing listens there
    auto shot = take_screenshot(display, dir.path(), nobody, "alone", "1");
    INFO(shot.log);
    CHECK(shot.exit_code == 3); // 3: written, but the hub was not reached
    CHECK(shot.width == 1280);
    CHECK(shot.log.find("live") == std::string::npos);
}

TEST_CASE("a zone with a critical alert is drawn in the hot colour, and its alert row is lit") {
    TempDir dir("platslage-it06c");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    VirtualDisplay display(dir.path());
    auto quiet = take_screenshot(display, dir.path(), hub.ports(), "quiet");
    REQUIRE(quiet.exit_code == 0);

    // Four people needing care in Centralhallen: a critical alert, and the hall's score at 100.
    Handheld hh(broker.url(), "centralen", "hh-06");
    REQUIRE(hh.publish_report(report_json("care-1", "centralen.centralhallen", 4, {"needs_care"})));
    REQUIRE(eventually([&] { return hub.status()["alerts_open"] == 1; }, 5s));
    auto alarm = take_screenshot(display, dir.path(), hub.ports(), "alarm");
    INFO(alarm.log);
    REQUIRE(alarm.exit_code == 0);

    // The map is the left part of the default layout, the alert queue the top right.
    auto map_red = [](const Screenshot& s) { return s.count(0, 0, s.width * 55 / 100, s.height * 70 / 100, is_hot_red); };
    auto lit_rows = [](const Screenshot& s) { return s.count(s.width * 59 / 100, 0, s.width, s.height * 45 / 100, is_critical_row); };
    MESSAGE("hot map pixels " << map_red(quiet) << " → " << map_red(alarm) << ", lit row pixels " << lit_rows(quiet) << " → "
                              << lit_rows(alarm));
    CHECK(map_red(quiet) < 1000); // the legend's swatch for 100
    CHECK(map_red(alarm) > 2000);
    CHECK(lit_rows(quiet) < 100);
    CHECK(lit_rows(alarm) > 3000);
}

// ImGui 1.86 draws a plot asked for width -1 one pixel wide: the chart must fill its panel.
bool is_plot_frame(int r, int g, int b) { return r >= 20 && r <= 40 && g >= 38 && g <= 58 && b >= 62 && b <= 86 && b > r + 30; }

TEST_CASE("the selected zone's 24-hour chart fills the width of the Zone panel") {
    TempDir dir("platslage-it06d");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    VirtualDisplay display(dir.path());
    zmq::context_t ctx(1);
    auto push = sensor_push(ctx, hub.ports());
    for (int n : {300, 900, 1200})
        send_frames(push, encode_occupancy(R"({"sensor":"xovis-c1","zone":"centralen.centralhallen","ts":")" + now_rfc3339() +
                                           R"(","count":)" + std::to_string(n) + "}"));
    // A critical alert there: the queue selects it, and the Zone panel shows the hall.
    Handheld hh(broker.url(), "centralen", "hh-06");
    REQUIRE(hh.publish_report(report_json("care-2", "centralen.centralhallen", 2, {"needs_care"})));
    REQUIRE(eventually([&] { return hub.status()["alerts_open"] == 1; }, 5s));
    auto shot = take_screenshot(display, dir.path(), hub.ports(), "chart");
    INFO(shot.log);
    REQUIRE(shot.exit_code == 0);
    // The Zone panel: the right 42 % of the window, under the alert queue (the default layout).
    const int top = 34, upper = (shot.height - top) * 64 / 100;
    const int x0 = shot.width * 58 / 100, y0 = top + upper * 62 / 100, y1 = top + upper;
    auto frame = shot.count(x0, y0, shot.width, y1, is_plot_frame);
    const int panel_width = shot.width - x0;
    MESSAGE("plot frame pixels in the Zone panel: " << frame << " (panel " << panel_width << " px wide)");
    // Four text lines high (64 px) and at least half the panel wide.
    CHECK(frame > static_cast<std::size_t>(panel_width / 2 * 50));
}

TEST_CASE("a hub outage fills the top of the screen with the time the picture is from, and greys the rest") {
    TempDir dir("platslage-it06o");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    VirtualDisplay display(dir.path());
    auto png = dir.path() / "outage.png";
    ChildProcess console({"/usr/bin/env", "DISPLAY=" + display.name(), "LIBGL_ALWAYS_SOFTWARE=1", PLATSLAGE_CONSOLE_BIN,
                          "--router", loopback(hub.ports().router), "--pub", loopback(hub.ports().pub), "--maps",
                          PLATSLAGE_MAPS_DIR, "--screenshot", png.string(), "--screenshot-at-s", "16", "--width", "1280",
                          "--height", "800", "--key", key_file("viewer-1"), "--hub-key", hub_key_file()},
                         dir.path() / "outage.log");
    // Live first: the hub's heartbeats reach the console.
    REQUIRE(eventually([&] { return console.log_text().find("the picture from the hub is live") != std::string::npos; }, 10s));
    std::this_thread::sleep_for(2s);
    REQUIRE(console.running());
    const auto killed_at = std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
    hub.process().signal(SIGKILL);

    Screenshot shot;
    shot.exit_code = console.wait(60s);
    shot.log = console.log_text();
    INFO(shot.log);
    CHECK(shot.exit_code == 3); // the picture was not live when it was taken
    int channels = 0;
    unsigned char* data = stbi_load(png.c_str(), &shot.width, &shot.height, &channels, 3);
    REQUIRE(data);
    shot.rgb.assign(data, data + static_cast<std::size_t>(shot.width) * static_cast<std::size_t>(shot.height) * 3);
    stbi_image_free(data);

    // The log marks the outage with the time of the last data, a moment before the kill.
    const std::string mark = "hub not answering: data as of ";
    auto at = shot.log.find(mark);
    REQUIRE(at != std::string::npos);
    auto as_of = shot.log.substr(at + mark.size(), 8);
    bool near = false;
    for (int back = 0; back <= 3; ++back) near |= as_of == stockholm_clock_text(killed_at - std::chrono::seconds(back));
    CHECK_MESSAGE(near, "data as of " << as_of << ", killed at " << stockholm_clock_text(killed_at));

    // On screen: the banner's deep red across the top, white text on it; below it, grey.
    auto banner_red = [](int r, int g, int b) { return r > 130 && r < 185 && g < 40 && b < 45; };
    const int band = shot.height / 10;
    const auto top = shot.count(0, 0, shot.width, band, banner_red);
    const auto lower = shot.count(0, shot.height / 4, shot.width, shot.height, banner_red);
    MESSAGE("banner pixels in the top tenth: " << top << " of " << shot.width * band << "; further down " << lower);
    CHECK(top > static_cast<std::size_t>(shot.width * band) * 7 / 10);
    CHECK(lower < 2000);
    // Greyed: no pixel of the lower screen is brighter than the grey veil lets through.
    auto bright = [](int r, int g, int b) { return r > 200 && g > 200 && b > 200; };
    CHECK(shot.count(0, shot.height / 4, shot.width, shot.height, bright) == 0);
}

TEST_CASE("a new critical alert sounds the alarm through the audio device and asks for the window's attention") {
    TempDir dir("platslage-it06s");
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url());
    REQUIRE(hub.wait_mqtt_up());
    VirtualDisplay display(dir.path());
    Handheld hh(broker.url(), "centralen", "hh-06s");
    REQUIRE(hh.publish_report(report_json("care-s", "centralen.vantytor", 1, {"needs_care"})));
    REQUIRE(eventually([&] { return hub.status()["alerts_open"] == 1; }, 5s));

    // SDL's disk audio driver stands in for a sound card: what would be heard is written to a file.
    const auto heard = dir.path() / "heard.raw";
    const auto png = dir.path() / "sound.png";
    ChildProcess console({"/usr/bin/env", "DISPLAY=" + display.name(), "LIBGL_ALWAYS_SOFTWARE=1", "SDL_AUDIODRIVER=disk",
                          "SDL_DISKAUDIOFILE=" + heard.string(), PLATSLAGE_CONSOLE_BIN, "--router", loopback(hub.ports().router),
                          "--pub", loopback(hub.ports().pub), "--maps", PLATSLAGE_MAPS_DIR, "--screenshot", png.string(),
                          "--screenshot-at-s", "4", "--key", key_file("viewer-1"), "--hub-key", hub_key_file()},
                         dir.path() / "sound.log");
    REQUIRE(console.wait(60s) == 0);
    const auto log = console.log_text();
    INFO(log);
    CHECK(log.find("alarm sound on (disk driver)") != std::string::npos);
    CHECK(log.find("alarm: critical, not acknowledged: A-000001") != std::string::npos);
    CHECK(log.find("no sound") == std::string::npos);
    // Once: the pictures after the first do not sound it again.
    CHECK(log.find("alarm:", log.find("alarm: critical") + 1) == std::string::npos);
    // The tone reached the device: 16-bit samples, not silence.
    const auto bytes = file_text(heard);
    REQUIRE(bytes.size() >= 2048);
    int loud = 0;
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
        const auto sample = static_cast<std::int16_t>(static_cast<unsigned char>(bytes[i]) | (static_cast<unsigned char>(bytes[i + 1]) << 8));
        loud += std::abs(sample) > 8000 ? 1 : 0;
    }
    MESSAGE("audio written: " << bytes.size() << " bytes, " << loud << " loud samples");
    CHECK(loud > 500);
}
