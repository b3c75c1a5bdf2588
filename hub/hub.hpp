#pragma once
// The hub's loop. Each turn, in this order: wait on the sockets and the MQTT mailbox;
// check every input; commit the batch to SQLite in one transaction; only then fold it into
// the picture, publish the numbered updates and send the receipts (the input desk); answer
// snapshot, status and command requests (the request desk; a command too is committed
// before it is carried out); time-driven work (the fusion's clock, heartbeat, status line,
// snapshot of the fused state). Each pass is a part of its own; the loop only calls them.
#include "command_desk.hpp"
#include "event_log.hpp"
#include "hub_config.hpp"
#include "hub_context.hpp"
#include "hub_status.hpp"
#include "input_desk.hpp"
#include "mailbox.hpp"
#include "meeting_desk.hpp"
#include "mqtt_link.hpp"
#include "order_desk.hpp"
#include "publisher.hpp"
#include "refusals.hpp"
#include "request_desk.hpp"

#include <zmq.hpp>

#include <atomic>
#include <string>

namespace platslage {

class Hub {
public:
    Hub(const HubConfig& cfg, const ZoneMap& zones, EventLog& log, const Clock& clock, zmq::context_t& ctx,
        HubSecurity& security);

    // Rebuilds the picture: from the newest readable snapshot and the events after it, or
    // without one from the last `replay_hours` of the event log.
    void rebuild();
    // Saves the fused state so the next start need not replay the whole log.
    void save_snapshot();
    void run(const std::atomic<bool>& stop, Mailbox<MqttMessage>& inbox, MqttLink& mqtt);

    std::string status_json(bool mqtt_connected) const;
    std::string status_line(bool mqtt_connected) const;

private:
    // Waits for an input or a request, or for the time-driven work; false when a signal came.
    bool wait(Mailbox<MqttMessage>& inbox);
    void time_driven_work(const MqttOut& mqtt);
    // The event log's health into the picture (hub/storage), once a tick when it changed.
    void publish_storage_health();

    HubContext hub_;
    Refusals refusals_;
    OrderDesk orders_;
    Publisher publisher_;
    InputDesk inputs_;
    MeetingDesk meetings_;
    CommandDesk commands_;
    HubStatus status_;
    RequestDesk requests_;
    TimePoint last_tick_{};
    TimePoint last_status_{};
    TimePoint last_snapshot_{};
    TimePoint last_trim_{};
    TimePoint last_meeting_check_{};
    TimePoint last_purge_{};
};

} // namespace platslage
