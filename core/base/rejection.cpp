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
    "unknown_meeting", "forbidden",
};
static_assert(static_cast<std::size_t>(RejectReason::forbidden) + 1 == reject_reason_count);
} // namespace

std::string_view reason_name(RejectReason r) { return names[static_cast<std::size_t>(r)]; }

std::optional<RejectReason> reason_from_name(std::string_view name) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<RejectReason>(i);
    return std::nullopt;
}

namespace {
// Cuts `text` to at most `max` bytes at a character boundary; true if anything was cut.
bool cut_to(std::string& text, std::size_t max) {
    if (text.size() <= max) return false;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut; // not inside a character
    text.resize(cut);
    return true;
}
} // namespace

std::string refusal_text(std::string_view text) {
    // Size first: only what can be kept is read further. A number the cut went through is
    // dropped whole, so the part that remains cannot be the start of an identity number.
    std::string head(text.substr(0, std::min(text.size(), refusal_detail_max + 1)));
    bool cut = cut_to(head, refusal_detail_max);
    // So does an address the cut went through: its name part would not be known for one
    // without its domain.
    if (cut) {
        head.resize(without_trailing_address(head).size());
        head.resize(without_trailing_number(head).size());
    }
    std::string out = scrub_identifiers(head).text;
    for (char& c : out) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) c = '?';
    }
    // A marker is longer than what it replaced: cut again, to the same bound.
    cut = cut_to(out, refusal_detail_max) || cut;
    return cut ? out + "…" : out;
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
