#pragma once
// Whether the hub can write its event log, as the operators and the status must know it. A
// database that cannot write (the disk full, the file system gone read-only, a failing disk)
// means that nothing arriving is stored and no receipt goes out: handhelds keep their reports
// and send them again, and the hub carries on by itself with the first write that succeeds.
// Every failed write is counted; the spell of failures is what the console shows.
#include "clock.hpp"
#include "hub_entries.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace platslage {

class StorageHealth {
public:
    // A write failed with the database's `error` (an exception's text).
    void failed(TimePoint now, const std::string& error);
    // A write went through: a spell of failures, if any, has ended.
    void stored(TimePoint now);

    bool failing() const { return spell_.has_value(); }
    std::uint64_t failures() const { return failures_; } // since the hub started
    // The picture's entry while failing; none while the log takes writes.
    const std::optional<StorageEntry>& entry() const { return spell_; }
    // For the STATUS reply: {"state":"ok"} or the spell, with the failures since start.
    nlohmann::json status() const;
    // True once after the entry changed (began, counted another failure, ended): time to
    // publish it. Failures are published at most as often as the caller asks.
    bool take_change();

private:
    std::optional<StorageEntry> spell_;
    std::uint64_t failures_ = 0;
    std::optional<TimePoint> last_recovered_;
    std::uint64_t failed_writes_last_spell_ = 0;
    bool changed_ = false;
};

} // namespace platslage
