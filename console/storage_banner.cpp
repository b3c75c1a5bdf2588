#include "storage_banner.hpp"

#include "stockholm_time.hpp"

namespace platslage::console {

StorageBanner storage_banner(const std::optional<StorageEntry>& spell) {
    if (!spell) return {};
    StorageBanner b;
    b.shown = true;
    b.headline = "HUB CANNOT STORE REPORTS";
    b.detail = "Since " + stockholm_clock_text(spell->since) + " the hub's database refuses writes (" +
               (spell->error.empty() ? std::string("no reason given") : spell->error) + "; " +
               std::to_string(spell->failed_writes) + (spell->failed_writes == 1 ? " write" : " writes") +
               " failed). Reports arriving now are not stored and get no receipt: the handhelds keep them and send them "
               "again. Counts and alerts below may lag. Tell the hub's administrator; the hub carries on by itself when "
               "it can write again.";
    return b;
}

} // namespace platslage::console
