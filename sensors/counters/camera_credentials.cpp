#include "camera_credentials.hpp"

#include "secret_file.hpp"

#include <cstdlib>
#include <stdexcept>

namespace platslage::counters {

CameraCredentials parse_camera_credentials(const std::string& text, const std::string& where) {
    auto line = text.substr(0, text.find('\n'));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == line.size())
        throw std::runtime_error(where + " must hold user:password on its first line");
    return CameraCredentials{line.substr(0, colon), line.substr(colon + 1), true};
}

CameraCredentials credentials_from_file(const std::string& path) {
    // A secret like any other (adapters/secret_file.hpp): refused when others could read it.
    std::string text;
    try {
        text = read_secret_file(path);
    } catch (const std::runtime_error& e) {
        throw std::runtime_error("credentials file '" + path + "' cannot be read (" + e.what() + ")");
    }
    return parse_camera_credentials(text, "credentials file '" + path + "'");
}

CameraCredentials credentials_from_env(const std::string& variable) {
    const char* value = std::getenv(variable.c_str());
    if (!value || !*value) throw std::runtime_error("environment variable '" + variable + "' is not set");
    return parse_camera_credentials(value, "environment variable '" + variable + "'");
}

} // namespace platslage::counters
