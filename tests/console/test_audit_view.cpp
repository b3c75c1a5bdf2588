#include "audit_view.hpp"

#include <doctest/doctest.h>

using namespace platslage::console;

TEST_CASE("the audit trail reads as who did what, refused or done, in Stockholm time") {
    auto audit = parse_audit(R"({"target":"A-000001","audit":[
        {"at":"2026-12-03T21:00:40Z","position":"viewer-1","role":"viewer","fingerprint":"a9d05249a5e11c45","op":"resolve","result":"forbidden"},
        {"at":"2026-12-03T21:01:05Z","position":"kc-2","role":"operator","fingerprint":"9f3e85493b58a0e6","op":"resolve","result":"done"},
        {"at":"2026-12-03T21:02:00Z","position":"kc-9","role":"unchecked","fingerprint":"","op":"note","result":"done"}]})");
    REQUIRE(audit);
    CHECK(audit->target == "A-000001");
    CHECK(audit_lines(*audit) == std::vector<std::string>{
                                     "22:00:40  resolve by viewer-1 (viewer, key a9d05249): REFUSED forbidden",
                                     "22:01:05  resolve by kc-2 (operator, key 9f3e8549): done",
                                     "22:02:00  note by kc-9 (unchecked, no key): done",
                                 });
}

TEST_CASE("an audit reply that cannot be read is no audit") {
    CHECK_FALSE(parse_audit("not json"));
    CHECK_FALSE(parse_audit(R"({"target":"A-000001"})"));
    CHECK_FALSE(parse_audit(R"({"target":"A-000001","audit":[{"at":"x"}]})"));
    auto empty = parse_audit(R"({"target":"A-000002","audit":[]})");
    REQUIRE(empty);
    CHECK(audit_lines(*empty).empty());
}
