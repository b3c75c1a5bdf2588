#pragma once
// The hub cannot write its event log (the picture's `hub/storage` entry): the operator must
// know at once, because reports arriving now are not stored and their guards get no receipt.
// The picture itself stays live, and the operator's windows keep their places: the bar across
// the top turns red and says so on its own line, with the whole of it in a tooltip; not the
// outage banner that greys everything.
#include "hub_entries.hpp"

#include <optional>
#include <string>

namespace platslage::console {

struct StorageBanner {
    bool shown = false;
    std::string headline; // "HUB CANNOT STORE REPORTS"
    std::string line;     // on the bar: headline, since when and why, in a line
    std::string detail;   // since when, the database's words, what happens to the reports
};

StorageBanner storage_banner(const std::optional<StorageEntry>& spell);

} // namespace platslage::console
