#pragma once
// The hub's loop. Each turn, in this order: wait on the sockets and the MQTT mailbox;
// check every input; commit the batch to SQLite in one transaction; only then fold it into
// the picture, publish the numbered updates and send the receipts; answer snapshot, status
// and command requests (a command too is committed before it is carried out); time-driven
// work (the fusion's clock, heartbeat, status line, snapshot of the fused state).
#include "event_log.hpp"
#include "hub_config.hpp"
#include "mailbox.hpp"
#include "meeting_book.hpp"
#include "mqtt_link.hpp"
#include "receipt.hpp"
#include "refusal_limiter.hpp"
#include "rejection.hpp"
#include "situation.hpp"
#include "snapshot_sender.hpp"
#include "wire.hpp"

#include <zmq.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace platslage {

class Hub {
public:
    Hub(const HubConfig& cfg, const ZoneMap& zones, EventLog& log, const Clock& clock, zmq::context_t& ctx);

    // Rebuilds the picture: from the newest readable snapshot and the events after it, or
    // without one from the last `replay_hours` of the event log.
    void rebuild();
    // Saves the fused state so the next start need not replay the whole log.
    void save_snapshot();
    void run(const std::atomic<bool>& stop, Mailbox<MqttMessage>& inbox, MqttLink& mqtt);

    std::string status_json(bool mqtt_connected) const;
    std::string status_line(bool mqtt_connected) const;

private:
    struct Pending; // an input being checked and committed this turn

    void take_inputs(Mailbox<MqttMessage>& inbox, std::vector<Pending>& batch);
    // Refused inputs beyond their source's share: one row per window, source and reason.
    void store_held_back(TimePoint now, bool flush);
    void check_team_message(Pending& p) const;
    void commit(std::vector<Pending>& batch);
    void send_receipt(const Pending& p, ReceiptStatus status, const Rejection* why);
    void serve_requests(bool mqtt_connected);
    std::string history_json(const Zone& z) const;
    Frames carry_out(const std::string& command_json);
    // Counts, logs and stores a refused command; the ERROR reply for it.
    Frames refuse_command(const Rejection& why, TimePoint now);
    // Joint deployment meetings (hub_meetings.cpp): planned, recorded and asked for agendas
    // over the same COMMAND verb as alert commands; stored in SQLite as they change.
    static bool is_meeting_command(const std::string& command_json);
    Frames carry_out_meeting(const std::string& command_json);
    Frames agenda_reply(const MeetingPlan& plan, TimePoint held_at);
    void restore_meetings();
    // Each plan's key in the picture (its next meeting moves on as time passes).
    void show_meetings(TimePoint now);
    // The retained notice of upcoming meetings for each station's handhelds, sent when it changed.
    void send_notices(TimePoint now, bool even_unchanged);
    void publish(const std::vector<Update>& updates);
    // Stores the alert steps not stored yet of the alerts these updates touched.
    void store_alert_steps(const std::vector<Update>& updates);
    // Every alert's and order's rows, again: at start, and after a write that failed.
    void store_all_steps_and_orders();
    // Stores the orders these updates touched, and tells teams of new and withdrawn ones.
    void store_and_send_orders(const std::vector<Update>& updates);
    void send_order(const Dispatch& d);
    void send_withdrawal(const Dispatch& d);
    void resend_open_orders();
    void apply(std::int64_t id, const Event& e, TimePoint heard, std::vector<Update>& out);
    void heartbeat_if_idle();

    const HubConfig& cfg_;
    const ZoneMap& zones_;
    EventLog& log_;
    const Clock& clock_;
    Situation situation_;
    zmq::socket_t ingest_;
    zmq::socket_t pub_;
    zmq::socket_t router_;
    std::uint64_t epoch_;
    TimePoint started_;
    TimePoint last_publish_{};
    TimePoint last_tick_{};
    TimePoint last_status_{};
    TimePoint last_snapshot_{};
    TimePoint last_trim_{};
    std::int64_t last_event_ = 0;                   // the newest event folded into the picture
    std::map<std::string, std::size_t> steps_stored_; // per alert: how many steps are in SQLite
    std::set<std::string> told_; // orders whose team has been sent them and not told of a withdrawal
    MqttLink* mqtt_ = nullptr;   // while run() runs
    MeetingBook meetings_;
    std::map<std::string, std::string> notices_sent_; // per station: the meetings last announced
    TimePoint last_meeting_check_{};
    RejectionCounters refused_;
    RefusalLimiter refusal_limiter_;
    SnapshotSender snapshots_;
    std::uint64_t snapshots_busy_ = 0;  // snapshot requests answered "busy"
    bool unstored_ = false;             // alert steps or orders failed to store: try again each tick
    std::uint64_t accepted_ = 0;
    std::uint64_t duplicates_ = 0;
    std::uint64_t store_failures_ = 0;
};

} // namespace platslage
