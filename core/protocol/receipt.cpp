#include "receipt.hpp"

#include "guard_report.hpp"
#include "json_fields.hpp"

namespace platslage {

namespace {
constexpr std::size_t max_handheld_message_bytes = max_report_bytes; // the largest any topic takes
} // namespace

std::string encode_receipt(const Receipt& r) {
    nlohmann::json j;
    j["id"] = r.id ? nlohmann::json(*r.id) : nlohmann::json(nullptr);
    if (!r.of.empty()) j["of"] = r.of;
    j["status"] = r.status == ReceiptStatus::stored ? "stored" : r.status == ReceiptStatus::duplicate ? "duplicate" : "refused";
    if (r.status == ReceiptStatus::refused) {
        j["reason"] = r.reason;
        j["detail"] = r.detail;
    }
    return j.dump();
}

Checked<Receipt> decode_receipt(std::string_view payload) {
    auto doc = parse_object(payload, 4096);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    f.only({"id", "of", "status", "reason", "detail"});
    auto id = f.text("id", 64, /*required=*/false);
    auto of = f.one_of("of", {"ack", "outcome"}, /*required=*/false);
    auto status = f.one_of("status", {"stored", "duplicate", "refused"});
    auto reason = f.text("reason", 64, false);
    auto detail = f.text("detail", 500, false);
    if (f.failed()) return f.failure();
    Receipt r;
    r.id = id;
    r.of = of.value_or("");
    r.status = *status == "stored" ? ReceiptStatus::stored : *status == "duplicate" ? ReceiptStatus::duplicate : ReceiptStatus::refused;
    r.reason = reason.value_or("");
    r.detail = detail.value_or("");
    return r;
}

std::optional<std::string> salvage_report_id(std::string_view payload, const char* field) {
    // Nothing larger than a handheld may send is read at all.
    if (payload.size() > max_handheld_message_bytes) return std::nullopt;
    auto doc = nlohmann::json::parse(payload, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
    auto it = doc.find(field);
    if (it == doc.end() || !it->is_string() || it->get_ref<const std::string&>().size() > 64) return std::nullopt;
    return it->get<std::string>();
}

} // namespace platslage
