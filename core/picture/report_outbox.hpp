#pragma once
// A handheld's outbox: a report stays here until the hub's receipt says it is stored (or
// refused with a reason). The broker's PUBACK is not enough: it means the broker has the
// report, not that the hub has written it to disk (docs/protocol.md, "Delivery").
#include "clock.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace platslage {

struct OutboxEntry {
    std::string id;
    std::string topic;
    std::string payload;
    std::optional<TimePoint> sent;
    int attempts = 0;
};

enum class ReceiptStatus { stored, duplicate, refused };

class ReportOutbox {
public:
    explicit ReportOutbox(Millis resend_after) : resend_after_(resend_after) {}

    void add(std::string id, std::string topic, std::string payload);
    // Entries to (re)send now, oldest first: never sent, or sent longer ago than resend_after.
    std::vector<OutboxEntry*> due(TimePoint now);
    void mark_sent(OutboxEntry& e, TimePoint now);
    // A receipt for `id` closes the entry; returns false when no entry had that id.
    bool close(const std::string& id, ReceiptStatus status);

    std::size_t pending() const { return entries_.size(); }
    std::uint64_t stored() const { return stored_; }
    std::uint64_t refused() const { return refused_; }

private:
    Millis resend_after_;
    std::deque<OutboxEntry> entries_;
    std::uint64_t stored_ = 0;
    std::uint64_t refused_ = 0;
};

} // namespace platslage
