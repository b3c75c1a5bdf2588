#pragma once
// An outreach pair's round through its station: available in a zone, on the way to
// another, on scene, engaged with someone, available again. Seeded and pure, like the
// handheld's reports; the caller stamps the time.
#include "presence.hpp"
#include "zone_map.hpp"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace platslage::sim {

class TeamRound {
public:
    // `zones` are the team's station's zones; they must outlive the round.
    TeamRound(std::string station, std::string team, std::string organisation, std::vector<const Zone*> zones,
              std::uint32_t seed);

    // The status the team starts its shift with.
    OutreachStatus first(TimePoint ts);
    // The team's next step, stamped `ts`.
    OutreachStatus next(TimePoint ts, double local_hour);
    // Simulated time the team stays in its current status.
    Millis gap_after();
    // What the team sends when it goes home.
    OutreachStatus off_duty(TimePoint ts) const;
    // Back on the round after an order, available where the order took it (a zone of
    // another station leaves the round where it was): the next step moves on from there.
    void resume(const std::string& zone_id);

private:
    OutreachStatus status(TimePoint ts) const;

    std::string station_;
    std::string team_;
    std::string organisation_;
    std::vector<const Zone*> zones_;
    std::mt19937 rng_;
    TeamStatus state_ = TeamStatus::available;
    const Zone* zone_ = nullptr;
};

} // namespace platslage::sim
