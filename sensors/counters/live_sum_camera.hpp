#pragma once
// An AXIS People Counter the adapter polls for its live sum (VAPIX People counter API,
// GET /local/tvpc/.api?live-sum.json; older releases of the application answer under
// /local/people-counter/), as the counters config lists it under [[live-sum]]. The camera's
// answer names its own serial and counter, which the [[line]] entries map to a zone, so the
// URL only says where to ask.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace platslage::counters {

// Who the adapter is to the camera. Read from a file or an environment variable so that the
// config file itself can be shared; never logged, never part of an error message.
struct CameraCredentials {
    std::string user;
    std::string password;
    // VAPIX answers an unauthenticated request with the methods it accepts. Digest keeps the
    // password off the wire; basic sends it readable over plain HTTP and is for cameras set
    // to accept nothing else.
    bool digest = true;
};

struct LiveSumCamera {
    std::string url;                  // as in the config, for log lines: never holds credentials
    std::string origin;               // "http://10.0.0.5" or "http://10.0.0.5:8080"
    std::string target;               // "/local/tvpc/.api?live-sum.json"
    std::chrono::seconds every{60};   // the poll period
    std::chrono::seconds timeout{5};  // for connecting, and again for the answer
    std::optional<CameraCredentials> credentials;
};

// An http:// URL split into the origin a client connects to and the target it requests.
struct HttpUrl {
    std::string origin;
    std::string target;
};

// Plain http:// only (the cameras are on the stations' own network; HTTPS is not offered). A
// URL with a user or password in it is refused: it would end up in log lines.
std::optional<HttpUrl> split_http_url(std::string_view url, std::string& why);

} // namespace platslage::counters
