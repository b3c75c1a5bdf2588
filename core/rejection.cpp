#include "rejection.hpp"

#include "privacy_scrub.hpp"

#include <algorithm>
#include <numeric>

namespace platslage {

namespace {
constexpr std::array<std::string_view, reject_reason_count> names{
    "malformed_json", "not_an_object", "missing_field",   "unknown_field",  "wrong_type",
    "bad_value",      "bad_timestamp", "unknown_station", "unknown_zone",   "unknown_category",
    "topic_mismatch", "unknown_topic", "wrong_version",   "oversize",       "unknown_alert",
    "not_allowed",    "unknown_team",  "unknown_sensor",  "unknown_dispatch", "team_busy",
    "unknown_meeting",
};
static_assert(static_cast<std::size_t>(RejectReason::unknown_meeting) + 1 == reject_reason_count);
} // namespace

std::string_view reason_name(RejectReason r) { return names[static_cast<std::size_t>(r)]; }

std::optional<RejectReason> reason_from_name(std::string_view name) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<RejectReason>(i);
    return std::nullopt;
}

std::string refusal_text(std::string_view text) {
    const auto scrubbed = scrub_identifiers(text).text;
    std::string out;
    out.reserve(std::min(scrubbed.size(), refusal_detail_max + 3));
    for (char c : scrubbed) {
        auto u = static_cast<unsigned char>(c);
        out += u < 0x20 || u == 0x7f ? '?' : c;
    }
    if (out.size() <= refusal_detail_max) return out;
    std::size_t cut = refusal_detail_max;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut; // not inside a character
    out.resize(cut);
    return out + "…";
}

std::uint64_t RejectionCounters::total() const {
    return std::accumulate(counts_.begin(), counts_.end(), std::uint64_t{0});
}

std::string RejectionCounters::summary() const {
    std::string out;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        if (counts_[i] == 0) continue;
        if (!out.empty()) out += ' ';
        out += names[i];
        out += '=';
        out += std::to_string(counts_[i]);
    }
    return out.empty() ? "none" : out;
}

} // namespace platslage
