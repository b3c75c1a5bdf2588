#pragma once
// What the hub sends a team's handheld on platslage/v1/<station>/outreach/<team>/dispatch
// (core/fusion/dispatch.cpp, order_json): an order to go to an alert's zone, or, on the same
// topic, its withdrawal ({"dispatch","alert","withdrawn":true,"ts"}). Read leniently: the
// handheld takes what it needs and ignores what a later hub adds.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platslage::sim {

struct DispatchOrder {
    std::string dispatch; // "D-000042"
    std::string alert;
    bool withdrawn = false;
    // Only in an order:
    std::string zone;
    int persons = 0;
    std::vector<std::string> categories;
};

// Nullopt when the message is not an order or a withdrawal (the handheld logs and drops it).
std::optional<DispatchOrder> read_dispatch_message(std::string_view payload);

} // namespace platslage::sim
