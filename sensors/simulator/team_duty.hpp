#pragma once
// An outreach pair's working time, as its handheld would live it: on duty in its shifts,
// checking in and out of zones on its round, and answering dispatch orders: accept (or now
// and then decline), en route, on scene in the order's zone, an outcome, available again. A
// withdrawn order is dropped wherever the pair is with it. Pure: simulated time and the
// stamp to send come in, seeded draws decide, messages go out; the Paho shell
// (outreach_team.hpp) and the recorded day both drive it.
#include "dispatch.hpp"
#include "dispatch_order.hpp"
#include "presence.hpp"
#include "scenario.hpp"
#include "sim_clock.hpp"
#include "team_round.hpp"
#include "zone_map.hpp"

#include <optional>
#include <random>
#include <set>
#include <variant>
#include <vector>

namespace platslage::sim {

// A status (on the status topic), an answer to an order (ack) or an outcome.
using TeamMessage = std::variant<OutreachStatus, DispatchAnswer, DispatchOutcome>;

class TeamDuty {
public:
    // `zones` must outlive the duty.
    TeamDuty(const TeamPlan& plan, const ZoneMap& zones, std::uint32_t seed, double decline_share);

    // An order or a withdrawal heard at simulated time `at`. An order heard again (the
    // broker redelivers, the hub resends on reconnect) changes nothing.
    void hear(const DispatchOrder& message, TimePoint at);
    // What the pair does up to `now`, each message stamped `stamp` (the wall clock in a
    // live run, the simulated time in a recorded one). `extra_cold` colours outcomes.
    std::vector<TeamMessage> step(const SimMoment& now, TimePoint stamp, bool extra_cold);
    // When something is due next, in simulated time (shift changes are seen by stepping).
    TimePoint next_due() const;
    // The off-duty status when the run ends during a shift.
    std::optional<OutreachStatus> go_home(TimePoint stamp);

    bool on_duty() const { return on_duty_; }
    const std::string& team() const { return plan_.id; }
    const std::string& station() const { return plan_.station; }
    // The order the pair is working on, if any.
    const std::optional<DispatchOrder>& order() const { return order_; }

private:
    enum class Stage { answering, travelling, on_scene };
    OutreachStatus order_status(TeamStatus s, TimePoint stamp) const;
    void finish_order(std::vector<TeamMessage>& out, TimePoint at, TimePoint stamp, bool extra_cold);

    TeamPlan plan_;
    const ZoneMap& zones_;
    TeamRound round_;
    std::mt19937 rng_; // the orders' draws, apart from the round's own stream
    double decline_share_;
    bool on_duty_ = false;
    TimePoint next_round_{};
    std::optional<DispatchOrder> order_;
    Stage stage_ = Stage::answering;
    bool declining_ = false;
    TimePoint next_order_step_{};
    std::vector<TeamMessage> queued_; // said at the next step: a decline of a second order, a stop after withdrawal
    std::set<std::string> heard_;     // order ids, so a repeat is not taken for a new order
};

} // namespace platslage::sim
