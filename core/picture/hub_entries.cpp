#include "hub_entries.hpp"

#include "entry_reader.hpp"
#include "time_text.hpp"

namespace platslage {

nlohmann::json to_json(const StorageEntry& s) {
    return {{"state", "failing"}, {"since", format_rfc3339(s.since)}, {"error", s.error}, {"failed_writes", s.failed_writes}};
}

std::optional<StorageEntry> storage_entry_from(const nlohmann::json& object) {
    EntryReader r(object);
    auto since = r.time("since");
    if (!since) return std::nullopt; // without it the banner could not say since when
    return StorageEntry{*since, r.text("error"), r.integer("failed_writes")};
}

} // namespace platslage
