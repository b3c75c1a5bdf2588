#include "broker_acl.hpp"

#include "topic.hpp"

#include <array>

namespace platslage {

namespace {
constexpr std::array<std::string_view, 6> kind_names{"guard", "team", "hub", "simulator", "counters", "camera"};

// Read access to one topic filter takes three entries: subscribing to it, receiving what is
// published on it, and unsubscribing again.
void reads(std::vector<AclEntry>& acl, const std::string& filter) {
    acl.push_back({AclType::subscribe_pattern, filter});
    acl.push_back({AclType::publish_receive, filter});
    acl.push_back({AclType::unsubscribe_pattern, filter});
}

void sends(std::vector<AclEntry>& acl, const std::string& topic) { acl.push_back({AclType::publish_send, topic}); }

bool is_vendor_filter(const std::string& f) {
    // A vendor's topics are the vendor's: none may reach into Platsläge's own, or $SYS/$CONTROL.
    if (f.empty() || f.size() > 200 || f.rfind("platslage", 0) == 0 || f[0] == '$' || f == "#" || f.rfind("+/", 0) == 0)
        return false;
    for (char c : f)
        if (static_cast<unsigned char>(c) < 0x20) return false;
    auto hash = f.find('#');
    return hash == std::string::npos || hash == f.size() - 1;
}
} // namespace

std::string_view device_kind_name(DeviceKind k) { return kind_names[static_cast<std::size_t>(k)]; }

std::optional<DeviceKind> device_kind_from_name(std::string_view name) {
    for (std::size_t i = 0; i < kind_names.size(); ++i)
        if (kind_names[i] == name) return static_cast<DeviceKind>(i);
    return std::nullopt;
}

std::string_view acl_type_name(AclType t) {
    switch (t) {
    case AclType::publish_send: return "publishClientSend";
    case AclType::publish_receive: return "publishClientReceive";
    case AclType::subscribe_literal: return "subscribeLiteral";
    case AclType::subscribe_pattern: return "subscribePattern";
    case AclType::unsubscribe_pattern: return "unsubscribePattern";
    }
    return "";
}

Checked<std::vector<AclEntry>> device_acls(const DeviceGrant& g) {
    if (!is_actor_id(g.id)) return Rejection{RejectReason::bad_value, "id must be 1-32 of A-Z a-z 0-9 _ -"};
    const bool on_station = g.kind == DeviceKind::guard || g.kind == DeviceKind::team;
    if (on_station && !is_actor_id(g.station)) return Rejection{RejectReason::bad_value, "a guard or team device needs its station"};
    if (!on_station && !g.station.empty()) return Rejection{RejectReason::bad_value, "only guard and team devices belong to a station"};
    const bool vendor = g.kind == DeviceKind::counters || g.kind == DeviceKind::camera;
    if (vendor && g.topics.empty()) return Rejection{RejectReason::missing_field, "a counters adapter or camera needs its vendor topics"};
    if (!vendor && !g.topics.empty()) return Rejection{RejectReason::bad_value, "only counters adapters and cameras take topics"};
    for (const auto& t : g.topics)
        if (!is_vendor_filter(t)) return Rejection{RejectReason::bad_value, "'" + refusal_text(t) + "' is not a vendor topic filter"};

    std::vector<AclEntry> acl;
    auto own = [&](TopicKind k) { return topic_string(Topic{g.station, k, g.id}); };
    const std::string notice = topic_string(Topic{g.station, TopicKind::hub_notice, "notice"});
    switch (g.kind) {
    case DeviceKind::guard:
        for (auto k : {TopicKind::guard_report, TopicKind::guard_shift, TopicKind::device_online}) sends(acl, own(k));
        reads(acl, own(TopicKind::guard_receipt));
        reads(acl, notice);
        break;
    case DeviceKind::team:
        for (auto k : {TopicKind::outreach_status, TopicKind::outreach_ack, TopicKind::outreach_outcome, TopicKind::device_online})
            sends(acl, own(k));
        reads(acl, own(TopicKind::outreach_dispatch));
        reads(acl, own(TopicKind::outreach_receipt));
        reads(acl, notice);
        break;
    case DeviceKind::hub:
        // Every version level is read, so a handheld speaking another version is refused with a reason.
        reads(acl, "platslage/#");
        for (const char* t : {"platslage/v1/+/guard/+/receipt", "platslage/v1/+/outreach/+/dispatch",
                              "platslage/v1/+/outreach/+/receipt", "platslage/v1/+/hub/notice/meetings"})
            sends(acl, t);
        break;
    case DeviceKind::simulator:
        for (const char* t : {"platslage/v1/+/guard/+/report", "platslage/v1/+/guard/+/shift", "platslage/v1/+/outreach/+/status",
                              "platslage/v1/+/outreach/+/ack", "platslage/v1/+/outreach/+/outcome",
                              "platslage/v1/+/device/+/online"})
            sends(acl, t);
        for (const char* t : {"platslage/v1/+/guard/+/receipt", "platslage/v1/+/outreach/+/dispatch",
                              "platslage/v1/+/outreach/+/receipt", "platslage/v1/+/hub/notice/meetings"})
            reads(acl, t);
        break;
    case DeviceKind::counters:
        for (const auto& t : g.topics) reads(acl, t);
        break;
    case DeviceKind::camera:
        for (const auto& t : g.topics) sends(acl, t);
        break;
    }
    return acl;
}

} // namespace platslage
