#pragma once
// Why an input from outside was refused. Every refusal has one of these reasons, is logged
// with a detail line, and is counted, so an operator can see what handhelds or sensors get wrong.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace platslage {

enum class RejectReason : std::uint8_t {
    malformed_json,   // not parseable JSON, or not valid UTF-8
    not_an_object,    // JSON, but not an object
    missing_field,    // a required field is absent
    unknown_field,    // a field the protocol does not define (refused so nothing unplanned is stored)
    wrong_type,       // a field has the wrong JSON type
    bad_value,        // right type, value out of range or inconsistent
    bad_timestamp,    // not RFC 3339 with an offset, or too far in the future
    unknown_station,  // station id not in the maps
    unknown_zone,     // zone id not in the maps
    unknown_category, // category outside the documented list
    topic_mismatch,   // topic and payload disagree (e.g. zone of another station)
    unknown_topic,    // topic not part of the protocol
    wrong_version,    // protocol version not spoken by this hub
    oversize,         // payload larger than the protocol allows
    unknown_alert,    // a command names an alert the hub does not have
    not_allowed,      // a command the alert's state does not allow (resolving a resolved alert)
    unknown_team,     // a command names an outreach team the hub has not heard from
    unknown_sensor,   // a counter (or a line on it) that the counters config does not map to a zone
    unknown_dispatch, // an answer or outcome for a dispatch order the hub never sent (or sent to another team)
    team_busy,        // a dispatch to a team that is engaged, on another order, off duty or not heard from lately
    unknown_meeting,  // a meeting, or an action item at it, that the hub does not have
    forbidden,        // the key the request came with does not allow it (a viewer's resolve), or is no longer admitted
};

inline constexpr std::size_t reject_reason_count = 22;

std::string_view reason_name(RejectReason r);
std::optional<RejectReason> reason_from_name(std::string_view name);

struct Rejection {
    RejectReason reason;
    std::string detail; // one line, never the payload itself (it may hold what we must not keep)
};

// Text from outside made safe to log and store with a refusal: details name the part of the
// input that was wrong (a key, a topic level), and input can hold an identity number, line
// breaks, or be long. Identifiers are scrubbed as in free text (privacy_scrub.hpp); control
// characters become '?', so one refusal stays one log line; past refusal_detail_max bytes the
// text is cut at a character boundary and ends in "…". Checked applies it to every refusal it
// carries; the hub to the topic a refused message came on.
inline constexpr std::size_t refusal_detail_max = 240;
std::string refusal_text(std::string_view text);

class RejectionCounters {
public:
    void count(RejectReason r) { ++counts_[static_cast<std::size_t>(r)]; }
    std::uint64_t of(RejectReason r) const { return counts_[static_cast<std::size_t>(r)]; }
    std::uint64_t total() const;
    // "malformed_json=2 unknown_zone=1", or "none".
    std::string summary() const;

private:
    std::array<std::uint64_t, reject_reason_count> counts_{};
};

} // namespace platslage
