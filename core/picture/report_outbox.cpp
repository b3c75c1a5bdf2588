#include "report_outbox.hpp"

#include <algorithm>

namespace platslage {

void ReportOutbox::add(std::string id, std::string topic, std::string payload) {
    entries_.push_back(OutboxEntry{std::move(id), std::move(topic), std::move(payload), std::nullopt, 0});
}

std::vector<OutboxEntry*> ReportOutbox::due(TimePoint now) {
    std::vector<OutboxEntry*> out;
    for (auto& e : entries_)
        if (!e.sent || now - *e.sent >= resend_after_) out.push_back(&e);
    return out;
}

void ReportOutbox::mark_sent(OutboxEntry& e, TimePoint now) {
    e.sent = now;
    ++e.attempts;
}

bool ReportOutbox::close(const std::string& id, ReceiptStatus status) {
    auto it = std::find_if(entries_.begin(), entries_.end(), [&](const OutboxEntry& e) { return e.id == id; });
    if (it == entries_.end()) return false;
    entries_.erase(it);
    if (status == ReceiptStatus::refused)
        ++refused_;
    else
        ++stored_;
    return true;
}

} // namespace platslage
