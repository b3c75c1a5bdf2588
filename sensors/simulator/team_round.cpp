#include "team_round.hpp"

#include "day_curve.hpp"
#include "seeded_draw.hpp"

#include <stdexcept>

namespace platslage::sim {

TeamRound::TeamRound(std::string station, std::string team, std::string organisation, std::vector<const Zone*> zones,
                     std::uint32_t seed)
    : station_(std::move(station)), team_(std::move(team)), organisation_(std::move(organisation)),
      zones_(std::move(zones)), rng_(seed) {
    if (zones_.empty()) throw std::invalid_argument("station '" + station_ + "' has no zones for a team");
}

OutreachStatus TeamRound::first(TimePoint ts) {
    state_ = TeamStatus::available;
    zone_ = zones_[static_cast<std::size_t>(between(rng_, 0, static_cast<int>(zones_.size()) - 1))];
    return status(ts);
}

OutreachStatus TeamRound::next(TimePoint ts, double hour) {
    if (!zone_) return first(ts);
    switch (state_) {
    case TeamStatus::available: {
        // Teams go where people who need them are likely to be: halls and waiting areas, at night above all.
        std::vector<double> w;
        for (const Zone* z : zones_) w.push_back(z == zone_ ? 0.0 : observation_zone_weight(z->kind, z->level, hour));
        if (zones_.size() > 1) zone_ = zones_[pick_weighted(rng_, w)];
        state_ = TeamStatus::en_route;
        break;
    }
    case TeamStatus::en_route: state_ = TeamStatus::on_scene; break;
    case TeamStatus::on_scene: state_ = chance(rng_, 0.6) ? TeamStatus::engaged : TeamStatus::available; break;
    case TeamStatus::engaged:
    case TeamStatus::off_duty: state_ = TeamStatus::available; break;
    }
    return status(ts);
}

Millis TeamRound::gap_after() {
    int lo = 5, hi = 15; // minutes
    switch (state_) {
    case TeamStatus::en_route: lo = 2, hi = 5; break;
    case TeamStatus::on_scene: lo = 2, hi = 6; break;
    case TeamStatus::engaged: lo = 10, hi = 25; break;
    case TeamStatus::available:
    case TeamStatus::off_duty: break;
    }
    return Millis{static_cast<Millis::rep>(between(rng_, lo * 60, hi * 60)) * 1000};
}

OutreachStatus TeamRound::off_duty(TimePoint ts) const {
    OutreachStatus s = status(ts);
    s.status = TeamStatus::off_duty;
    s.zone.clear();
    return s;
}

void TeamRound::resume(const std::string& zone_id) {
    state_ = TeamStatus::available;
    for (const Zone* z : zones_)
        if (z->id == zone_id) zone_ = z;
}

OutreachStatus TeamRound::status(TimePoint ts) const {
    OutreachStatus s;
    s.station = station_;
    s.team = team_;
    s.ts = ts;
    s.status = state_;
    s.zone = zone_ ? zone_->id : std::string();
    s.members = 2; // outreach works in pairs
    s.organisation = organisation_;
    return s;
}

} // namespace platslage::sim
