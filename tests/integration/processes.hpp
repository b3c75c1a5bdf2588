#pragma once
// Real processes for integration tests: started with fork/exec, output to a log file,
// and always ended by their own PID (never by name).
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/types.h>

namespace platslage::test {

// A free TCP port on 127.0.0.1 (bound to port 0, read back, released).
int free_port();
std::string loopback(int port);
bool port_accepts(int port);

// A fresh folder under the system temp dir, removed when the object goes.
class TempDir {
public:
    explicit TempDir(const std::string& prefix);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

class ChildProcess {
public:
    ChildProcess(std::vector<std::string> argv, std::filesystem::path log);
    ~ChildProcess(); // SIGTERM, then SIGKILL if it lingers; always reaped
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    bool running();
    void signal(int sig);
    // Waits for exit; returns the exit status (or -signal), or nullopt-like INT_MIN on timeout.
    int wait(std::chrono::milliseconds timeout);
    std::string log_text() const;

private:
    pid_t pid_ = -1;
    int status_ = 0;
    bool reaped_ = false;
    std::filesystem::path log_;
};

// Runs a command to completion (for mosquitto_pub); returns its exit status.
int run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);

// A file's bytes as they are on disk (empty when it cannot be read): what a process wrote.
std::string file_text(const std::filesystem::path& p);

// How much slower than a plain build the processes under test run: PLATSLAGE_TEST_SLOWDOWN,
// set by scripts/test-sanitized for its ASan hub; 1 otherwise. Latency bounds are multiplied
// by it, so they still tell a hub that keeps up from one that does not.
double slowdown();

// A whole number from the environment (a fault test's kills, its seed), or `fallback` when unset.
int env_int(const char* name, int fallback);
inline std::chrono::milliseconds scaled(std::chrono::milliseconds bound) {
    return std::chrono::milliseconds(static_cast<long long>(static_cast<double>(bound.count()) * slowdown()));
}

// The programs under test are built with a sanitizer: PLATSLAGE_TEST_SANITIZED, set by
// scripts/test-sanitized for its whole-suite runs. Their resident memory is then mostly the
// sanitizer's own (ASan's quarantine of freed blocks, TSan's shadow and histories), so a bound
// on it says nothing of the program's.
bool sanitized();

// Polls `ok` until it returns true or the time is up (`limit`, scaled by the slowdown).
template <class F>
bool eventually(F&& ok, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    auto until = std::chrono::steady_clock::now() + scaled(limit);
    while (std::chrono::steady_clock::now() < until) {
        if (ok()) return true;
        struct timespec ts{0, 20'000'000};
        nanosleep(&ts, nullptr);
    }
    return ok();
}

} // namespace platslage::test
