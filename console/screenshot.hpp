#pragma once
// Writes the current back buffer to a PNG (the README's picture is made this way).
#include <string>

namespace platslage::console {

// Call after rendering a frame and before swapping buffers.
bool write_screenshot(const std::string& path, int width, int height);

} // namespace platslage::console
