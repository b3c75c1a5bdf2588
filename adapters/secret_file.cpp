#include "secret_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace platslage {

std::string read_secret_file(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw std::runtime_error(path.string() + ": " + std::strerror(errno));
    if ((st.st_mode & 077) != 0)
        throw std::runtime_error(path.string() + ": a secret readable by others is refused; chmod 600 it");
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    if (!in.good() && !in.eof()) throw std::runtime_error(path.string() + ": cannot be read");
    if (s.empty()) throw std::runtime_error(path.string() + ": is empty");
    return s;
}

void write_secret_file(const std::filesystem::path& path, const std::string& text, bool only_new) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | (only_new ? O_EXCL : O_TRUNC) | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error(path.string() + ": " + std::strerror(errno));
    // An existing file keeps its mode through O_CREAT: make it 0600 before anything is in it.
    bool ok = ::fchmod(fd, 0600) == 0;
    std::string line = text + "\n";
    const char* p = line.data();
    std::size_t left = line.size();
    while (ok && left > 0) {
        auto n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) {
            p += n;
            left -= static_cast<std::size_t>(n);
        }
    }
    ok = ::fsync(fd) == 0 && ok;
    ::close(fd);
    if (!ok) throw std::runtime_error(path.string() + ": could not be written");
}

} // namespace platslage
