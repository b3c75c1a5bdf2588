#pragma once
// How a dispatched visit ends, drawn for the simulation: the outcomes the partners follow up
// (core/fusion/dispatch.hpp), where a referral goes, and the coarse descriptors of follow-up (two
// thirds of the homeless in Stockholm are men, one third women; domain brief). Never who.
// Pure: the order and a seeded generator in, the outcome out.
#include "dispatch.hpp"
#include "dispatch_order.hpp"

#include <random>
#include <string>

namespace platslage::sim {

// `extra_cold`: on such a night more accept support, and night shelters take more referrals.
DispatchOutcome draw_visit_outcome(const DispatchOrder& order, const std::string& station, const std::string& team,
                                   TimePoint ts, bool extra_cold, std::mt19937& rng);

} // namespace platslage::sim
