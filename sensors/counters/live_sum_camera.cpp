#include "live_sum_camera.hpp"

#include <algorithm>
#include <charconv>

namespace platslage::counters {

std::optional<HttpUrl> split_http_url(std::string_view url, std::string& why) {
    constexpr std::string_view scheme = "http://";
    if (url.substr(0, 8) == "https://") {
        why = "HTTPS is not supported: the cameras are polled over plain http:// on the stations' network";
        return std::nullopt;
    }
    if (url.substr(0, scheme.size()) != scheme) {
        why = "must begin with http://";
        return std::nullopt;
    }
    auto rest = url.substr(scheme.size());
    auto slash = rest.find('/');
    auto authority = rest.substr(0, slash);
    if (authority.find('@') != std::string_view::npos) {
        why = "must not hold a user or password: give them with credentials-file or credentials-env";
        return std::nullopt;
    }
    auto colon = authority.rfind(':');
    auto host = authority.substr(0, colon);
    if (host.empty() || !std::all_of(host.begin(), host.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
        })) {
        why = "must name a host (a name or an IPv4 address)";
        return std::nullopt;
    }
    if (colon != std::string_view::npos) {
        auto port_text = authority.substr(colon + 1);
        int port = 0;
        auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 || port > 65535) {
            why = "has a port that is not 1-65535";
            return std::nullopt;
        }
    }
    auto target = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
    if (std::any_of(target.begin(), target.end(), [](char c) { return c <= ' ' || c == '#' || c == 0x7f; })) {
        why = "has spaces, control characters or a fragment in its path";
        return std::nullopt;
    }
    return HttpUrl{std::string(scheme) + std::string(authority), std::string(target)};
}

} // namespace platslage::counters
