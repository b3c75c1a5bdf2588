// The live picture's entries as a console reads them from the hub (core/picture/picture_codec.hpp):
// decode_entry must never throw, whatever the body, and what it reads must be stable under
// the hub's own encoders: once through encode and decode, a second pass changes nothing
// (the first pass may drop what cannot be written back, such as a time past year 9999).
//
// Input: the key on the first line, the body after it.
#include "harness.hpp"
#include "picture_codec.hpp"

#include <optional>
#include <string>
#include <type_traits>
#include <variant>

using namespace platslage;
using namespace platslage::fuzz;

namespace {

// The body the hub would publish for the decoded entry; none for the meeting families,
// whose body depends on the hub's clock (the next meeting) and for other keys.
std::optional<std::string> encoded(const PictureEntry& e) {
    return std::visit(
        [](const auto& v) -> std::optional<std::string> {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, PublishedAlert>) return to_published_json(v.alert).dump();
            else if constexpr (std::is_same_v<T, MeetingNote>) return to_json(v).dump();
            else if constexpr (std::is_same_v<T, std::monostate> || std::is_same_v<T, MeetingEntry>) return std::nullopt;
            else return to_json(v).dump();
        },
        e);
}

std::optional<std::string> pass(std::string_view key, std::string_view body) {
    auto e = decode_entry(key, body);
    return e ? encoded(*e) : std::nullopt;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto [key, body] = split_line(as_text(data, size));
    auto once = pass(key, body);
    if (!once) return 0;
    auto twice = pass(key, *once);
    FUZZ_REQUIRE(twice.has_value()); // what the encoder wrote, the decoder reads
    auto thrice = pass(key, *twice);
    FUZZ_REQUIRE(thrice.has_value());
    if (*twice != *thrice) violated("a second pass changes nothing", __FILE__, __LINE__, *twice + " vs " + *thrice);
    return 0;
}
