#pragma once
// The hub's answer to a guard report, published after the report is committed to disk
// (or refused): platslage/v1/<station>/guard/<device>/receipt.
#include "checked.hpp"
#include "report_outbox.hpp"

#include <optional>
#include <string>

namespace platslage {

struct Receipt {
    std::optional<std::string> id; // absent when the payload was too broken to read an id
    ReceiptStatus status = ReceiptStatus::stored;
    std::string reason; // a RejectReason name when refused
    std::string detail;
};

std::string encode_receipt(const Receipt& r);
Checked<Receipt> decode_receipt(std::string_view payload);
// Best effort: the id of a report that is being refused, so the handheld can close it.
std::optional<std::string> salvage_report_id(std::string_view payload);

} // namespace platslage
