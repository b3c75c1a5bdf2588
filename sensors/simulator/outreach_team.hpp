#pragma once
// A simulated outreach pair's handheld: the thin Paho side of a TeamDuty. It listens for
// orders and withdrawals (QoS 1, platslage/v1/+/outreach/<team>/dispatch: an order comes on
// the alert's station's topic) and for the hub's receipts, and sends what the pair does. A
// status is a snapshot, so one lost while offline is not resent: the next one replaces it.
// An answer or an outcome is kept in an outbox until its receipt comes, like a guard's report.
#include "mqtt_device.hpp"
#include "report_outbox.hpp"
#include "team_duty.hpp"

#include <cstdint>
#include <string>

namespace platslage::sim {

struct TeamCounts {
    std::uint64_t statuses = 0;
    std::uint64_t orders = 0;   // orders heard
    std::uint64_t answers = 0;  // acks and declines sent
    std::uint64_t outcomes = 0; // outcomes sent
    std::uint64_t refused = 0;  // answers or outcomes the hub refused
};

class OutreachTeam {
public:
    OutreachTeam(const MqttSessionOptions& broker, TeamDuty duty, Millis resend_after);

    // One turn of the loop: orders and receipts in, the pair's steps up to `now` (simulated) out, stamped `stamp`.
    void tick(TimePoint stamp, const SimMoment& now, bool extra_cold);
    // Goes off duty and offline.
    void close(TimePoint stamp);

    const TeamCounts& counts() const { return counts_; }

private:
    void take_messages(TimePoint sim_now);
    void send(const TeamMessage& m, TimePoint stamp);
    void send_due(TimePoint stamp);

    TeamDuty duty_;
    MqttDevice mqtt_;
    ReportOutbox outbox_;
    TeamCounts counts_;
};

} // namespace platslage::sim
