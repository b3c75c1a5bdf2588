#pragma once
// Secrets on disk: a broker password, a key's secret half. Written readable by their owner
// only (0600), and refused when read if anyone else could read them, the way ssh refuses a
// private key left open: a secret that leaked through a file's mode is not a secret.
#include <filesystem>
#include <string>

namespace platslage {

// The file's text without its trailing line break. Throws (naming the file, never its text)
// when it cannot be read, is empty, or is readable by its group or others.
std::string read_secret_file(const std::filesystem::path& path);

// Writes `text` and a line break to a new or truncated file of mode 0600; with `only_new`, an
// existing file is refused instead (a device's new password never overwrites anything).
void write_secret_file(const std::filesystem::path& path, const std::string& text, bool only_new = false);

} // namespace platslage
