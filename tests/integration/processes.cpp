#include "processes.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <mutex>
#include <set>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace platslage::test {

namespace {

bool can_bind(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

} // namespace

int env_int(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::atoi(v) : fallback;
}

double slowdown() {
    static const double factor = [] {
        const char* v = std::getenv("PLATSLAGE_TEST_SLOWDOWN");
        double f = v ? std::strtod(v, nullptr) : 1.0;
        return f >= 1.0 ? f : 1.0;
    }();
    return factor;
}

bool sanitized() {
    const char* v = std::getenv("PLATSLAGE_TEST_SANITIZED");
    return v && *v && std::string(v) != "0";
}

// Ports come from below the kernel's ephemeral range (32768 and up on Linux): a port picked
// there by binding to 0 can be handed out again, a moment later, as the source port of one
// of the test's own outgoing connections, and then the hub or broker cannot bind it. Every
// port is handed out once per test process, and the start is spread by PID so two test
// processes on one machine do not walk the same sequence.
int free_port() {
    static std::mutex guard;
    static std::set<int> handed_out;
    static std::mt19937 pick(static_cast<unsigned>(::getpid()) * 2654435761u ^ std::random_device{}());
    std::lock_guard lock(guard);
    std::uniform_int_distribution<int> range(20000, 32000);
    for (int attempt = 0; attempt < 2000; ++attempt) {
        int port = range(pick);
        if (handed_out.count(port) || !can_bind(port)) continue;
        handed_out.insert(port);
        return port;
    }
    throw std::runtime_error("no free loopback port between 20000 and 32000");
}

std::string loopback(int port) { return "tcp://127.0.0.1:" + std::to_string(port); }

bool port_accepts(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

TempDir::TempDir(const std::string& prefix) {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    if (!std::getenv("PLATSLAGE_KEEP_TEST_DIRS")) std::filesystem::remove_all(path_, ec);
}

ChildProcess::ChildProcess(std::vector<std::string> argv, std::filesystem::path log) : log_(std::move(log)) {
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
            ::close(fd);
        }
        std::vector<char*> args;
        for (auto& a : argv) args.push_back(a.data());
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
}

ChildProcess::~ChildProcess() {
    if (reaped_ || pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    if (wait(std::chrono::seconds(5)) == INT_MIN) {
        ::kill(pid_, SIGKILL);
        wait(std::chrono::seconds(5));
    }
}

bool ChildProcess::running() {
    if (reaped_) return false;
    return ::waitpid(pid_, &status_, WNOHANG) == 0 ? true : (reaped_ = true, false);
}

void ChildProcess::signal(int sig) {
    if (!reaped_) ::kill(pid_, sig);
}

int ChildProcess::wait(std::chrono::milliseconds timeout) {
    auto until = std::chrono::steady_clock::now() + timeout;
    while (!reaped_) {
        pid_t r = ::waitpid(pid_, &status_, WNOHANG);
        if (r == pid_) {
            reaped_ = true;
            break;
        }
        if (std::chrono::steady_clock::now() > until) return INT_MIN;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (WIFEXITED(status_)) return WEXITSTATUS(status_);
    if (WIFSIGNALED(status_)) return -WTERMSIG(status_);
    return INT_MIN;
}

std::string ChildProcess::log_text() const { return file_text(log_); }

std::string file_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

int run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
    TempDir dir("platslage-cmd");
    ChildProcess p(argv, dir.path() / "out.log");
    int rc = p.wait(timeout);
    return rc;
}

} // namespace platslage::test
