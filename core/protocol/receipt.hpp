#pragma once
// The hub's answer to a guard report, or to a team's answer or outcome, published after it
// is committed to disk (or refused): platslage/v1/<station>/guard/<device>/receipt and
// platslage/v1/<station>/outreach/<team>/receipt.
#include "checked.hpp"
#include "report_outbox.hpp"

#include <optional>
#include <string>

namespace platslage {

struct Receipt {
    std::optional<std::string> id; // absent when the payload was too broken to read an id
    std::string of;                // for a team's receipts: "ack" or "outcome"; empty for guard reports
    ReceiptStatus status = ReceiptStatus::stored;
    std::string reason; // a RejectReason name when refused
    std::string detail;
};

std::string encode_receipt(const Receipt& r);
Checked<Receipt> decode_receipt(std::string_view payload);
// Best effort: the id of a message that is being refused, so the handheld can close it:
// a report's "id", or the "dispatch" a team's answer or outcome is about.
std::optional<std::string> salvage_report_id(std::string_view payload, const char* field = "id");

} // namespace platslage
