#include "thread_cpu.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace platslage::bench {

namespace {
std::string first_line(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}
} // namespace

ThreadCpu thread_cpu(pid_t pid) {
    ThreadCpu cpu;
    const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
    std::error_code ec;
    for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
        auto stat = first_line(task.path() / "stat");
        auto name = first_line(task.path() / "comm");
        // The name in stat is in parentheses and may hold spaces: the fields are after the last ')'.
        auto close = stat.rfind(')');
        if (close == std::string::npos || name.empty()) continue; // ended while read
        std::istringstream fields(stat.substr(close + 1));
        // After the name: the state and ten fields more, then utime and stime (proc(5): fields 14
        // and 15, counted from the pid).
        std::string skipped;
        for (int i = 0; i < 11; ++i) fields >> skipped;
        unsigned long long utime = 0, stime = 0;
        if (fields >> utime >> stime) cpu[name] += static_cast<double>(utime + stime) / ticks;
    }
    return cpu;
}

std::map<std::string, double> cpu_us_per_message(const ThreadCpu& before, const ThreadCpu& after,
                                                 std::size_t messages) {
    std::map<std::string, double> per;
    if (messages == 0) return per;
    for (const auto& [name, seconds] : after) {
        auto was = before.find(name);
        double used = seconds - (was == before.end() ? 0.0 : was->second);
        if (used > 0) per[name] = used * 1e6 / static_cast<double>(messages);
    }
    return per;
}

} // namespace platslage::bench
