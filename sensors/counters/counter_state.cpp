#include "counter_state.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace platslage::counters {

namespace {
constexpr std::uintmax_t max_state_bytes = 16u << 20; // far above any station's counters

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
    throw std::runtime_error("counters state " + path.string() + ": " + what);
}
} // namespace

std::optional<nlohmann::json> StateFile::read() const {
    std::error_code ec;
    if (!std::filesystem::exists(path_, ec)) return std::nullopt;
    auto size = std::filesystem::file_size(path_, ec);
    if (ec) fail(path_, ec.message());
    if (size > max_state_bytes) fail(path_, "larger than " + std::to_string(max_state_bytes) + " bytes");
    std::ifstream in(path_, std::ios::binary);
    if (!in) fail(path_, "cannot be opened");
    std::stringstream text;
    text << in.rdbuf();
    auto j = nlohmann::json::parse(text.str(), nullptr, false);
    if (j.is_discarded()) fail(path_, "not JSON");
    return j;
}

void StateFile::write(const nlohmann::json& state) const {
    auto fresh = path_;
    fresh += ".new";
    auto text = state.dump();
    int fd = ::open(fresh.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) fail(fresh, std::strerror(errno));
    const char* at = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        auto n = ::write(fd, at, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int err = errno;
            ::close(fd);
            fail(fresh, std::strerror(err));
        }
        at += n;
        left -= static_cast<std::size_t>(n);
    }
    // On disk before it replaces the old state, so a crash never leaves an empty file in its place.
    if (::fsync(fd) != 0) {
        int err = errno;
        ::close(fd);
        fail(fresh, std::strerror(err));
    }
    ::close(fd);
    std::error_code ec;
    std::filesystem::rename(fresh, path_, ec);
    if (ec) fail(path_, ec.message());
}

} // namespace platslage::counters
