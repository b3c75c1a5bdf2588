#pragma once
// A camera's user and password, read when the counters config is read: from a file (one
// line, "user:password", mode 0600: refused when others could read it) or from an environment
// variable holding the same. Errors name the file or the variable, never what is in it.
#include "live_sum_camera.hpp"

#include <string>

namespace platslage::counters {

// "user:password", the password taking everything after the first colon. Throws
// std::runtime_error with `where` (the file or variable) when it is not of that form.
CameraCredentials parse_camera_credentials(const std::string& text, const std::string& where);

CameraCredentials credentials_from_file(const std::string& path);
CameraCredentials credentials_from_env(const std::string& variable);

} // namespace platslage::counters
