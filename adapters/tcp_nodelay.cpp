#include "tcp_nodelay.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <charconv>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

namespace platslage {

namespace {

int peer_port(int fd) {
    int type = 0;
    socklen_t len = sizeof type;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0 || type != SOCK_STREAM) return -1;
    sockaddr_storage peer{};
    socklen_t peer_len = sizeof peer;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0) return -1;
    if (peer.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&peer)->sin_port);
    if (peer.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(&peer)->sin6_port);
    return -1; // a Unix socket, or not connected
}

} // namespace

int broker_port(const std::string& uri) {
    auto scheme = uri.find("://");
    auto host_from = scheme == std::string::npos ? 0 : scheme + 3;
    auto colon = uri.rfind(':');
    auto bracket = uri.rfind(']'); // an IPv6 address's colons are not the port's
    if (colon != std::string::npos && colon >= host_from && (bracket == std::string::npos || colon > bracket)) {
        int port = 0;
        auto digits = std::string_view(uri).substr(colon + 1);
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
        if (ec != std::errc{} || end != digits.data() + digits.size() || port < 1 || port > 65535) return -1;
        return port;
    }
    bool tls = uri.rfind("ssl://", 0) == 0 || uri.rfind("mqtts://", 0) == 0;
    return tls ? 8883 : 1883;
}

int disable_nagle_towards(int port) {
    int set = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
        auto name = entry.path().filename().string();
        int fd = -1;
        if (std::from_chars(name.data(), name.data() + name.size(), fd).ec != std::errc{}) continue;
        if (peer_port(fd) != port) continue;
        int on = 1;
        if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) == 0) ++set;
    }
    return set;
}

} // namespace platslage
