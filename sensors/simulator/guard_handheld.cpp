#include "guard_handheld.hpp"

#include "presence.hpp"
#include "receipt.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace platslage::sim {

GuardHandheld::GuardHandheld(const MqttSessionOptions& broker, ReportGenerator reports, int guards, Millis resend_after)
    : reports_(std::move(reports)), guards_(guards), mqtt_(broker, reports_.station(), reports_.device(),
            {topic_string(Topic{reports_.station(), TopicKind::guard_receipt, reports_.device()})}),
      outbox_(resend_after),
      report_topic_(topic_string(Topic{reports_.station(), TopicKind::guard_report, reports_.device()})),
      shift_topic_(topic_string(Topic{reports_.station(), TopicKind::guard_shift, reports_.device()})) {}

void GuardHandheld::tick(TimePoint now, Millis sim_now, double hour) {
    mqtt_.maintain(now);
    take_receipts();
    if (!on_shift_) {
        // The shift starts once the handheld is first heard; reports follow from then on,
        // connected or not: the outbox keeps them.
        if (!mqtt_.ready()) return;
        if (!mqtt_.publish(shift_topic_, to_json(ShiftEvent{reports_.station(), device(), now, true, guards_}).dump()))
            return;
        on_shift_ = true;
        spdlog::info("{}: shift started at {} ({} guards)", device(), reports_.station(), guards_);
        next_report_ = sim_now + reports_.gap_after(hour);
    }
    if (sim_now >= next_report_) {
        GuardReport r = reports_.next(now, hour);
        outbox_.add(r.id, report_topic_, to_json(r).dump());
        ++counts_.created;
        // One report per turn at most: after a stall the schedule catches up, it does not burst.
        next_report_ = std::max(next_report_ + reports_.gap_after(hour), sim_now);
    }
    send_due(now);
}

void GuardHandheld::take_receipts() {
    for (const auto& m : mqtt_.take()) {
        auto receipt = decode_receipt(m.payload);
        if (!receipt) {
            spdlog::warn("{}: unreadable receipt: {}", device(), receipt.rejection().detail);
            continue;
        }
        if (!receipt->id) {
            spdlog::warn("{}: receipt without an id: {} {}", device(), receipt->reason, receipt->detail);
            continue;
        }
        if (receipt->status == ReceiptStatus::refused)
            spdlog::warn("{}: report {} refused: {}: {}", device(), *receipt->id, receipt->reason, receipt->detail);
        // A second receipt for a resent report finds nothing left to close: harmless.
        outbox_.close(*receipt->id, receipt->status);
    }
}

void GuardHandheld::send_due(TimePoint now) {
    if (!mqtt_.ready()) return;
    for (OutboxEntry* e : outbox_.due(now)) {
        if (!mqtt_.publish(e->topic, e->payload)) return;
        ++(e->attempts == 0 ? counts_.sent : counts_.resent);
        outbox_.mark_sent(*e, now);
    }
}

void GuardHandheld::close(TimePoint now) {
    take_receipts();
    if (outbox_.pending() > 0)
        spdlog::warn("{}: {} reports still without a receipt at shutdown", device(), outbox_.pending());
    std::vector<DeviceMessage> farewell;
    if (on_shift_)
        farewell.push_back({shift_topic_, to_json(ShiftEvent{reports_.station(), device(), now, false, guards_}).dump()});
    mqtt_.close(farewell, now);
}

HandheldCounts GuardHandheld::counts() const {
    HandheldCounts c = counts_;
    c.stored = outbox_.stored();
    c.refused = outbox_.refused();
    c.pending = outbox_.pending();
    return c;
}

} // namespace platslage::sim
