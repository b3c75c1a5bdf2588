#include "receipt.hpp"
#include "report_outbox.hpp"

#include <doctest/doctest.h>

using namespace platslage;

TEST_CASE("a report stays in the outbox until its receipt, and is resent when none comes") {
    const TimePoint t0{Millis{0}};
    ReportOutbox box(std::chrono::seconds(10));
    box.add("r1", "t", "{}");
    box.add("r2", "t", "{}");
    auto due = box.due(t0);
    REQUIRE(due.size() == 2);
    CHECK(due[0]->id == "r1");
    for (auto* e : due) box.mark_sent(*e, t0);
    CHECK(box.due(t0 + std::chrono::seconds(9)).empty());
    CHECK(box.close("r1", ReceiptStatus::stored));
    CHECK_FALSE(box.close("r1", ReceiptStatus::stored));
    auto again = box.due(t0 + std::chrono::seconds(10));
    REQUIRE(again.size() == 1);
    CHECK(again[0]->id == "r2");
    CHECK(box.close("r2", ReceiptStatus::refused));
    CHECK(box.pending() == 0);
    CHECK(box.stored() == 1);
    CHECK(box.refused() == 1);
}

TEST_CASE("receipts round-trip; a refused one carries its reason") {
    auto r = decode_receipt(encode_receipt({std::string("r9"), "", ReceiptStatus::refused, "unknown_zone", "zone 'x' is not in the maps"}));
    REQUIRE(r);
    CHECK(r->id == "r9");
    CHECK(r->status == ReceiptStatus::refused);
    CHECK(r->reason == "unknown_zone");
    CHECK(decode_receipt(R"({"id":"r1","status":"stored"})")->status == ReceiptStatus::stored);
    CHECK(salvage_report_id(R"({"id":"r1","persons":"x"})") == "r1");
    CHECK_FALSE(salvage_report_id("{broken"));
}

TEST_CASE("the id of a refused message is looked for only in what a handheld may send") {
    // A payload larger than any handheld message is refused by its size; its id is not read,
    // so a megabyte of JSON costs nothing to refuse.
    const std::string padded = R"({"id":"r1","pad":")" + std::string(5000, 'x') + "\"}";
    CHECK_FALSE(salvage_report_id(padded));
    CHECK(salvage_report_id(R"({"id":"r1","pad":")" + std::string(3000, 'x') + "\"}") == "r1");
}
