#pragma once
// The picture's entry about the hub itself (docs/protocol.md, "The live picture"):
// `hub/storage`, present only while the hub cannot write its event log (the disk full, the
// file system gone read-only). While it is there, reports are not stored and no receipts go
// out; handhelds keep theirs and send them again. The key goes when a write succeeds again.
#include "clock.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace platslage {

inline constexpr const char* storage_entry_key = "hub/storage";

struct StorageEntry {
    TimePoint since;                // the first write that failed
    std::string error;              // the database's own words, e.g. "database or disk is full"
    std::int64_t failed_writes = 0; // since then
    bool operator==(const StorageEntry&) const = default;
};

nlohmann::json to_json(const StorageEntry& s);
std::optional<StorageEntry> storage_entry_from(const nlohmann::json& object);

} // namespace platslage
