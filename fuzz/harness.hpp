#pragma once
// What every fuzz harness shares: the maps the hub runs with, one fixed "now", and how a
// broken invariant stops the run so libFuzzer (or the corpus replay) reports the input.
#include "privacy_scrub.hpp"
#include "rejection.hpp"
#include "time_text.hpp"
#include "zone_map.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

namespace platslage::fuzz {

// Loaded once: zone ids in accepted results must be among these.
inline const ZoneMap& maps() {
    static const ZoneMap zones = ZoneMap::load_dir(PLATSLAGE_MAPS_DIR);
    return zones;
}

// A winter night, fixed, so that whether an input is accepted depends on the input alone.
inline TimePoint now() {
    static const TimePoint t = *parse_rfc3339("2026-11-24T23:00:00Z");
    return t;
}

// How far ahead of the hub a device clock may be (the protocol's common rules).
inline constexpr Millis clock_ahead{std::chrono::minutes(10)};

[[noreturn]] inline void violated(const char* what, const char* file, int line, const std::string& detail = {}) {
    std::fprintf(stderr, "%s:%d: invariant violated: %s%s%s\n", file, line, what, detail.empty() ? "" : ": ",
                 detail.c_str());
    std::abort();
}

// A macro rather than a function, so the message names the condition and the line.
#define FUZZ_REQUIRE(cond) ((cond) ? void(0) : ::platslage::fuzz::violated(#cond, __FILE__, __LINE__))

// A refusal is counted, logged and stored with its detail, and sent back in a receipt, so
// it must say why (rejection.hpp: "one line").
inline void check_refusal(const Rejection& why) {
    FUZZ_REQUIRE(static_cast<std::size_t>(why.reason) < reject_reason_count);
    FUZZ_REQUIRE(!why.detail.empty());
    if (why.detail.find_first_of("\r\n") != std::string::npos)
        violated("refusal detail is one line", __FILE__, __LINE__, std::string(reason_name(why.reason)));
    FUZZ_REQUIRE(why.detail.size() <= refusal_detail_max + std::string_view("…").size());
}

// Whether a parser accepted its input; a refusal is checked on the way out.
template <class Parsed>
bool accepted(const Parsed& parsed) {
    if (parsed) return true;
    check_refusal(parsed.rejection());
    return false;
}

// Free text that was scrubbed once has nothing left to scrub: otherwise an identifier got
// past the scrubber and into the log.
inline void check_scrubbed(const std::string& text) {
    auto again = scrub_identifiers(text);
    if (again.redactions != 0) violated("scrubbed text holds no identifiers", __FILE__, __LINE__, again.text);
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// "<first line>\n<rest>": a topic and its payload. Without a newline, all of it is the first line.
inline std::pair<std::string_view, std::string_view> split_line(std::string_view in) {
    auto nl = in.find('\n');
    if (nl == std::string_view::npos) return {in, {}};
    return {in.substr(0, nl), in.substr(nl + 1)};
}

// The harnesses that serve several parsers choose one with the input's first byte; the seeds
// use the digits '0', '1', … so a corpus file shows which parser it is for.
inline std::pair<unsigned, std::string_view> choose(std::string_view in, unsigned choices) {
    if (in.empty()) return {0, {}};
    return {static_cast<unsigned char>(in[0]) % choices, in.substr(1)};
}

} // namespace platslage::fuzz
