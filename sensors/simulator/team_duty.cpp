#include "team_duty.hpp"

#include "seeded_draw.hpp"
#include "team_shifts.hpp"
#include "visit_outcome.hpp"

#include <algorithm>

namespace platslage::sim {

namespace {
using namespace std::chrono;

// Seed role of the orders' stream, apart from the round's.
constexpr std::uint32_t order_role = 9;

Millis minutes_between(std::mt19937& rng, int lo, int hi) { return Millis{static_cast<Millis::rep>(between(rng, lo * 60, hi * 60)) * 1000}; }

void stamp_with(TeamMessage& m, TimePoint stamp) {
    std::visit([&](auto& v) { v.ts = stamp; }, m);
}
} // namespace

TeamDuty::TeamDuty(const TeamPlan& plan, const ZoneMap& zones, std::uint32_t seed, double decline_share)
    : plan_(plan), zones_(zones), round_(plan.station, plan.id, plan.organisation, zones.zones_of(plan.station), seed),
      rng_(actor_seed(seed, order_role, 0)), decline_share_(decline_share) {}

void TeamDuty::hear(const DispatchOrder& m, TimePoint at) {
    if (m.withdrawn) {
        if (!order_ || order_->dispatch != m.dispatch) return; // not ours any more, or already done
        if (stage_ != Stage::answering) {
            // Stopped where the order had taken them, and free for the next.
            queued_.push_back(order_status(TeamStatus::available, at));
            round_.resume(order_->zone);
        }
        order_.reset();
        next_round_ = at + round_.gap_after();
        return;
    }
    if (!heard_.insert(m.dispatch).second) return;
    const Zone* zone = zones_.find(m.zone);
    if (!on_duty_ || order_ || !zone) {
        // Off duty, already on an order, or a zone the maps do not have: the pair cannot go.
        queued_.push_back(DispatchAnswer{zone ? zone->station : plan_.station, plan_.id, m.dispatch, at, false});
        return;
    }
    order_ = m;
    stage_ = Stage::answering;
    declining_ = chance(rng_, decline_share_);
    // A moment to read the order and decide, as a pair would.
    next_order_step_ = at + Millis{static_cast<Millis::rep>(between(rng_, 20, 90)) * 1000};
}

std::vector<TeamMessage> TeamDuty::step(const SimMoment& now, TimePoint stamp, bool extra_cold) {
    std::vector<TeamMessage> out = std::move(queued_);
    queued_.clear();
    for (auto& m : out) stamp_with(m, stamp);

    bool shift = sim::on_duty(plan_.shifts, now.day, now.hour);
    if (!on_duty_) {
        if (!shift) return out;
        on_duty_ = true;
        out.push_back(round_.first(stamp));
        next_round_ = now.at + round_.gap_after();
        return out;
    }
    if (order_) {
        // An order is finished before the pair goes home.
        while (order_ && now.at >= next_order_step_) {
            switch (stage_) {
            case Stage::answering: {
                const Zone* z = zones_.find(order_->zone);
                out.push_back(DispatchAnswer{z->station, plan_.id, order_->dispatch, stamp, !declining_});
                if (declining_) {
                    order_.reset();
                    break;
                }
                out.push_back(order_status(TeamStatus::en_route, stamp));
                stage_ = Stage::travelling;
                next_order_step_ += minutes_between(rng_, 2, 6);
                break;
            }
            case Stage::travelling:
                out.push_back(order_status(TeamStatus::on_scene, stamp));
                stage_ = Stage::on_scene;
                next_order_step_ += minutes_between(rng_, 5, 20);
                break;
            case Stage::on_scene: finish_order(out, next_order_step_, stamp, extra_cold); break;
            }
        }
        return out;
    }
    if (!shift) {
        out.push_back(round_.off_duty(stamp));
        on_duty_ = false;
        return out;
    }
    if (now.at >= next_round_) {
        out.push_back(round_.next(stamp, now.hour));
        next_round_ = std::max(next_round_ + round_.gap_after(), now.at);
    }
    return out;
}

void TeamDuty::finish_order(std::vector<TeamMessage>& out, TimePoint at, TimePoint stamp, bool extra_cold) {
    const Zone* z = zones_.find(order_->zone);
    out.push_back(draw_visit_outcome(*order_, z->station, plan_.id, stamp, extra_cold, rng_));
    out.push_back(order_status(TeamStatus::available, stamp));
    round_.resume(order_->zone);
    order_.reset();
    next_round_ = at + round_.gap_after();
}

TimePoint TeamDuty::next_due() const {
    if (!queued_.empty()) return TimePoint::min();
    if (order_) return next_order_step_;
    if (on_duty_) return next_round_;
    return TimePoint::max();
}

std::optional<OutreachStatus> TeamDuty::go_home(TimePoint stamp) {
    if (!on_duty_) return std::nullopt;
    on_duty_ = false;
    return round_.off_duty(stamp);
}

OutreachStatus TeamDuty::order_status(TeamStatus s, TimePoint stamp) const {
    const Zone* z = zones_.find(order_->zone);
    return OutreachStatus{z ? z->station : plan_.station, plan_.id, stamp, s, order_->zone, 2, plan_.organisation};
}

} // namespace platslage::sim
