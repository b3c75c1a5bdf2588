#include "topic.hpp"

#include "privacy_scrub.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace platslage {

namespace {

struct Leaf {
    std::string_view role;
    std::string_view leaf;
    TopicKind kind;
};

constexpr std::array<Leaf, 10> leaves{{
    {"guard", "report", TopicKind::guard_report},
    {"guard", "shift", TopicKind::guard_shift},
    {"guard", "receipt", TopicKind::guard_receipt},
    {"outreach", "status", TopicKind::outreach_status},
    {"outreach", "dispatch", TopicKind::outreach_dispatch},
    {"device", "online", TopicKind::device_online},
    {"outreach", "ack", TopicKind::outreach_ack},
    {"outreach", "outcome", TopicKind::outreach_outcome},
    {"outreach", "receipt", TopicKind::outreach_receipt},
    {"hub", "meetings", TopicKind::hub_notice},
}};

std::vector<std::string_view> split(std::string_view s) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        auto slash = s.find('/', start);
        parts.push_back(s.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return parts;
}

} // namespace

bool is_actor_id(std::string_view id) {
    if (id.empty() || id.size() > 32) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    // An id is stored with everything its device sends, so it must not be an identity or phone
    // number ("19800101-1234", "070-1234567"); ids are short names, so any number the
    // scrubber would take out of a note is refused in one. An id has no '@', so one with too
    // few digits for any number the scrubber takes out needs no scrubbing (most ids: "axis-1").
    auto digits = std::count_if(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (static_cast<std::size_t>(digits) < fewest_digits_redacted) return true;
    return scrub_identifiers(id).redactions == 0;
}

std::string actor_id_refusal(std::string_view field, std::string_view what) {
    return "field '" + std::string(field) + "' must be " + std::string(what) + ": 1-32 of A-Z a-z 0-9 _ -, and not an identity or phone number";
}

Checked<Topic> parse_topic(std::string_view topic) {
    auto parts = split(topic);
    if (parts.size() < 2 || parts[0] != mqtt_root)
        return Rejection{RejectReason::unknown_topic, "topic is not under platslage/"};
    if (parts[1] != mqtt_version)
        return Rejection{RejectReason::wrong_version,
                         "protocol version '" + std::string(parts[1]) + "' is not spoken here (expected v1)"};
    if (parts.size() != 6) return Rejection{RejectReason::unknown_topic, "expected platslage/v1/<station>/<role>/<id>/<leaf>"};
    // The station is checked against the maps by the caller; its shape is checked here, since a
    // refusal is counted under the topic's station and device.
    if (!is_actor_id(parts[2]))
        return Rejection{RejectReason::unknown_topic, "station id must be 1-32 of A-Z a-z 0-9 _ -"};
    for (const auto& l : leaves) {
        if (parts[3] != l.role || parts[5] != l.leaf) continue;
        if (!is_actor_id(parts[4]))
            return Rejection{RejectReason::unknown_topic, "device or team id must be 1-32 of A-Z a-z 0-9 _ -, and not an identity or phone number"};
        return Topic{std::string(parts[2]), l.kind, std::string(parts[4])};
    }
    return Rejection{RejectReason::unknown_topic,
                     "no message '" + std::string(parts[3]) + "/…/" + std::string(parts[5]) + "' in protocol v1"};
}

std::string topic_string(const Topic& t) {
    for (const auto& l : leaves)
        if (l.kind == t.kind)
            return std::string(mqtt_root) + "/" + std::string(mqtt_version) + "/" + t.station + "/" +
                   std::string(l.role) + "/" + t.actor + "/" + std::string(l.leaf);
    return {};
}

} // namespace platslage
