#include "virtual_display.hpp"

#include <random>
#include <stdexcept>

namespace platslage::test {

using namespace std::chrono_literals;

VirtualDisplay::VirtualDisplay(const std::filesystem::path& dir) {
    std::mt19937 rng(std::random_device{}());
    for (int attempt = 0; attempt < 20 && !process_; ++attempt) {
        int n = 100 + static_cast<int>(rng() % 800);
        auto socket = std::filesystem::path("/tmp/.X11-unix") / ("X" + std::to_string(n));
        auto lock = std::filesystem::path("/tmp") / (".X" + std::to_string(n) + "-lock");
        if (std::filesystem::exists(socket) || std::filesystem::exists(lock)) continue;
        auto xvfb =
            std::make_unique<ChildProcess>(std::vector<std::string>{"/usr/bin/Xvfb", ":" + std::to_string(n), "-screen",
                                                                    "0", "1920x1080x24", "-nolisten", "tcp"},
                                           dir / ("xvfb-" + std::to_string(n) + ".log"));
        if (eventually([&] { return std::filesystem::exists(socket) || !xvfb->running(); }, 10s) && xvfb->running()) {
            process_ = std::move(xvfb);
            name_ = ":" + std::to_string(n);
        }
    }
    if (!process_) throw std::runtime_error("could not start Xvfb");
}

} // namespace platslage::test
