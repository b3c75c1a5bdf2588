#pragma once
// The same messages through the real hub: the paths a guard's report and a people counter's
// sample take in the field, with every check, commit and publication they cause.
#include "measure.hpp"
#include "qos1_round_trip.hpp"
#include "system_under_test.hpp"

#include <string>
#include <vector>

namespace platslage::bench {

struct ReportRun {
    Result receipt;   // report published → its receipt back, after the commit
    Result published; // report published → its report/ key on the hub's PUB socket
};

// Guard reports from many handhelds at once, `window` unanswered at a time. Throws unless
// every report is stored once, receipted "stored" and published.
ReportRun hub_reports(test::Hub& hub, const std::string& broker_url, const std::vector<Outgoing>& reports, int window);

// Occupancy samples pushed as fast as the socket takes them; done when the hub has stored
// them all. Throws unless every sample is stored.
Result hub_samples(test::Hub& hub, const std::vector<std::string>& samples);

} // namespace platslage::bench
