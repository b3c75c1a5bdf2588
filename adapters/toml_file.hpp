#pragma once
// Reading a TOML settings file (toml++): a file that is not TOML is refused with its name
// and the line where reading stopped, the same way for every program's settings.
#include <toml++/toml.h>

#include <stdexcept>
#include <string>

namespace platslage {

inline toml::table read_toml_file(const std::string& path) {
    try {
        return toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        throw std::runtime_error(path + ": " + std::string(e.description()) + " (line " +
                                 std::to_string(e.source().begin.line) + ")");
    }
}

} // namespace platslage
