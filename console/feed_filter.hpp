#pragma once
// The feed's filters, decided without a window: which reports the operator wants to see.
#include "picture.hpp"

#include <string>
#include <vector>

namespace platslage::console {

struct FeedFilter {
    std::string station;          // "" for both
    bool people_only = false;     // hide patrols that found nobody
    std::string category;         // "" for any; else reports naming it
    std::string zone;             // "" for any; else only this zone
    bool operator==(const FeedFilter&) const = default;
};

bool shows(const FeedFilter& f, const ReportView& r);
std::vector<const ReportView*> feed(const std::vector<ReportView>& reports, const FeedFilter& f);

} // namespace platslage::console
