#include "storage_banner.hpp"

#include "stockholm_time.hpp"

namespace platslage::console {

StorageBanner storage_banner(const std::optional<StorageEntry>& spell) {
    if (!spell) return {};
    StorageBanner b;
    b.shown = true;
    b.headline = "HUB CANNOT STORE REPORTS";
    const std::string why = spell->error.empty() ? std::string("no reason given") : spell->error;
    // The bar has one line: the database's name, which the tooltip keeps, gives way to the reason.
    const std::string reason = why.rfind("SQLite: ", 0) == 0 ? why.substr(8) : why;
    b.line = b.headline + " since " + stockholm_clock_text(spell->since) + ": " + reason + ". Reports wait in the handhelds.";
    b.detail = "Since " + stockholm_clock_text(spell->since) + " the hub's database refuses writes (" +
               why + "; " +
               std::to_string(spell->failed_writes) + (spell->failed_writes == 1 ? " write" : " writes") +
               " failed). Reports arriving now are not stored and get no receipt: the handhelds keep them and send them "
               "again. Counts and alerts below may lag. Tell the hub's administrator; the hub carries on by itself when "
               "it can write again.";
    return b;
}

} // namespace platslage::console
