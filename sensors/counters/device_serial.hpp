#pragma once
// A counter's serial as the config and the payloads name it. Xovis writes its serial like a
// MAC address ("00:6E:02:08:12:A4" in one push, "00:00:34:56:2b:7c" in another), AXIS as
// twelve hex digits ("ACCC8E012345"): compared without colons or dashes and in upper case,
// so a partner copying it from a sticker or a web page gets the same camera.
#include <string>
#include <string_view>

namespace platslage::counters {

inline std::string normalise_serial(std::string_view serial) {
    std::string out;
    out.reserve(serial.size());
    for (char c : serial) {
        if (c == ':' || c == '-') continue;
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return out;
}

} // namespace platslage::counters
