#pragma once
// A simulated guard's handheld: starts a shift, reports what its guards see, and keeps
// every report in a ReportOutbox until the hub's receipt says it is stored, resending
// what has had no receipt (docs/protocol.md, "Delivery").
#include "mqtt_device.hpp"
#include "report_generator.hpp"
#include "report_outbox.hpp"

#include <cstdint>
#include <string>

namespace platslage::sim {

struct HandheldCounts {
    std::uint64_t created = 0; // reports the guards made
    std::uint64_t sent = 0;    // first publishes
    std::uint64_t resent = 0;  // publishes again after no receipt came
    std::uint64_t stored = 0;  // closed by a stored or duplicate receipt
    std::uint64_t refused = 0; // closed by a refusal: a bug in the simulator or the hub
    std::size_t pending = 0;   // waiting for a receipt
};

class GuardHandheld {
public:
    GuardHandheld(const MqttSessionOptions& broker, ReportGenerator reports, int guards, Millis resend_after);

    // One turn of the loop: receipts in, new reports when due in simulated time, sends out.
    void tick(TimePoint now, Millis sim_now, double local_hour);
    // Ends the shift and goes offline.
    void close(TimePoint now);

    HandheldCounts counts() const;
    const std::string& device() const { return reports_.device(); }

private:
    void take_receipts();
    void send_due(TimePoint now);

    ReportGenerator reports_;
    int guards_;
    MqttDevice mqtt_;
    ReportOutbox outbox_;
    std::string report_topic_;
    std::string shift_topic_;
    bool on_shift_ = false;
    Millis next_report_{0};
    HandheldCounts counts_;
};

} // namespace platslage::sim
