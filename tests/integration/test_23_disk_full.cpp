// The database's disk fills up, for real: the hub's database on a file system of its own (a
// small tmpfs), filled by a file beside it. No receipt goes out for a report that was not
// stored; the hub says so in its status and in the picture, the real console shows it; and
// when space returns the hub carries on by itself, and every report sent again is stored once.
#include "system_under_test.hpp"
#include "virtual_display.hpp"

#include <doctest/doctest.h>

#include <stb_image.h>
#include <sys/mount.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <thread>

using namespace platslage;
using namespace platslage::test;
using namespace std::chrono_literals;

namespace {

// A disk of its own, mounted for the test and taken away after it. Needs root with
// CAP_SYS_ADMIN, which scripts/test has (it installs packages as root).
class SmallDisk {
public:
    explicit SmallDisk(std::filesystem::path at) : at_(std::move(at)) {
        std::filesystem::create_directories(at_);
        if (::mount("tmpfs", at_.c_str(), "tmpfs", 0, "size=16m,mode=0700") == 0) return;
        not_permitted_ = errno == EPERM || errno == EACCES;
        why_ = "cannot mount a tmpfs for the full-disk test (root with CAP_SYS_ADMIN needed): " + std::string(std::strerror(errno));
    }
    ~SmallDisk() {
        if (why_.empty()) ::umount2(at_.c_str(), MNT_DETACH);
    }
    bool mounted() const { return why_.empty(); }
    bool not_permitted() const { return not_permitted_; }
    const std::string& why() const { return why_; }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;

    const std::filesystem::path& path() const { return at_; }
    // Writes a file until the disk refuses: what a runaway log or a copied backup does.
    void fill() {
        std::ofstream filler(at_ / "filler", std::ios::binary);
        const std::string block(64 * 1024, 'x');
        while (filler.write(block.data(), static_cast<std::streamsize>(block.size())) && filler.flush()) {
        }
    }
    void make_room() { std::filesystem::remove(at_ / "filler"); }

private:
    std::filesystem::path at_;
    std::string why_;
    bool not_permitted_ = false;
};

// The receipt for `id`, waiting up to `wait`; empty when none came.
std::string receipt_status(Handheld& device, const std::string& id, std::chrono::milliseconds wait) {
    std::string status;
    eventually([&] {
        for (const auto& r : device.receipts())
            if (r.value("id", "") == id) status = r.value("status", "");
        return !status.empty();
    }, wait);
    return status;
}

std::string storage_state(Hub& hub) {
    try {
        return hub.status()["storage"].value("state", "");
    } catch (const std::exception&) {
        return "";
    }
}

} // namespace

TEST_CASE("faults: the database's disk fills up: no receipt for what was not stored, the status and the console say so, and the hub carries on when space returns") {
    TempDir dir("platslage-it23");
    SmallDisk disk(dir.path() / "disk");
    if (!disk.mounted()) {
        // A machine that does not let the tests mount (no root, a container without
        // CAP_SYS_ADMIN) cannot fill a disk of its own: said loudly, not failed. Any other
        // reason the mount fails is a failure.
        REQUIRE_MESSAGE(disk.not_permitted(), disk.why());
        WARN_MESSAGE(false, "NOT RUN: " << disk.why());
        return;
    }
    Broker broker(dir.path());
    Hub hub(dir.path(), broker.url(), {}, {"--db", (disk.path() / "platslage.db").string(), "--log-level", "info"});
    REQUIRE(hub.wait_mqtt_up());
    VirtualDisplay display(dir.path());
    ChildProcess console({"/usr/bin/env", "DISPLAY=" + display.name(), "LIBGL_ALWAYS_SOFTWARE=1", PLATSLAGE_CONSOLE_BIN, "--router",
                          loopback(hub.ports().router), "--pub", loopback(hub.ports().pub), "--maps", PLATSLAGE_MAPS_DIR, "--key",
                          key_file("viewer-1"), "--hub-key", hub_key_file()},
                         dir.path() / "console.log");
    REQUIRE(eventually([&] { return console.log_text().find("the picture from the hub is live") != std::string::npos; }, 15s));
    zmq::context_t ctx(1);
    Subscriber watcher(ctx, hub.ports());

    Handheld device(broker.url(), "centralen", "hh-71");
    std::vector<std::string> sent;
    auto send = [&](const std::string& id) {
        sent.push_back(id);
        REQUIRE(device.publish_report(report_json(id, "centralen.vantytor", 1, {"sleeping"})));
    };
    send("df-before");
    REQUIRE(receipt_status(device, "df-before", 5s) == "stored");

    disk.fill();
    // The log may still write into room it had (its WAL is reused after a checkpoint), so
    // reports go on until the first that gets no receipt: the first write the disk refused.
    std::vector<std::string> unreceipted;
    for (int i = 0; i < 2000 && unreceipted.empty(); ++i) {
        auto id = "df-" + std::to_string(i);
        send(id);
        auto status = receipt_status(device, id, 1500ms);
        if (status.empty()) unreceipted.push_back(id);
        else REQUIRE(status == "stored"); // a receipt says stored only for what is stored
    }
    REQUIRE(unreceipted.size() == 1);
    MESSAGE("the disk refused the write of report " << sent.size() - 1 << " after it was full");

    CHECK(eventually([&] { return storage_state(hub) == "failing"; }, 5s));
    auto status = hub.status();
    CHECK(status["storage"]["error"].get<std::string>().find("full") != std::string::npos);
    CHECK(status["store_failures"].get<int>() >= 1);
    CHECK(eventually([&] {
        watcher.pump(100ms);
        return watcher.replica().entries().count("hub/storage") == 1;
    }, 5s));
    CHECK(eventually([&] { return console.log_text().find("the hub cannot store reports") != std::string::npos; }, 10s));
    {
        // On screen: the bar across the top red, and the picture below it not greyed or covered.
        auto png = dir.path() / "storage.png";
        ChildProcess shot({"/usr/bin/env", "DISPLAY=" + display.name(), "LIBGL_ALWAYS_SOFTWARE=1", PLATSLAGE_CONSOLE_BIN, "--router",
                           loopback(hub.ports().router), "--pub", loopback(hub.ports().pub), "--maps", PLATSLAGE_MAPS_DIR,
                           "--screenshot", png.string(), "--screenshot-wait-s", "3", "--width", "1280", "--height", "800",
                           "--key", key_file("viewer-1"), "--hub-key", hub_key_file()},
                          dir.path() / "storage-shot.log");
        CHECK(shot.wait(60s) == 0);
        int width = 0, height = 0, channels = 0;
        unsigned char* rgb = stbi_load(png.c_str(), &width, &height, &channels, 3);
        REQUIRE(rgb);
        auto count = [&](int y0, int y1, auto&& match) {
            std::size_t n = 0;
            for (int y = y0; y < y1; ++y)
                for (int x = 0; x < width; ++x) {
                    const unsigned char* p = rgb + (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3;
                    n += match(p[0], p[1], p[2]) ? 1 : 0;
                }
            return n;
        };
        auto bar_red = [](int r, int g, int b) { return r > 130 && r < 185 && g < 40 && b < 45; };
        auto bright = [](int r, int g, int b) { return r > 200 && g > 200 && b > 200; };
        const auto red_top = count(0, height / 6, bar_red);
        const auto red_below = count(height / 4, height, bar_red);
        const auto bright_below = count(height / 4, height, bright);
        stbi_image_free(rgb);
        MESSAGE("red pixels in the top sixth: " << red_top << "; further down " << red_below << "; bright below " << bright_below);
        CHECK(red_top > static_cast<std::size_t>(width) * 15); // the bar's rows, across the screen
        CHECK(red_below < 2000);
        CHECK(bright_below > 100); // the picture below is drawn as usual, not greyed
    }
    // More reports while it is full: none receipted, none stored.
    for (int i = 1; i <= 3; ++i) {
        auto id = "df-wait-" + std::to_string(i);
        send(id);
        CHECK(receipt_status(device, id, 1500ms).empty());
        unreceipted.push_back(id);
    }
    CHECK(hub.process().running());

    disk.make_room();
    // As a handheld's outbox does: what has no receipt is sent again; now each is stored, once.
    for (const auto& id : unreceipted) {
        REQUIRE(device.publish_report(report_json(id, "centralen.vantytor", 1, {"sleeping"})));
        CHECK(receipt_status(device, id, 10s) == "stored");
    }
    CHECK(eventually([&] { return storage_state(hub) == "ok"; }, 5s));
    CHECK(hub.status()["storage"]["failed_writes_last_spell"].get<int>() >= 4);
    CHECK(eventually([&] {
        watcher.pump(100ms);
        return watcher.replica().entries().count("hub/storage") == 0;
    }, 5s));
    CHECK(eventually([&] { return console.log_text().find("the hub stores reports again") != std::string::npos; }, 10s));
    for (const auto& id : sent)
        CHECK_MESSAGE(sql_count(hub.db(), "SELECT count(*) FROM guard_reports WHERE device='hh-71' AND report_id='" + id + "'") == 1, id);
    CHECK(hub.process().running());
    console.signal(SIGTERM);
    console.wait(10s);
}
