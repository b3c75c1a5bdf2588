#pragma once
// The hub's request desk: the ROUTER socket where consoles and tools ask for STATUS, a zone's
// HISTORY, a SNAPSHOT of the picture (sent whole at the reader's pace by SnapshotSender), the
// partnership's tables (STATS, counted by the FollowUpWorker off the loop), SEARCH the event
// log (read by the same worker) or carry out a
// COMMAND (docs/protocol.md). Each turn it answers for at most 10 ms, so no client asking in
// a loop can hold back the inputs and their receipts.
#include "command_desk.hpp"
#include "follow_up_worker.hpp"
#include "hub_context.hpp"
#include "hub_status.hpp"
#include "refusals.hpp"
#include "snapshot_sender.hpp"
#include "wire.hpp"

#include <zmq.hpp>

#include <optional>
#include <string>

namespace platslage {

class RequestDesk {
public:
    RequestDesk(HubContext& hub, Refusals& refusals, CommandDesk& commands, const HubStatus& status, zmq::context_t& ctx,
                const std::string& endpoint);

    // Answers what waits, within the turn's budget, then sends what the snapshots under way can take.
    void serve(bool mqtt_connected);

    zmq::socket_t& router() { return router_; }
    // Where the FollowUpWorker's answers arrive: the loop waits on it too.
    zmq::socket_t& follow_up_answers() { return follow_up_.socket(); }
    FollowUpCounts follow_up_counts() const { return follow_up_.counts(); }
    bool sending_snapshots() const { return snapshots_.busy(); }
    SnapshotCounts snapshot_counts() const;

private:
    // The reply to one request; none when a snapshot was started (its frames follow from pump()).
    // `peer`: the ZAP User-Id the request came with (the sender's public key), or empty.
    std::optional<Frames> answer(const Frames& envelope, const Frames& body, bool mqtt_connected, const std::string& peer);
    void reply(const Frames& envelope, Frames body);
    // The audit trail of an alert or meeting, newest 50, oldest first (AUDIT).
    std::string audit_json(const std::string& target) const;
    // A zone's counts over the last day, from memory (core/fusion/occupancy_history.hpp).
    std::string history_json(const Zone& z) const;
    // STATS: the query checked against the maps here, counted by the worker.
    std::optional<Frames> ask_statistics(const Frames& envelope, const std::string& query);
    // A request refused: counted by reason, answered "reason: detail".
    Frames refuse(const Rejection& why);
    // A query's station and zone against the maps (a zone of another station is refused); none when they are.
    std::optional<Frames> check_place(const std::string& station, const std::string& zone);
    // SEARCH: the query checked against the maps here, read by the worker.
    std::optional<Frames> ask_search(const Frames& envelope, const std::string& query);

    HubContext& hub_;
    Refusals& refusals_;
    CommandDesk& commands_;
    const HubStatus& status_;
    zmq::socket_t router_;
    SnapshotSender snapshots_;
    FollowUpWorker follow_up_;
    std::uint64_t snapshots_busy_ = 0; // snapshot requests answered "busy"
};

} // namespace platslage
