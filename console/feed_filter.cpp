#include "feed_filter.hpp"

#include <algorithm>

namespace platslage::console {

bool shows(const FeedFilter& f, const ReportView& r) {
    if (!f.station.empty() && r.station != f.station) return false;
    if (f.people_only && r.persons == 0) return false;
    if (!f.zone.empty() && r.zone != f.zone) return false;
    if (!f.category.empty() && std::find(r.categories.begin(), r.categories.end(), f.category) == r.categories.end())
        return false;
    return true;
}

std::vector<const ReportView*> feed(const std::vector<ReportView>& reports, const FeedFilter& f) {
    std::vector<const ReportView*> out;
    for (const auto& r : reports)
        if (shows(f, r)) out.push_back(&r);
    return out;
}

} // namespace platslage::console
